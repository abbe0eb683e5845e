package io.litertj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.testing.Conformance;
import io.litertj.testing.ElementType;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SavedModels;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: tflite_convert's flags, help text, exit codes and error paragraphs. */
class LiteRtConvertCommandTest {

  @TempDir
  static Path temp;
  static Path model;

  @BeforeAll
  static void writeModel() {
    model = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 4)
        .variable("w", TensorData.ofFloats(new long[] {4, 2}, 1, 2, 3, 4, 5, 6, 7, 8))
        .output("y", g -> g.tf().nn.relu(g.tf().linalg.matMul(g.input("x"), g.variable("w"))))
        .export(temp.resolve("model"));
  }

  static Cli.Outcome run(String... args) {
    return Cli.run(args);
  }

  @Test
  void convertsWithTfliteConvertFlags() throws IOException {
    Path out = temp.resolve("model.tflite");
    Cli.Outcome o = run("--saved_model_dir", model.toString(), "--output_file", out.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("Wrote " + out) && o.out().contains("FULLY_CONNECTED"), o.out());
    Conformance.check(model, Files.readAllBytes(out), "serving_default", RandomInputs.seeded(9));
  }

  @Test
  void helpReadsLikeTfliteConvert() {
    Cli.Outcome o = run("--help");
    assertEquals(0, o.exit());
    for (String flag : new String[] {"--output_file", "--saved_model_dir", "--keras_model_file",
        "--saved_model_tag_set", "--saved_model_signature_key", "Exit codes"}) {
      assertTrue(o.out().contains(flag), "help lacks " + flag + ":\n" + o.out());
    }
  }

  @Test
  void missingOutputFileIsAUsageError() {
    Cli.assertMisuse(run("--saved_model_dir", model.toString()), "Missing required option: '--output_file",
        "Add --output_file OUTPUT_FILE.");
  }

  @Test
  void unknownSignatureIsOneReadableParagraph() {
    Path out = temp.resolve("none.tflite");
    Cli.Outcome o = run("--saved_model_dir", model.toString(), "--output_file", out.toString(),
        "--saved_model_signature_key", "predict");
    Cli.assertMisuse(o, "the SavedModel has no signature 'predict' in " + model.resolve("saved_model.pb"),
        "Its signatures are serving_default; name one of them (--saved_model_signature_key)");
    assertFalse(Files.exists(out));
  }

  @Test
  void verboseAddsTheStackTrace() {
    Cli.Outcome o = run("--saved_model_dir", temp.resolve("missing").toString(), "--output_file",
        temp.resolve("x.tflite").toString(), "--verbose");
    assertEquals(1, o.exit());
    assertTrue(o.err().contains("\tat "), o.err());
  }

  @Test
  void internalErrorsExitWith70AndAskForAReport() {
    ConversionException bug = ConversionException.internal("quantizing to INT8", Path.of("my_model"),
        new IllegalStateException("tensor has no producer"));
    StringWriter quiet = new StringWriter();
    assertEquals(70, LiteRtConvertCommand.report(bug, false, null, new PrintWriter(quiet, true)));
    String text = quiet.toString();
    assertTrue(text.contains("internal error") && text.contains("quantizing to INT8") && text.contains("my_model")
        && text.contains("bug in litertj") && text.contains("please report it") && text.contains("--verbose"), text);
    assertFalse(text.contains("\tat "), text);

    StringWriter verbose = new StringWriter();
    assertEquals(70, LiteRtConvertCommand.report(bug, true, null, new PrintWriter(verbose, true)));
    assertTrue(verbose.toString().contains("IllegalStateException") && verbose.toString().contains("\tat "),
        verbose.toString());

    StringWriter escaped = new StringWriter();
    assertEquals(70, LiteRtConvertCommand.report(new NullPointerException("x"), false, Path.of("m.keras"),
        new PrintWriter(escaped, true)));
    assertTrue(escaped.toString().contains("m.keras") && escaped.toString().contains("bug in litertj"),
        escaped.toString());

    StringWriter input = new StringWriter();
    assertEquals(1, LiteRtConvertCommand.report(new ConversionException("bad input"), false, null,
        new PrintWriter(input, true)));
    assertTrue(input.toString().startsWith("litert-convert: error: bad input"), input.toString());
  }

  @Test
  void convertsKerasFilesWithTheKerasFlag() throws IOException {
    Path h5 = SharedModels.require().resolve("mlperf_tiny_resnet8_h5/pretrainedResnet.h5");
    Path out = temp.resolve("resnet8.tflite");
    Cli.Outcome o = run("--keras_model_file", h5.toString(), "--output_file", out.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("input_1: FLOAT32[-1, 32, 32, 3]") && o.out().contains("CONV_2D x9"), o.out());
    assertTrue(Files.size(out) > 300_000);
  }

  @Test
  void unrollRnnFlagKeepsKerasRecurrentLayersUnrolled() throws IOException {
    Path keras = SharedModels.path("gen_keras3_rnn/lstm_stack/model.keras");
    Path fused = temp.resolve("lstm_fused.tflite");
    Path unrolled = temp.resolve("lstm_unrolled.tflite");
    Cli.Outcome f = run("--keras_model_file", keras.toString(), "--output_file", fused.toString());
    Cli.Outcome u = run("--keras_model_file", keras.toString(), "--output_file", unrolled.toString(), "--unroll_rnn");
    assertEquals(0, f.exit(), f.err());
    assertEquals(0, u.exit(), u.err());
    assertTrue(f.out().contains("UNIDIRECTIONAL_SEQUENCE_LSTM x2") && !f.out().contains("UNPACK"), f.out());
    assertTrue(u.out().contains("UNPACK x2") && !u.out().contains("UNIDIRECTIONAL_SEQUENCE_LSTM"), u.out());
    Cli.assertMisuse(run("--saved_model_dir", model.toString(), "--output_file", temp.resolve("s.tflite").toString(),
        "--unroll_rnn"), "--unroll_rnn applies to a Keras file (--keras_model_file), but --saved_model_dir names a"
        + " SavedModel.", "Drop --unroll_rnn: a SavedModel's recurrent layers are the loops of its TF graph");
  }

  @Test
  void kerasFileThatIsNotKerasIsOneParagraph() throws IOException {
    Path bogus = temp.resolve("bogus.h5");
    Files.writeString(bogus, "not an HDF5 file");
    Cli.Outcome o = run("--keras_model_file", bogus.toString(), "--output_file", temp.resolve("k.tflite").toString());
    assertEquals(1, o.exit());
    assertTrue(o.err().startsWith("litert-convert: error: ") && o.err().contains("bogus.h5"), o.err());
    assertFalse(o.err().contains("\tat "), o.err());
    assertFalse(Files.exists(temp.resolve("k.tflite")));
  }

  @Test
  void inputShapeFlagFixesUnknownRanks() throws IOException {
    Path dir = SavedModels.builder()
        .inputUnknownRank("a", ElementType.FLOAT32)
        .output("b", g -> g.tf().math.mul(g.input("a"), g.tf().constant(2f)))
        .export(temp.resolve("unknown_rank"));
    Path out = temp.resolve("unknown_rank.tflite");
    Cli.Outcome o = run("--saved_model_dir", dir.toString(), "--output_file", out.toString(), "--input_shape", "a=-1,3");
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("a: FLOAT32[-1, 3]"), o.out());
    Conformance.check(dir, Files.readAllBytes(out), "serving_default", RandomInputs.seeded(2).shape("a", 2, 3));
  }

  @Test
  void quantizesToFullIntegerWithADatasetAndWritesTheReport() throws IOException {
    Path kws = SharedModels.require().resolve("mlperf_tiny_kws_dscnn_tf2");
    Path out = temp.resolve("kws_int8.tflite");
    Path json = temp.resolve("kws_int8.json");
    Cli.Outcome o = run("--saved_model_dir", kws.toString(), "--output_file", out.toString(), "--quantize", "int8",
        "--representative_dataset", kws.resolve("reference_same_weights/calibration_100.npz").toString(),
        "--inference_input_type", "int8", "--inference_output_type", "int8", "--report", json.toString());
    assertEquals(0, o.exit(), o.err());
    // Every fifth sample is kept out of calibration for the report.
    assertTrue(o.err().contains("calibration: 80/80 samples") && o.err().contains("report: 20/20 samples"),
        "no progress shown:\n" + o.err());
    assertTrue(o.out().contains("SNR") && o.out().contains("input_1: INT8"), o.out());
    assertTrue(Files.readString(json).contains("\"snr_db\""), Files.readString(json));
    try (LiteRtOracle lite = LiteRtOracle.load(out)) {
      assertEquals(ElementType.INT8, lite.signature("serving_default").inputs().get(0).type());
    }
  }

  /**
   * The ResNet-8 path, from the command line: quantizing the official float file with
   * --tflite_model_file gives the very bytes the API gives (whose SNR the quantize tests gate).
   */
  @Test
  void quantizesAnExistingTfliteFileLikeTheApi() throws IOException {
    Path dir = SharedModels.path("mlperf_tiny_resnet8_h5/reference_same_weights");
    Path floatFile = dir.resolve("model_float32.tflite");
    Path dataset = dir.resolve("calibration_100.npz");
    Path out = temp.resolve("resnet8_int8.tflite");
    Cli.Outcome o = run("--tflite_model_file", floatFile.toString(), "--output_file", out.toString(), "--quantize", "int8",
        "--representative_dataset", dataset.toString(), "--inference_input_type", "int8",
        "--inference_output_type", "int8");
    assertEquals(0, o.exit(), o.err());
    byte[] api = io.litertj.LiteRtConverter.fromTflite(floatFile)
        .quantize(io.litertj.quantize.QuantizationOptions.of(io.litertj.quantize.QuantizationMode.INT8)
            .withIoTypes(io.litertj.quantize.IoType.INT8, io.litertj.quantize.IoType.INT8))
        .representativeDataset(io.litertj.dataset.NpzDataset.read(dataset))
        .convert().bytes();
    org.junit.jupiter.api.Assertions.assertArrayEquals(api, Files.readAllBytes(out));
    assertTrue(o.err().contains("calibration: 80/80 samples"), o.err());
  }

  @Test
  void quantizesToFloat16WithoutADataset() throws IOException {
    Path out = temp.resolve("model_fp16.tflite");
    Cli.Outcome o = run("--saved_model_dir", model.toString(), "--output_file", out.toString(), "--quantize", "float16");
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("DEQUANTIZE"), o.out());
    Conformance.check(model, Files.readAllBytes(out), "serving_default", RandomInputs.seeded(4),
        io.litertj.testing.Closeness.of(1e-2, 1e-2));
  }

  @Test
  void fullIntegerWithoutADatasetIsAUsageError() {
    Cli.Outcome o = run("--saved_model_dir", model.toString(), "--output_file", temp.resolve("q.tflite").toString(),
        "--quantize", "int8");
    Cli.assertMisuse(o, "--quantize int8 calibrates activation ranges on samples, but --representative_dataset is"
        + " not given.", "Add --representative_dataset FILE.npz");
    assertFalse(Files.exists(temp.resolve("q.tflite")));
  }

  @Test
  void unknownQuantizationModeIsAUsageError() {
    Cli.Outcome o = run("--saved_model_dir", model.toString(), "--output_file", temp.resolve("q4.tflite").toString(),
        "--quantize", "int4");
    Cli.assertMisuse(o, "'int4' is not one of float16, dynamic_range, int8, int16x8", null);
  }
}
