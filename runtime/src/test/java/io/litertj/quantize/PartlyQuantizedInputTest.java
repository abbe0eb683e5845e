package io.litertj.quantize;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.calibrate.ProgressListener;
import io.litertj.dataset.NdArray;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.tflite.TfliteReader;
import io.litertj.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quantizing a model that is partly quantized already (dynamic range, float16), as a user with only
 * such a .tflite would: its constants become float32 again first, so the result is what the float
 * original gives; a fully quantized model is refused with a reason.
 */
class PartlyQuantizedInputTest {

  @Test
  void int8FromADynamicRangeModelHasTheFloatModelsWeights() {
    List<Map<String, NdArray>> data = samples(20);
    LiteRtModel dynamicRange = roundTrip(PostTrainingQuantizer.quantize(TinyModels.denseDivSoftmax(),
        QuantizationOptions.of(QuantizationMode.DYNAMIC_RANGE).withDynamicRangeMinElements(1), null,
        ProgressListener.NONE));
    assertEquals(DataType.INT8, fullyConnected(dynamicRange).input(1).type(), "the input really is hybrid");

    QuantizationOptions int8 = QuantizationOptions.of(QuantizationMode.INT8);
    LiteRtModel fromFloat = roundTrip(PostTrainingQuantizer.quantize(TinyModels.denseDivSoftmax(), int8, data,
        ProgressListener.NONE));
    LiteRtModel fromHybrid = roundTrip(PostTrainingQuantizer.quantize(dynamicRange, int8, data, ProgressListener.NONE));
    Tensor expected = fullyConnected(fromFloat).input(1);
    Tensor actual = fullyConnected(fromHybrid).input(1);
    assertEquals(expected.constantBytes(), actual.constantBytes(), "int8 weights");
    assertArrayEquals(expected.quantization().scales(), actual.quantization().scales(), "weight scales");
    assertEquals(DataType.INT32, fullyConnected(fromHybrid).input(2).type(), "an int32 bias, as LiteRT needs");
  }

  @Test
  void int8FromAFloat16ModelRunsCloseToTheFloatModel() {
    List<Map<String, NdArray>> data = samples(20);
    LiteRtModel float16 = roundTrip(PostTrainingQuantizer.quantize(TinyModels.denseDivSoftmax(),
        QuantizationOptions.of(QuantizationMode.FLOAT16), null, ProgressListener.NONE));
    LiteRtModel q = PostTrainingQuantizer.quantize(float16, QuantizationOptions.of(QuantizationMode.INT8), data,
        ProgressListener.NONE);
    for (Operator op : q.subgraphs().get(0).operators()) {
      for (Tensor t : op.inputs()) {
        assertTrue(t == null || t.type() != DataType.FLOAT16, op.op() + " still reads a float16 constant");
      }
    }
    QuantizationReport report = QualityReporter.report(TinyModels.denseDivSoftmax(), q, data, ProgressListener.NONE);
    assertTrue(report.outputs().get(0).snrDb() > 30, report.summary());
  }

  @Test
  void aFullyQuantizedModelIsRefusedWithAReason() {
    List<Map<String, NdArray>> data = samples(20);
    LiteRtModel int8 = roundTrip(PostTrainingQuantizer.quantize(denseSoftmax(),
        QuantizationOptions.of(QuantizationMode.INT8), data, ProgressListener.NONE));
    ConversionException e = assertInputError(() -> PostTrainingQuantizer.quantize(int8,
        QuantizationOptions.of(QuantizationMode.INT8), data, ProgressListener.NONE));
    assertTrue(e.getMessage().contains("already fully quantized"), e.getMessage());
  }

  /** Older converters leave min/max without a scale on float tensors (half_plus_two): still float, in every mode. */
  @Test
  void floatTensorsWithOnlyMinAndMaxQuantizeInEveryMode() {
    LiteRtModel model = TinyModels.denseDivSoftmax();
    for (Operator op : model.subgraphs().get(0).operators()) {
      op.output(0).setQuantization(new QuantizationParams(new float[0], new long[0], 0, new float[] {-1},
          new float[] {1}));
    }
    LiteRtModel read = roundTrip(model);
    for (QuantizationMode mode : QuantizationMode.values()) {
      LiteRtModel q = PostTrainingQuantizer.quantize(read, QuantizationOptions.of(mode), samples(10),
          ProgressListener.NONE);
      QuantizationReport report = QualityReporter.report(read, q, samples(10), ProgressListener.NONE);
      assertTrue(report.outputs().get(0).snrDb() > 25, mode + ": " + report.summary());
    }
  }

  @Test
  void dequantizedValuesArePerAxisAndExact() {
    Tensor int8 = Tensor.constant("w", DataType.INT8, Shape.of(2, 3), ConstantData.of(new byte[] {1, -2, 127, 4, 0, -127}));
    int8.setQuantization(QuantizationParams.perAxis(new float[] {0.5f, 0.25f}, new long[2], 0));
    assertArrayEquals(new float[] {0.5f, -1f, 63.5f, 1f, 0f, -31.75f}, FloatConstants.values(int8));

    ByteBuffer halfs = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : new float[] {1.5f, -65504f, 0x1p-24f, 0f}) {
      halfs.putShort(Half.fromFloat(f));
    }
    Tensor half = Tensor.constant("h", DataType.FLOAT16, Shape.of(4), ConstantData.of(halfs.array()));
    assertArrayEquals(new float[] {1.5f, -65504f, 0x1p-24f, 0f}, FloatConstants.values(half));
  }

  /** TinyModels' model without its DIV (which has no int8 kernel): every op can be int8. */
  private static LiteRtModel denseSoftmax() {
    LiteRtModel m = TinyModels.denseDivSoftmax();
    io.litertj.ir.Subgraph s = m.subgraphs().get(0);
    Operator div = s.operators().get(1);
    s.replaceAllUses(div.output(0), div.input(0));
    s.removeOperator(div);
    return m;
  }

  private static Operator fullyConnected(LiteRtModel m) {
    return m.subgraphs().get(0).operators().stream().filter(op -> op.op() == BuiltinOp.FULLY_CONNECTED).findFirst()
        .orElseThrow();
  }

  /** Through a file's bytes, as a user's .tflite arrives. */
  private static LiteRtModel roundTrip(LiteRtModel m) {
    return TfliteReader.read(new TfliteWriter().toBytes(m));
  }

  private static List<Map<String, NdArray>> samples(int n) {
    return TinyModels.samples(n);
  }
}
