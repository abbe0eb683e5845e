package io.litertj.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.QuantizationParams;
import org.junit.jupiter.api.Test;

/** The spec's arithmetic, number by number. */
class ArithmeticTest {

  @Test
  void perChannelScalesAreMaxAbsOver127PerSlice() {
    // OHWI [2,1,1,2]: channel 0 = {1, -2}, channel 1 = {0.5, 0.25}
    float[] w = {1f, -2f, 0.5f, 0.25f};
    assertArrayEquals(new float[] {2f / 127, 0.5f / 127}, WeightQuantizer.scales(w, new int[] {2, 1, 1, 2}, 0));
    // depthwise [1,1,2,2] on axis 3: channel 0 = {1, 0.5}, channel 1 = {-2, 0.25}
    assertArrayEquals(new float[] {1f / 127, 2f / 127}, WeightQuantizer.scales(w, new int[] {1, 1, 2, 2}, 3));
    assertArrayEquals(new float[] {2f / 127}, WeightQuantizer.scales(w, new int[] {2, 2}, -1));
    byte[] q = WeightQuantizer.quantize(w, new int[] {2, 1, 1, 2}, 0, WeightQuantizer.scales(w, new int[] {2, 1, 1, 2}, 0));
    assertArrayEquals(new byte[] {64, -127, 127, 64}, q); // 63.5 rounds away from zero
  }

  @Test
  void allZeroSliceGetsASmallPositiveScale() {
    float[] scales = WeightQuantizer.scales(new float[] {0, 0, 3, 0}, new int[] {2, 2}, 0);
    assertTrue(scales[0] > 0 && scales[0] < 1e-4, "scale " + scales[0]);
    assertEquals(3f / 127, scales[1]);
  }

  @Test
  void zeroPointIsNudgedSoZeroIsExact() {
    QuantizationParams q = ActivationParams.int8(-1f, 3f);
    assertEquals(4f / 255, q.scale(), 1e-9);
    assertEquals(-64, q.zeroPoint()); // round(-128 + 63.75)
    QuantizationParams positive = ActivationParams.int8(0.5f, 2f); // widened to [0, 2]
    assertEquals(2f / 255, positive.scale(), 1e-9);
    assertEquals(-128, positive.zeroPoint());
    QuantizationParams negative = ActivationParams.int8(-3f, -1f); // widened to [-3, 0]
    assertEquals(127, negative.zeroPoint());
  }

  @Test
  void int16IsSymmetricWithZeroPointZero() {
    QuantizationParams q = ActivationParams.int16(-2f, 1f);
    assertEquals(2f / 32767, q.scale(), 1e-12);
    assertEquals(0, q.zeroPoint());
  }

  @Test
  void biasThatWouldOverflowInt32WidensTheWeightScale() {
    float inputScale = 1e-3f;
    float[] weightScales = {1e-7f, 1e-2f};
    float[] bias = {1000f, 1f};
    float[] widened = BiasQuantizer.widenForInt32(bias, inputScale, weightScales);
    assertTrue(widened[0] > weightScales[0], "channel 0 widened");
    assertEquals(weightScales[1], widened[1], "channel 1 untouched");
    float[] biasScales = BiasQuantizer.scales(inputScale, widened, 2);
    int[] q = BiasQuantizer.quantizeInt32(bias, biasScales);
    assertTrue(Math.abs((double) q[0]) <= Integer.MAX_VALUE && q[0] > 2_000_000_000, "q " + q[0]);
    assertEquals(1000.0, q[0] * (double) biasScales[0], 1e-3);
    assertEquals(100_000, q[1]); // 1 / (1e-3 * 1e-2)
  }

  @Test
  void uint8IoUsesTheSameScaleWithZeroPointPlus128() {
    QuantizationParams int8 = ActivationParams.int8(-1f, 3f);
    QuantizationParams uint8 = ActivationParams.toUint8(int8);
    assertEquals(int8.scale(), uint8.scale());
    assertEquals(int8.zeroPoint() + 128, uint8.zeroPoint());
  }

  @Test
  void fixedOutputParams() {
    assertEquals(QuantizationParams.perTensor(1f / 256, -128), FixedOutputParams.of(BuiltinOp.LOGISTIC, DataType.INT8));
    assertEquals(QuantizationParams.perTensor(1f / 256, -128), FixedOutputParams.of(BuiltinOp.SOFTMAX, DataType.INT8));
    assertEquals(QuantizationParams.perTensor(1f / 128, 0), FixedOutputParams.of(BuiltinOp.TANH, DataType.INT8));
    assertEquals(QuantizationParams.perTensor(1f / 128, 0),
        FixedOutputParams.of(BuiltinOp.L2_NORMALIZATION, DataType.INT8));
    assertEquals(QuantizationParams.perTensor(16f / 256, 127),
        FixedOutputParams.of(BuiltinOp.LOG_SOFTMAX, DataType.INT8));
    assertEquals(null, FixedOutputParams.of(BuiltinOp.ADD, DataType.INT8));
    assertEquals(QuantizationParams.perTensor(1f / 32768, 0), FixedOutputParams.of(BuiltinOp.SOFTMAX, DataType.INT16));
  }

  @Test
  void float16RoundsToNearestEvenAndClamps() {
    assertEquals((short) 0x3c00, Half.fromFloat(1f));
    assertEquals((short) 0xc000, Half.fromFloat(-2f));
    assertEquals((short) 0x7bff, Half.fromFloat(65504f));
    assertEquals((short) 0x7bff, Half.fromFloat(1e9f));
    assertEquals((short) 0xfbff, Half.fromFloat(-1e9f));
    assertEquals((short) 0x0001, Half.fromFloat(5.9604645e-8f)); // smallest subnormal
    assertEquals((short) 0x3c00, Half.fromFloat(1f + 0x1p-11f)); // tie rounds to even
    assertEquals((short) 0x3c02, Half.fromFloat(1f + 3 * 0x1p-11f));
  }
}
