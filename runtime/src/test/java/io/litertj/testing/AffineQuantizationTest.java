package io.litertj.testing;

import static io.litertj.testing.TensorData.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AffineQuantizationTest {
  private final TensorSpec.Quantization q = new TensorSpec.Quantization(0.5f, -3);

  @Test
  void roundsHalfAwayFromZeroAndClamps() {
    TensorData x = TensorData.ofFloats(shape(6), 0f, 0.25f, -0.25f, 1f, 100f, -100f).named("x");
    TensorData int8 = AffineQuantization.quantize(x, q, ElementType.INT8);
    assertEquals("x", int8.name());
    assertArrayEquals(new int[] {-3, -2, -4, -1, 127, -128}, int8.asInts());
    assertArrayEquals(new int[] {0, 0, 0, 0, 197, 0}, AffineQuantization.quantize(x, q, ElementType.UINT8).asInts());
  }

  @Test
  void dequantizesBack() {
    TensorData int8 = TensorData.ofInt8(shape(3), (byte) -3, (byte) -1, (byte) 127);
    assertArrayEquals(new float[] {0f, 1f, 65f}, AffineQuantization.dequantize(int8, q).asFloats());
  }
}
