package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.bool;
import static io.litertj.optimize.fold.Fold.bools;
import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.f32;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.i32;
import static io.litertj.optimize.fold.Fold.i64;
import static io.litertj.optimize.fold.Fold.out;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Tensor;
import org.junit.jupiter.api.Test;

class ComparisonKernelsTest {

  @Test
  void comparisonsBroadcastAndGiveBool() {
    Tensor a = i32(dims(2, 2), 1, 2, 3, 4);
    Tensor b = i32(dims(2), 2, 2);
    assertArrayEquals(new boolean[] {true, false, false, false}, bools(fold(BuiltinOp.LESS, null, out(DataType.BOOL, 2, 2), a, b)));
    assertArrayEquals(new boolean[] {true, true, false, false}, bools(fold(BuiltinOp.LESS_EQUAL, null, out(DataType.BOOL, 2, 2), a, b)));
    assertArrayEquals(new boolean[] {false, false, true, true}, bools(fold(BuiltinOp.GREATER, null, out(DataType.BOOL, 2, 2), a, b)));
    assertArrayEquals(new boolean[] {false, true, true, true}, bools(fold(BuiltinOp.GREATER_EQUAL, null, out(DataType.BOOL, 2, 2), a, b)));
    assertArrayEquals(new boolean[] {false, true, false, false}, bools(fold(BuiltinOp.EQUAL, null, out(DataType.BOOL, 2, 2), a, b)));
    assertArrayEquals(new boolean[] {true, false, true, true}, bools(fold(BuiltinOp.NOT_EQUAL, null, out(DataType.BOOL, 2, 2), a, b)));
  }

  @Test
  void nanComparesUnequalToEverything() {
    Tensor a = f32(dims(3), Float.NaN, Float.NaN, 1);
    Tensor b = f32(dims(3), Float.NaN, 1, 1);
    assertArrayEquals(new boolean[] {false, false, true}, bools(fold(BuiltinOp.EQUAL, null, out(DataType.BOOL, 3), a, b)));
    assertArrayEquals(new boolean[] {true, true, false}, bools(fold(BuiltinOp.NOT_EQUAL, null, out(DataType.BOOL, 3), a, b)));
    assertArrayEquals(new boolean[] {false, false, true}, bools(fold(BuiltinOp.GREATER_EQUAL, null, out(DataType.BOOL, 3), a, b)));
    assertArrayEquals(new boolean[] {false, false, false}, bools(fold(BuiltinOp.LESS, null, out(DataType.BOOL, 3), a, b)));
  }

  @Test
  void int64ComparesExactly() {
    Tensor a = i64(dims(1), Long.MAX_VALUE);
    Tensor b = i64(dims(1), Long.MAX_VALUE - 1);
    assertArrayEquals(new boolean[] {true}, bools(fold(BuiltinOp.GREATER, null, out(DataType.BOOL, 1), a, b)));
  }

  @Test
  void boolSupportsEqualityOnly() {
    Tensor a = bool(dims(2), true, false);
    Tensor b = bool(dims(2), true, true);
    assertArrayEquals(new boolean[] {true, false}, bools(fold(BuiltinOp.EQUAL, null, out(DataType.BOOL, 2), a, b)));
    assertNull(fold(BuiltinOp.LESS, null, out(DataType.BOOL, 2), a, b));
  }

  @Test
  void logicalOps() {
    Tensor a = bool(dims(2, 2), true, true, false, false);
    Tensor b = bool(dims(2), true, false);
    assertArrayEquals(new boolean[] {true, false, false, false}, bools(fold(BuiltinOp.LOGICAL_AND, null, out(DataType.BOOL, 2, 2), a, b)));
    assertArrayEquals(new boolean[] {true, true, true, false}, bools(fold(BuiltinOp.LOGICAL_OR, null, out(DataType.BOOL, 2, 2), a, b)));
    assertArrayEquals(new boolean[] {false, true}, bools(fold(BuiltinOp.LOGICAL_NOT, null, out(DataType.BOOL, 2), b)));
  }

  @Test
  void logicalOpsNeedBool() {
    assertNull(fold(BuiltinOp.LOGICAL_AND, null, out(DataType.BOOL, 1), i32(dims(1), 1), i32(dims(1), 1)));
  }
}
