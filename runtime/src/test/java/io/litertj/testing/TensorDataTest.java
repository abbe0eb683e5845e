package io.litertj.testing;

import static io.litertj.testing.TensorData.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorDataTest {

  @Test
  void floatsRoundTripThroughLittleEndianBytes() {
    TensorData t = TensorData.ofFloats(shape(2, 2), 1f, -2.5f, 0f, 3e-7f);
    assertArrayEquals(new float[] {1f, -2.5f, 0f, 3e-7f}, t.asFloats());
    assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f}, java.util.Arrays.copyOf(t.bytes(), 4)); // 1.0f LE
    assertEquals(4, t.elementCount());
    assertEquals(2, t.rank());
  }

  @Test
  void intsLongsAndScalars() {
    assertArrayEquals(new int[] {1, -2, 3}, TensorData.ofInts(shape(3), 1, -2, 3).asInts());
    assertArrayEquals(new long[] {1L << 40, -7}, TensorData.ofLongs(shape(2), 1L << 40, -7).asLongs());
    TensorData s = TensorData.scalar(4.5f);
    assertEquals(0, s.rank());
    assertEquals(1, s.elementCount());
    assertEquals(4.5f, s.asFloats()[0]);
  }

  @Test
  void narrowIntegerTypesWidenToIntsAndLongs() {
    assertArrayEquals(new int[] {-128, 127}, TensorData.ofInt8(shape(2), (byte) -128, (byte) 127).asInts());
    assertArrayEquals(new int[] {0, 255}, TensorData.ofUint8(shape(2), 0, 255).asInts());
    assertArrayEquals(new long[] {-300, 300}, TensorData.ofShorts(shape(2), (short) -300, (short) 300).asLongs());
    assertArrayEquals(new int[] {1, 0}, TensorData.ofBools(shape(2), true, false).asInts());
  }

  @Test
  void halfsRoundToNearestAndWidenExactly() {
    TensorData h = TensorData.ofHalfs(shape(5), 1f, -2f, 65504f, 1e-7f, 0.1f);
    float[] back = h.asFloats();
    assertEquals(1f, back[0]);
    assertEquals(-2f, back[1]);
    assertEquals(65504f, back[2]); // the largest binary16
    assertEquals(1.1920929e-7f, back[3]); // subnormal: 2 * 2^-24
    assertEquals(0.099975586f, back[4]); // 0x2e66, numpy's float16(0.1)
    assertEquals(Float.POSITIVE_INFINITY, TensorData.ofHalfs(shape(1), 70000f).asFloats()[0]);
    assertTrue(Float.isNaN(TensorData.ofHalfs(shape(1), Float.NaN).asFloats()[0]));
  }

  @Test
  void rejectsBytesThatDoNotFitTheShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TensorData.of(ElementType.FLOAT32, shape(2, 3), new byte[20]));
    assertTrue(e.getMessage().contains("needs 24 bytes, got 20"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TensorData.of(ElementType.STRING, shape(1), new byte[1]));
  }

  @Test
  void wrongAccessorNamesTheTypes() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TensorData.ofInts(shape(1), 1).named("k").asFloats());
    assertTrue(e.getMessage().contains("'k' is INT32"), e.getMessage());
  }

  @Test
  void isImmutableAndComparesByContent() {
    float[] values = {1, 2};
    TensorData a = TensorData.ofFloats(shape(2), values);
    values[0] = 9;
    a.bytes()[0] = 42;
    a.shape()[0] = 7;
    assertEquals(TensorData.ofFloats(shape(2), 1, 2), a);
    assertNotEquals(a, a.named("x"));
    assertEquals(a.hashCode(), TensorData.ofFloats(shape(2), 1, 2).hashCode());
    assertArrayEquals(new long[] {1, 2}, a.reshaped(1, 2).shape());
  }
}
