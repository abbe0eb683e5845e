package io.litertj.quantize;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.calibrate.ProgressListener;
import io.litertj.dataset.NdArray;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.testing.Closeness;
import io.litertj.testing.TensorData;
import io.litertj.tflite.TfliteWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Float fallback, int8-only errors, keep-float patterns, and bad datasets. */
class FallbackAndErrorsTest {

  @TempDir Path temp;

  private static List<Map<String, NdArray>> samples(int n) {
    return TinyModels.samples(n);
  }

  private static LiteRtModel quantize(QuantizationOptions options, List<Map<String, NdArray>> data) {
    return PostTrainingQuantizer.quantize(TinyModels.denseDivSoftmax(), options, data, ProgressListener.NONE);
  }

  @Test
  void opWithoutInt8KernelFallsBackToFloatAndRuns() {
    LiteRtModel q = quantize(QuantizationOptions.of(QuantizationMode.INT8), samples(20));
    List<BuiltinOp> ops = q.subgraphs().get(0).operators().stream().map(Operator::op).toList();
    assertEquals(List.of(BuiltinOp.QUANTIZE, BuiltinOp.FULLY_CONNECTED, BuiltinOp.DEQUANTIZE, BuiltinOp.DIV,
        BuiltinOp.QUANTIZE, BuiltinOp.SOFTMAX, BuiltinOp.DEQUANTIZE), ops);
    assertRunsClose(q, 20);
  }

  @Test
  void int8OnlyNamesTheOpWithoutKernel() {
    ConversionException e = assertInputError(
        () -> quantize(QuantizationOptions.of(QuantizationMode.INT8).withInt8Only(true), samples(3)));
    assertTrue(e.getMessage().contains("DIV") && e.getMessage().contains("div"), e.getMessage());
  }

  @Test
  void keepFloatPatternsKeepOpsFloat() {
    LiteRtModel q = quantize(QuantizationOptions.of(QuantizationMode.INT8).withKeepFloat(List.of("SOFTMAX", "dens*")),
        samples(20));
    for (Operator op : q.subgraphs().get(0).operators()) {
      if (op.op() == BuiltinOp.SOFTMAX || op.op() == BuiltinOp.FULLY_CONNECTED) {
        assertEquals(DataType.FLOAT32, op.output(0).type(), op.op().name());
      }
    }
    assertRunsClose(q, 40);
  }

  @Test
  void uint8IoHasUint8TensorsAndRuns() {
    LiteRtModel q = quantize(QuantizationOptions.of(QuantizationMode.INT8).withIoTypes(IoType.UINT8, IoType.UINT8),
        samples(20));
    assertEquals(DataType.UINT8, q.subgraphs().get(0).inputs().get("x").type());
    assertEquals(DataType.UINT8, q.subgraphs().get(0).outputs().get("y").type());
    assertEquals(-128 + 128, q.subgraphs().get(0).outputs().get("y").quantization().zeroPoint());
    assertRunsClose(q, 20);
  }

  @Test
  void wrongInputNameIsNamedWithTheSampleIndex() {
    List<Map<String, NdArray>> data = new ArrayList<>(samples(5));
    data.set(3, Map.of("z", NdArray.ofFloats(new float[4], 1, 4)));
    assertBad(data, "sample 3", "'z'", "[x]");
  }

  @Test
  void wrongDtypeRankShapeAndEmptyAreClear() {
    List<Map<String, NdArray>> dtype = new ArrayList<>(samples(2));
    dtype.set(1, Map.of("x", new NdArray(DataType.INT32, new int[] {1, 4}, new byte[16])));
    assertBad(dtype, "sample 1", "INT32", "expected FLOAT32");
    assertBad(List.of(Map.of("x", NdArray.ofFloats(new float[4], 4))), "sample 0", "rank 1", "expected rank 2");
    assertBad(List.of(Map.of("x", NdArray.ofFloats(new float[5], 1, 5))), "sample 0", "[1, 5]", "[-1, 4]");
    assertBad(List.of(), "empty", "[x]");
    assertBad(List.of(Map.of("x", NdArray.ofFloats(new float[0], 0, 4))), "sample 0", "empty");
  }

  @Test
  void nanActivationNamesTensorAndSample() {
    List<Map<String, NdArray>> data = new ArrayList<>(samples(4));
    data.set(2, Map.of("x", NdArray.ofFloats(new float[] {0, Float.NaN, 0, 0}, 1, 4)));
    assertBad(data, "sample 2", "'x'", "NaN");
  }

  @Test
  void missingDatasetIsAnError() {
    assertInputError(() -> quantize(QuantizationOptions.of(QuantizationMode.INT8), null));
  }

  private void assertBad(List<Map<String, NdArray>> data, String... parts) {
    Path out = temp.resolve("bad.tflite");
    ConversionException e = assertInputError(() -> {
      LiteRtModel q = quantize(QuantizationOptions.of(QuantizationMode.INT8), data);
      new TfliteWriter().write(q, out);
    });
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
    assertFalse(Files.exists(out), "no output file");
  }

  private static void assertRunsClose(LiteRtModel q, double minSnrDb) {
    float[] x = new float[40];
    Random r = new Random(9);
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat() * 4 - 2;
    }
    TensorData in = TensorData.ofFloats(new long[] {10, 4}, x);
    TensorData ref = QuantEval.run(new TfliteWriter().toBytes(TinyModels.denseDivSoftmax()), in);
    TensorData ours = QuantEval.run(new TfliteWriter().toBytes(q), in);
    double snr = Closeness.snrDb(ref, ours);
    assertTrue(snr > minSnrDb, "SNR " + snr);
  }
}
