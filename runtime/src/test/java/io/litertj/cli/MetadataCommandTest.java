package io.litertj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.legalize.shape.Graphs;
import io.litertj.testing.Closeness;
import io.litertj.testing.ElementType;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorFlowOracle;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.support.metadata.MetadataExtractor;
import org.tensorflow.lite.support.metadata.schema.ModelMetadata;

/** {@code litert-convert --metadata FILE.json}, read back with the official metadata reader. */
class MetadataCommandTest {

  @TempDir
  static Path temp;
  static Path model;
  static Path json;

  @BeforeAll
  static void write() throws IOException {
    model = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 6)
        .variable("w", Graphs.randomFloats(41, 6, 3))
        .output("scores", g -> g.tf().nn.softmax(g.tf().linalg.matMul(g.input("x"), g.variable("w"))))
        .export(temp.resolve("model"));
    Path dir = Files.createDirectories(temp.resolve("meta"));
    Files.writeString(dir.resolve("classes.txt"), "cat\ndog\nbird\n");
    json = Files.writeString(dir.resolve("metadata.json"), """
        {"name": "Pets", "description": "three pets", "version": "2", "author": "tests", "license": "Apache-2.0",
         "inputs": {"x": {"description": "six features", "mean": [0], "std": [1], "min": -1, "max": 1}},
         "outputs": {"scores": {"labels": "classes.txt"}}}
        """);
  }

  record Outcome(int exit, String out, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = LiteRtConvertCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void writesTheMetadataAndPacksTheLabels() throws IOException {
    Path out = temp.resolve("pets.tflite");
    Outcome o = run("--saved_model_dir", model.toString(), "--output_file", out.toString(), "--metadata", json.toString());
    assertEquals(0, o.exit(), o.err());
    byte[] bytes = Files.readAllBytes(out);
    assertRead(bytes, "Pets");
    try (LiteRtOracle lite = LiteRtOracle.load(bytes); TensorFlowOracle tf = TensorFlowOracle.load(model)) {
      Map<String, TensorData> in = RandomInputs.seeded(4).forSignature(lite.signature("serving_default"));
      Closeness.standard().assertAllClose(tf.run("serving_default", in), lite.run("serving_default", in));
    }

    // the file with metadata is a valid input in turn; metadata is given again for the quantized model
    Path fp16 = temp.resolve("pets_fp16.tflite");
    Outcome again = run("--tflite_model_file", out.toString(), "--output_file", fp16.toString(), "--quantize",
        "float16", "--metadata", json.toString());
    assertEquals(0, again.exit(), again.err());
    assertRead(Files.readAllBytes(fp16), "Pets");
  }

  @Test
  void aBadMetadataFileIsOneParagraphAndWritesNothing() throws IOException {
    Path bad = Files.writeString(temp.resolve("bad.json"), "{\"name\": \"x\", \"outputs\": {\"score\": {}}}");
    Path out = temp.resolve("bad.tflite");
    Outcome o = run("--saved_model_dir", model.toString(), "--output_file", out.toString(), "--metadata", bad.toString());
    assertEquals(1, o.exit(), o.err());
    assertTrue(o.err().contains("the metadata describes output 'score', which the model does not have"), o.err());
    assertTrue(o.err().contains("[scores]"), o.err());
    assertFalse(o.err().contains("Exception"), o.err());
    assertFalse(Files.exists(out));
  }

  private static void assertRead(byte[] bytes, String name) throws IOException {
    MetadataExtractor extractor = new MetadataExtractor(ByteBuffer.wrap(bytes));
    ModelMetadata meta = extractor.getModelMetadata();
    assertEquals(name, meta.name());
    assertEquals("three pets", meta.description());
    assertEquals("2", meta.version());
    assertEquals("tests", meta.author());
    assertEquals("Apache-2.0", meta.license());
    assertEquals("six features", extractor.getInputTensorMetadata(0).description());
    assertEquals(-1f, extractor.getInputTensorMetadata(0).stats().min(0));
    assertEquals("classes.txt", extractor.getOutputTensorMetadata(0).associatedFiles(0).name());
    assertEquals(Set.of("classes.txt"), extractor.getAssociatedFileNames());
    try (InputStream in = extractor.getAssociatedFile("classes.txt")) {
      assertEquals("cat\ndog\nbird\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
