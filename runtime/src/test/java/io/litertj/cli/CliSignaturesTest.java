package io.litertj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionReport;
import io.litertj.LiteRtConverter;
import io.litertj.testing.Closeness;
import io.litertj.testing.Conformance;
import io.litertj.testing.ElementType;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.NpzReader;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SavedModels;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import io.litertj.tflite.TfliteReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which signatures the command converts, and how signatures of one function share a subgraph. */
class CliSignaturesTest {

  @TempDir
  Path temp;

  /**
   * The half_plus_two_tf1 row: tflite_convert converts serving_default unless told
   * otherwise, so the tf.Example signatures beside it no longer fail the default conversion.
   */
  @Test
  void convertsServingDefaultByDefaultLikeTfliteConvert() throws IOException {
    Path dir = SharedModels.path("half_plus_two_tf1");
    Path out = temp.resolve("half_plus_two.tflite");
    Cli.Outcome o = Cli.run("--saved_model_dir", dir.toString(), "--output_file", out.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("signature serving_default: 2 operators"), o.out());
    assertTrue(o.out().contains("not converted: classify_x_to_y, regress_x2_to_y3, regress_x_to_y, regress_x_to_y2"),
        o.out());
    try (LiteRtOracle lite = LiteRtOracle.load(out)) {
      assertEquals(List.of("serving_default"), lite.signatureKeys());
    }
    Conformance.check(dir, Files.readAllBytes(out), "serving_default", RandomInputs.seeded(3));
  }

  /** Without serving_default, every signature is converted, as before. */
  @Test
  void convertsEverySignatureWhenThereIsNoServingDefault() throws IOException {
    Path dir = SavedModels.builder()
        .signature("double")
        .input("x", ElementType.FLOAT32, -1, 3)
        .output("y", g -> g.tf().math.mul(g.input("x"), g.tf().constant(2f)))
        .signature("negate")
        .input("x", ElementType.FLOAT32, -1, 3)
        .output("y", g -> g.tf().math.neg(g.input("x")))
        .export(temp.resolve("two"));
    Path out = temp.resolve("two.tflite");
    Cli.Outcome o = Cli.run("--saved_model_dir", dir.toString(), "--output_file", out.toString());
    assertEquals(0, o.exit(), o.err());
    byte[] bytes = Files.readAllBytes(out);
    Conformance.check(dir, bytes, "double", RandomInputs.seeded(1));
    Conformance.check(dir, bytes, "negate", RandomInputs.seeded(2));
  }

  /** The README's example, on a real model with two signatures that both convert. */
  @Test
  void theReadmeExampleNamesTwoSignatures() throws IOException {
    Path dir = SharedModels.path("tfjs_module_with_multiple_signatures");
    Path out = temp.resolve("multiple.tflite");
    Cli.Outcome o = Cli.run("--saved_model_dir", dir.toString(), "--output_file", out.toString(),
        "--saved_model_signature_key", "serving_default,timestwo", "--saved_model_tag_set", "serve");
    assertEquals(0, o.exit(), o.err());
    byte[] bytes = Files.readAllBytes(out);
    Conformance.check(dir, bytes, "serving_default", RandomInputs.seeded(5));
    Conformance.check(dir, bytes, "timestwo", RandomInputs.seeded(6));
  }

  /**
   * Keras 3's model.export() writes serve and serving_default for one function: both keys point at
   * one subgraph, so the file is the size of one signature, near the official converter's file of
   * serving_default alone, and both keys run Keras's results in LiteRT.
   */
  @Test
  void kerasExportSignaturesShareOneSubgraph() throws IOException {
    Path dir = SharedModels.path("gen_keras3_op_layers/ops_arith");
    Path both = temp.resolve("both.tflite");
    Path one = temp.resolve("one.tflite");
    Cli.Outcome o = Cli.run("--saved_model_dir", dir.resolve("saved_model").toString(), "--output_file",
        both.toString(), "--saved_model_signature_key", "serve,serving_default");
    Cli.Outcome d = Cli.run("--saved_model_dir", dir.resolve("saved_model").toString(), "--output_file",
        one.toString());
    assertEquals(0, o.exit(), o.err());
    assertEquals(0, d.exit(), d.err());
    assertTrue(o.out().contains("signatures serve, serving_default (one subgraph): 10 operators"), o.out());
    assertEquals(1, TfliteReader.read(both).subgraphs().size());
    long official = Files.size(dir.resolve("reference/model_float32.tflite"));
    long sizeBoth = Files.size(both);
    long sizeOne = Files.size(one);
    // The second signature costs its signature_defs entry (names and indices), not a second graph.
    assertTrue(sizeBoth < sizeOne + 256, "two signatures " + sizeBoth + " bytes, one " + sizeOne);
    assertTrue(sizeBoth < official * 5 / 4, "two signatures " + sizeBoth + " bytes, official one " + official);
    Map<String, TensorData> inputs = NpzReader.read(dir.resolve("inputs.npz"));
    Map<String, TensorData> expected = NpzReader.read(dir.resolve("outputs.npz"));
    try (LiteRtOracle lite = LiteRtOracle.load(both)) {
      assertEquals(List.of("serve", "serving_default"), lite.signatureKeys());
      for (String key : List.of("serve", "serving_default")) {
        Map<String, TensorData> ours = lite.run(key, Map.of("x", inputs.get("x")));
        Closeness.of(1e-5, 1e-3).assertClose(key + " output_0", expected.get("output_0"), ours.get("output_0"));
      }
    }
  }

  /** The API keeps TFLiteConverter's default, every signature, and shares the subgraph too. */
  @Test
  void theApiConvertsEverySignatureAndSharesEqualOnes() {
    Path dir = SharedModels.path("gen_keras3_op_layers/ops_arith/saved_model");
    ConversionReport report = LiteRtConverter.fromSavedModel(dir).convert().report();
    assertEquals(List.of("serve", "serving_default"),
        report.signatures().stream().map(ConversionReport.SignatureSummary::key).toList());
    assertEquals(List.of(0, 0), report.signatures().stream().map(ConversionReport.SignatureSummary::subgraph).toList());
    assertEquals(List.of(), report.otherSignatures());
  }

  /** Two signatures that differ in one operator are two subgraphs. */
  @Test
  void signaturesThatComputeDifferentlyKeepTheirOwnSubgraphs() {
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 3)
        .output("y", g -> g.tf().math.mul(g.input("x"), g.tf().constant(2f)))
        .signature("tripled")
        .input("x", ElementType.FLOAT32, -1, 3)
        .output("y", g -> g.tf().math.mul(g.input("x"), g.tf().constant(3f)))
        .signature("doubled")
        .input("x", ElementType.FLOAT32, -1, 3)
        .output("y", g -> g.tf().math.mul(g.input("x"), g.tf().constant(2f)))
        .export(temp.resolve("three"));
    ConversionReport report = LiteRtConverter.fromSavedModel(dir).convert().report();
    Map<String, Integer> subgraphs = new java.util.TreeMap<>();
    report.signatures().forEach(s -> subgraphs.put(s.key(), s.subgraph()));
    assertEquals(subgraphs.get("doubled"), subgraphs.get("serving_default"), subgraphs.toString());
    assertTrue(!subgraphs.get("tripled").equals(subgraphs.get("doubled")), subgraphs.toString());
  }

  /** Quantizing keeps the sharing, and a shared file read back (--tflite_model_file) keeps both keys. */
  @Test
  void sharedSignaturesSurviveQuantizationAndReading() throws IOException {
    Path dir = SharedModels.path("gen_keras3_op_layers/ops_arith");
    Path fp16 = temp.resolve("fp16.tflite");
    Path dynamic = temp.resolve("dynamic.tflite");
    Cli.Outcome q = Cli.run("--saved_model_dir", dir.resolve("saved_model").toString(), "--output_file",
        fp16.toString(), "--saved_model_signature_key", "serve,serving_default", "--quantize", "float16");
    assertEquals(0, q.exit(), q.err());
    Cli.Outcome r = Cli.run("--tflite_model_file", fp16.toString(), "--output_file", dynamic.toString(), "--quantize",
        "dynamic_range");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("signatures serve, serving_default (one subgraph)"), r.out());
    Map<String, TensorData> inputs = NpzReader.read(dir.resolve("inputs.npz"));
    Map<String, TensorData> expected = NpzReader.read(dir.resolve("outputs.npz"));
    for (Path file : List.of(fp16, dynamic)) {
      assertEquals(1, TfliteReader.read(file).subgraphs().size(), file.toString());
      try (LiteRtOracle lite = LiteRtOracle.load(file)) {
        assertEquals(List.of("serve", "serving_default"), lite.signatureKeys());
        for (String key : lite.signatureKeys()) {
          Closeness.of(1e-2, 1e-2).assertClose(file.getFileName() + " " + key, expected.get("output_0"),
              lite.run(key, Map.of("x", inputs.get("x"))).get("output_0"));
        }
      }
    }
  }
}
