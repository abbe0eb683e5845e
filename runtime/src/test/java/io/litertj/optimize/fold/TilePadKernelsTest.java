package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.f32;
import static io.litertj.optimize.fold.Fold.floats;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.i32;
import static io.litertj.optimize.fold.Fold.i64;
import static io.litertj.optimize.fold.Fold.ints;
import static io.litertj.optimize.fold.Fold.out;
import static io.litertj.optimize.fold.Fold.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Tensor;
import org.junit.jupiter.api.Test;

class TilePadKernelsTest {

  private static final Tensor M = i32(dims(2, 2), 1, 2, 3, 4);

  @Test
  void tileRepeatsEachAxis() {
    assertArrayEquals(new int[] {1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4},
        ints(fold(BuiltinOp.TILE, null, out(DataType.INT32, 4, 6), M, vec(2, 3))));
    assertArrayEquals(new int[] {1, 2, 3, 4}, ints(fold(BuiltinOp.TILE, null, out(DataType.INT32, 2, 2), M, i64(dims(2), 1, 1))));
  }

  @Test
  void broadcastTo() {
    assertArrayEquals(new int[] {5, 6, 5, 6, 5, 6},
        ints(fold(BuiltinOp.BROADCAST_TO, null, out(DataType.INT32, 3, 2), i32(dims(2), 5, 6), vec(3, 2))));
    assertNull(fold(BuiltinOp.BROADCAST_TO, null, out(DataType.INT32, 3, 3), i32(dims(2), 5, 6), vec(3, 3)));
  }

  @Test
  void padWithZerosBeforeAndAfter() {
    // pad rows by (1, 0) and columns by (0, 2)
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0},
        ints(fold(BuiltinOp.PAD, null, out(DataType.INT32, 3, 4), M, i32(dims(2, 2), 1, 0, 0, 2))));
  }

  @Test
  void padV2UsesItsValue() {
    Tensor x = f32(dims(2), 1, 2);
    assertArrayEquals(new float[] {-9, 1, 2, -9, -9},
        floats(fold(BuiltinOp.PADV2, null, out(DataType.FLOAT32, 5), x, i64(dims(1, 2), 1, 2), f32(-9))));
  }

  @Test
  void sizesThatOverflowAreNotFolded() {
    // each of these once escaped as an ArithmeticException or NegativeArraySizeException
    assertNull(fold(BuiltinOp.PAD, null, out(DataType.INT32, -1, -1), M,
        i64(dims(2, 2), Long.MAX_VALUE, Long.MAX_VALUE, 0, 0)));
    assertNull(fold(BuiltinOp.PAD, null, out(DataType.INT32, -1, -1), M,
        i64(dims(2, 2), Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0)));
    assertNull(fold(BuiltinOp.TILE, null, out(DataType.INT32, -1, -1), M, vec(Integer.MAX_VALUE, 2)));
  }

  @Test
  void negativePaddingIsNotFolded() {
    assertNull(fold(BuiltinOp.PAD, null, out(DataType.INT32, 1, 2), M, i32(dims(2, 2), -1, 0, 0, 0)));
  }
}
