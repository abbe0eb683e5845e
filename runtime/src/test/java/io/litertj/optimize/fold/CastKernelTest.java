package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.bool;
import static io.litertj.optimize.fold.Fold.bools;
import static io.litertj.optimize.fold.Fold.bytes;
import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.f32;
import static io.litertj.optimize.fold.Fold.f64;
import static io.litertj.optimize.fold.Fold.floats;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.i32;
import static io.litertj.optimize.fold.Fold.i64;
import static io.litertj.optimize.fold.Fold.ints;
import static io.litertj.optimize.fold.Fold.longs;
import static io.litertj.optimize.fold.Fold.out;
import static io.litertj.optimize.fold.Fold.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import org.junit.jupiter.api.Test;

class CastKernelTest {

  private static ConstantData cast(Tensor in, DataType to) {
    int[] d = in.shape().dims();
    return fold(BuiltinOp.CAST, new OpOptions.Cast(in.type(), to), out(to, d), in);
  }

  @Test
  void floatToIntTruncatesTowardZero() {
    Tensor x = f32(dims(6), 2.9f, -2.9f, 0.5f, -0.5f, 7f, -1e-30f);
    assertArrayEquals(new int[] {2, -2, 0, 0, 7, 0}, ints(cast(x, DataType.INT32)));
    assertArrayEquals(new long[] {2, -2, 0, 0, 7, 0}, longs(cast(x, DataType.INT64)));
  }

  @Test
  void floatToIntInRangeTruncates() {
    Tensor x = f32(dims(4), 2147483520f, -2147483648f, -0.99f, 255.9f);
    assertArrayEquals(new int[] {2147483520, Integer.MIN_VALUE, 0, 255}, ints(cast(x, DataType.INT32)));
    assertArrayEquals(new byte[] {127, -128, -5, 100}, raw(cast(f32(dims(4), 127.9f, -128.9f, -5.5f, 100.9f), DataType.INT8)));
    assertArrayEquals(new byte[] {0, (byte) 255}, raw(cast(f32(dims(2), -0.9f, 255.9f), DataType.UINT8)));
  }

  @Test
  void floatToIntOutOfRangeOrNanIsNotFolded() {
    // LiteRT 2.21 gives the CPU's "integer indefinite" value for some of these, current LiteRT saturates.
    assertNull(cast(f32(dims(1), 1e10f), DataType.INT32));
    assertNull(cast(f32(dims(1), Float.NaN), DataType.INT32));
    assertNull(cast(f32(dims(1), Float.NEGATIVE_INFINITY), DataType.INT64));
    assertNull(cast(f32(dims(1), 128f), DataType.INT8));
    assertNull(cast(f32(dims(1), -1f), DataType.UINT8));
    assertNull(cast(f64(dims(1), 0x1p63), DataType.INT64));
  }

  @Test
  void intToNarrowerIntWraps() {
    assertArrayEquals(new byte[] {44, (byte) 0xFF, -128}, raw(cast(i32(dims(3), 300, -1, 128), DataType.INT8)));
    assertArrayEquals(new int[] {-1, 0}, ints(cast(i64(dims(2), 0xFFFFFFFFL, 1L << 32), DataType.INT32)));
  }

  @Test
  void uint8IsUnsignedWhenWidened() {
    assertArrayEquals(new int[] {255, 1}, ints(cast(bytes(DataType.UINT8, dims(2), 255, 1), DataType.INT32)));
    assertArrayEquals(new int[] {-1, 1}, ints(cast(bytes(DataType.INT8, dims(2), 255, 1), DataType.INT32)));
  }

  @Test
  void int64ToFloatRoundsOnceToNearest() {
    // Just above halfway between 2^60 and the next float: rounds up. Going through double first
    // would round to the exact halfway point, then to even: 2^60.
    long big = (1L << 60) + (1L << 36) + 1;
    long tie = (1L << 24) + 1; // exactly halfway between two floats: ties to even
    assertArrayEquals(new float[] {Math.scalb(1f + 0x1p-23f, 60), 16777216f, -3f},
        floats(cast(i64(dims(3), big, tie, -3), DataType.FLOAT32)));
  }

  @Test
  void anythingToBoolIsNotZero() {
    assertArrayEquals(new boolean[] {false, true, true, true},
        bools(cast(f32(dims(4), 0f, -0.1f, Float.NaN, 3f), DataType.BOOL)));
    assertArrayEquals(new boolean[] {false, true, true}, bools(cast(i32(dims(3), 0, -1, 2), DataType.BOOL)));
  }

  @Test
  void boolToNumbersIsZeroOrOne() {
    Tensor b = bool(dims(2), true, false);
    assertArrayEquals(new int[] {1, 0}, ints(cast(b, DataType.INT32)));
    assertArrayEquals(new float[] {1, 0}, floats(cast(b, DataType.FLOAT32)));
  }

  @Test
  void float64AndFloat32() {
    assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY}, floats(cast(f64(dims(2), 0.1, 1e300), DataType.FLOAT32)));
    assertArrayEquals(new double[] {(double) 0.1f}, Fold.doubles(cast(f32(dims(1), 0.1f), DataType.FLOAT64)));
    assertArrayEquals(new int[] {-3}, ints(cast(f64(dims(1), -3.99), DataType.INT32)));
  }

  @Test
  void sameTypeReturnsTheInputsData() {
    Tensor x = f32(dims(2), 1, 2);
    assertSame(x.data(), cast(x, DataType.FLOAT32));
  }

  @Test
  void float16IsNotFolded() {
    Tensor h = Tensor.constant("h", DataType.FLOAT16, io.litertj.ir.Shape.of(1), ConstantData.of(new byte[2]));
    assertNull(cast(h, DataType.FLOAT32));
  }
}
