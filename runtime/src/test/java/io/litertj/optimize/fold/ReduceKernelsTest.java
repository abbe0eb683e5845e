package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.f32;
import static io.litertj.optimize.fold.Fold.floats;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.i32;
import static io.litertj.optimize.fold.Fold.i64;
import static io.litertj.optimize.fold.Fold.ints;
import static io.litertj.optimize.fold.Fold.longs;
import static io.litertj.optimize.fold.Fold.out;
import static io.litertj.optimize.fold.Fold.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import org.junit.jupiter.api.Test;

class ReduceKernelsTest {

  private static final OpOptions.Reducer DROP = new OpOptions.Reducer(false);
  private static final OpOptions.Reducer KEEP = new OpOptions.Reducer(true);

  /** [[1, 2, 3], [4, 5, 6]] */
  private static final Tensor M = f32(dims(2, 3), 1, 2, 3, 4, 5, 6);

  @Test
  void meanOverOneAxis() {
    assertArrayEquals(new float[] {2, 5}, floats(fold(BuiltinOp.MEAN, DROP, out(DataType.FLOAT32, 2), M, vec(1))));
    assertArrayEquals(new float[] {2.5f, 3.5f, 4.5f}, floats(fold(BuiltinOp.MEAN, DROP, out(DataType.FLOAT32, 3), M, vec(0))));
  }

  @Test
  void keepDimsKeepsSizeOneAxes() {
    assertArrayEquals(new float[] {6, 15}, floats(fold(BuiltinOp.SUM, KEEP, out(DataType.FLOAT32, 2, 1), M, vec(1))));
    assertNull(fold(BuiltinOp.SUM, KEEP, out(DataType.FLOAT32, 2), M, vec(1)), "rank disagrees with the inferred shape");
  }

  @Test
  void negativeAndRepeatedAxes() {
    assertArrayEquals(new float[] {6, 15}, floats(fold(BuiltinOp.SUM, DROP, out(DataType.FLOAT32, 2), M, vec(-1))));
    assertArrayEquals(new float[] {21}, floats(fold(BuiltinOp.SUM, DROP, out(DataType.FLOAT32), M, vec(0, -1, 1))));
    assertArrayEquals(new float[] {21}, floats(fold(BuiltinOp.SUM, KEEP, out(DataType.FLOAT32, 1, 1), M, vec(1, 0))));
  }

  @Test
  void axisOutOfRangeIsNotFolded() {
    assertNull(fold(BuiltinOp.SUM, DROP, out(DataType.FLOAT32, 2), M, vec(2)));
  }

  @Test
  void noAxesIsIdentity() {
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6},
        floats(fold(BuiltinOp.REDUCE_MAX, DROP, out(DataType.FLOAT32, 2, 3), M, i32(dims(0)))));
  }

  @Test
  void prodMaxMin() {
    assertArrayEquals(new float[] {6, 120}, floats(fold(BuiltinOp.REDUCE_PROD, DROP, out(DataType.FLOAT32, 2), M, vec(1))));
    assertArrayEquals(new float[] {4, 5, 6}, floats(fold(BuiltinOp.REDUCE_MAX, DROP, out(DataType.FLOAT32, 3), M, vec(0))));
    assertArrayEquals(new float[] {1, 4}, floats(fold(BuiltinOp.REDUCE_MIN, DROP, out(DataType.FLOAT32, 2), M, vec(1))));
  }

  @Test
  void maxStartsFromLowestFiniteFloatAsLiteRt() {
    Tensor x = f32(dims(2), Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY);
    assertArrayEquals(new float[] {-Float.MAX_VALUE}, floats(fold(BuiltinOp.REDUCE_MAX, DROP, out(DataType.FLOAT32), x, vec(0))));
  }

  @Test
  void integerMeanTruncatesTowardZero() {
    Tensor x = i32(dims(2, 2), 1, 2, -1, -2);
    assertArrayEquals(new int[] {1, -1}, ints(fold(BuiltinOp.MEAN, DROP, out(DataType.INT32, 2), x, vec(1))));
  }

  @Test
  void integerMeanSumsWithoutOverflow() {
    Tensor x = i32(dims(2), Integer.MAX_VALUE, Integer.MAX_VALUE);
    assertArrayEquals(new int[] {Integer.MAX_VALUE}, ints(fold(BuiltinOp.MEAN, DROP, out(DataType.INT32), x, vec(0))));
  }

  @Test
  void int64SumAndMax() {
    Tensor x = i64(dims(3), 5, -7, 1L << 40);
    assertArrayEquals(new long[] {(1L << 40) - 2}, longs(fold(BuiltinOp.SUM, DROP, out(DataType.INT64), x, vec(0))));
    assertArrayEquals(new long[] {1L << 40}, longs(fold(BuiltinOp.REDUCE_MAX, DROP, out(DataType.INT64), x, i64(dims(1), 0))));
  }

  @Test
  void meanOfNothingIsNan() {
    Tensor empty = f32(dims(2, 0));
    assertArrayEquals(new float[] {Float.NaN, Float.NaN}, floats(fold(BuiltinOp.MEAN, DROP, out(DataType.FLOAT32, 2), empty, vec(1))));
  }

  @Test
  void argMaxAndArgMin() {
    Tensor x = f32(dims(2, 3), 3, 7, 7, 0, -1, 0);
    assertArrayEquals(new int[] {1, 0}, ints(fold(BuiltinOp.ARG_MAX, new OpOptions.ArgMax(DataType.INT32), out(DataType.INT32, 2), x, vec(1))));
    assertArrayEquals(new int[] {0, 1}, ints(fold(BuiltinOp.ARG_MIN, null, out(DataType.INT32, 2), x, vec(-1))));
    assertArrayEquals(new long[] {0, 0, 0},
        longs(fold(BuiltinOp.ARG_MAX, new OpOptions.ArgMax(DataType.INT64), out(DataType.INT64, 3), x, i64(dims(), 0))));
  }

  @Test
  void argMaxOfNanIsNotFolded() {
    // LiteRT 2.21 lets a leading NaN win; current LiteRT skips NaNs.
    Tensor x = f32(dims(4), Float.NaN, 2, Float.NaN, 1);
    assertNull(fold(BuiltinOp.ARG_MAX, null, out(DataType.INT32), x, vec(0)));
  }

  @Test
  void argMaxOfInts() {
    Tensor x = i32(dims(2, 2), -5, -9, 4, 4);
    assertArrayEquals(new int[] {1, 1}, ints(fold(BuiltinOp.ARG_MAX, null, out(DataType.INT32, 2), x, vec(0))));
  }
}
