package io.litertj.tflite;

import static io.litertj.testing.TensorData.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our bytes in the real LiteRT 2.21 interpreter, against results computed here in plain Java:
 * what proves that the files are right, not only readable by our own reader.
 */
class TfliteWriterLiteRtTest {

  private static final TfliteWriter INLINE = new TfliteWriter();
  private static final TfliteWriter OFFSETS = new TfliteWriter(TfliteWriter.Options.defaults().withBufferOffsets(true));

  @TempDir
  Path dir;

  @Test
  void fullyConnectedWithBiasAndRelu() {
    IrModels.Dense dense = new IrModels.Dense();
    float[] x = IrModels.randomFloats(10, 2 * IrModels.Dense.IN);
    Map<String, TensorData> out = run(INLINE.toBytes(dense.model()), "serving_default",
        Map.of("x", TensorData.ofFloats(shape(2, IrModels.Dense.IN), x)));
    assertClose(dense.expected(x), out.get("y"), shape(2, IrModels.Dense.OUT));
  }

  @Test
  void conv2dSamePaddingStrideTwo() {
    IrModels.Conv conv = new IrModels.Conv();
    float[] x = IrModels.randomFloats(11, IrModels.Conv.H * IrModels.Conv.W * IrModels.Conv.C);
    Map<String, TensorData> out = run(INLINE.toBytes(conv.model()), "serving_default",
        Map.of("image", TensorData.ofFloats(shape(1, 5, 5, 2), x)));
    assertClose(conv.expected(x), out.get("features"), shape(1, 3, 3, 3));
  }

  @Test
  void addWithDynamicBatchResizes() {
    float[] a = IrModels.randomFloats(12, 12);
    float[] b = IrModels.randomFloats(13, 12);
    float[] sum = new float[12];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = a[i] + b[i];
    }
    Map<String, TensorData> out = run(INLINE.toBytes(IrModels.dynamicAdd()), "serving_default",
        Map.of("a", TensorData.ofFloats(shape(4, 3), a), "b", TensorData.ofFloats(shape(4, 3), b)));
    assertClose(sum, out.get("sum"), shape(4, 3));
  }

  @Test
  void reshapeKeepsTheData() {
    float[] x = {1, 2, 3, 4, 5, 6};
    Map<String, TensorData> out = run(INLINE.toBytes(IrModels.reshape()), "serving_default",
        Map.of("x", TensorData.ofFloats(shape(2, 3), x)));
    assertClose(x, out.get("y"), shape(3, 2));
  }

  @Test
  void twoSignaturesRunSeparately() {
    byte[] bytes = INLINE.toBytes(IrModels.twoSignatures());
    float[] x = {1, -2, 3.5f, 0};
    try (LiteRtOracle oracle = LiteRtOracle.load(bytes)) {
      assertEquals(List.of("double", "add_one"), oracle.signatureKeys());
      Map<String, TensorData> in = Map.of("x", TensorData.ofFloats(shape(4), x));
      assertClose(new float[] {2, -4, 7, 0}, oracle.run("double", in).get("y"), shape(4));
      assertClose(new float[] {2, -1, 4.5f, 1}, oracle.run("add_one", in).get("y"), shape(4));
    }
  }

  @Test
  void bufferOffsetLayoutGivesTheSameOutputsAsInline() throws Exception {
    IrModels.Conv conv = new IrModels.Conv();
    float[] x = IrModels.randomFloats(14, 50);
    Map<String, TensorData> in = Map.of("image", TensorData.ofFloats(shape(1, 5, 5, 2), x));

    Path file = dir.resolve("conv.tflite");
    TfliteWriter.Result result = OFFSETS.write(conv.model(), file);
    assertEquals(TfliteWriter.Layout.BUFFER_OFFSETS, result.layout());
    Map<String, TensorData> offsets = runFile(file, "serving_default", in);
    Map<String, TensorData> inline = run(INLINE.toBytes(conv.model()), "serving_default", in);

    assertArrayEquals(inline.get("features").bytes(), offsets.get("features").bytes());
    assertClose(conv.expected(x), offsets.get("features"), shape(1, 3, 3, 3));
  }

  @Test
  void bufferOffsetLayoutRunsWithTheDefaultXnnpackResolver() {
    IrModels.Conv conv = new IrModels.Conv();
    float[] x = IrModels.randomFloats(17, 50);
    float[] expected = conv.expected(x);
    float[] inline = DefaultLiteRt.runFloat(INLINE.toBytes(conv.model()), x, expected.length);
    float[] offsets = DefaultLiteRt.runFloat(OFFSETS.toBytes(conv.model()), x, expected.length);
    assertClose(expected, TensorData.ofFloats(shape(1, 3, 3, 3), inline), shape(1, 3, 3, 3));
    assertClose(expected, TensorData.ofFloats(shape(1, 3, 3, 3), offsets), shape(1, 3, 3, 3));
  }

  @Test
  void largeModelsSwitchToBufferOffsetsByThemselves() {
    // A tiny inline limit stands in for 2 GB.
    TfliteWriter writer = new TfliteWriter(TfliteWriter.Options.defaults().withInlineLimitBytes(64));
    IrModels.Dense dense = new IrModels.Dense();
    byte[] bytes = writer.toBytes(dense.model());
    assertEquals(2, ModelInspector.of(bytes).outOfLineBuffers()); // weights and bias
    float[] x = IrModels.randomFloats(15, 8);
    Map<String, TensorData> out = run(bytes, "serving_default", Map.of("x", TensorData.ofFloats(shape(2, 4), x)));
    assertClose(dense.expected(x), out.get("y"), shape(2, 3));
  }

  @Test
  void writtenFileRuns() throws Exception {
    IrModels.Dense dense = new IrModels.Dense();
    Path file = dir.resolve("dense.tflite");
    TfliteWriter.Result result = INLINE.write(dense.model(), file);
    assertEquals(Files.size(file), result.sizeBytes());
    float[] x = IrModels.randomFloats(16, 8);
    Map<String, TensorData> out = runFile(file, "serving_default", Map.of("x", TensorData.ofFloats(shape(2, 4), x)));
    assertClose(dense.expected(x), out.get("y"), shape(2, 3));
  }

  static Map<String, TensorData> run(byte[] bytes, String signature, Map<String, TensorData> inputs) {
    try (LiteRtOracle oracle = LiteRtOracle.load(bytes)) {
      return oracle.run(signature, inputs);
    }
  }

  private static Map<String, TensorData> runFile(Path file, String signature, Map<String, TensorData> inputs) {
    try (LiteRtOracle oracle = LiteRtOracle.load(file)) {
      return oracle.run(signature, inputs);
    }
  }

  private static void assertClose(float[] expected, TensorData actual, long[] shape) {
    assertArrayEquals(shape, actual.shape());
    Closeness.assertStandard("output", TensorData.ofFloats(shape, expected), actual.named(""));
  }
}
