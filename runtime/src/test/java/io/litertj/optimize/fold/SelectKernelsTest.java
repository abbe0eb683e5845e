package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.bool;
import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.i32;
import static io.litertj.optimize.fold.Fold.ints;
import static io.litertj.optimize.fold.Fold.out;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Tensor;
import org.junit.jupiter.api.Test;

class SelectKernelsTest {

  private static final Tensor X = i32(dims(2, 2), 1, 2, 3, 4);
  private static final Tensor Y = i32(dims(2, 2), -1, -2, -3, -4);

  @Test
  void selectPerElement() {
    assertArrayEquals(new int[] {1, -2, -3, 4},
        ints(fold(BuiltinOp.SELECT, null, out(DataType.INT32, 2, 2), bool(dims(2, 2), true, false, false, true), X, Y)));
  }

  @Test
  void selectByRowOrScalar() {
    assertArrayEquals(new int[] {-1, -2, 3, 4},
        ints(fold(BuiltinOp.SELECT, null, out(DataType.INT32, 2, 2), bool(dims(2), false, true), X, Y)));
    assertArrayEquals(new int[] {1, 2, 3, 4},
        ints(fold(BuiltinOp.SELECT, null, out(DataType.INT32, 2, 2), bool(dims(), true), X, Y)));
  }

  @Test
  void selectV1DoesNotBroadcastColumns() {
    assertNull(fold(BuiltinOp.SELECT, null, out(DataType.INT32, 2, 2), bool(dims(1, 2), true, false), X, Y));
  }

  @Test
  void selectV2BroadcastsAllThree() {
    assertArrayEquals(new int[] {1, -9, 3, -9},
        ints(fold(BuiltinOp.SELECT_V2, null, out(DataType.INT32, 2, 2), bool(dims(2), true, false), X, Fold.i32(-9))));
  }
}
