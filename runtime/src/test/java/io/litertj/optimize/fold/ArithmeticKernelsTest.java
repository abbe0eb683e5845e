package io.litertj.optimize.fold;

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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import org.junit.jupiter.api.Test;

class ArithmeticKernelsTest {

  private static final OpOptions NONE = new OpOptions.Add(Activation.NONE);

  @Test
  void addBroadcastsARowOverAMatrix() {
    ConstantData r = fold(BuiltinOp.ADD, NONE, out(DataType.FLOAT32, 2, 3),
        f32(dims(2, 3), 1, 2, 3, 4, 5, 6), f32(dims(3), 10, 20, 30));
    assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, floats(r));
  }

  @Test
  void broadcastsAColumnAgainstARow() {
    ConstantData r = fold(BuiltinOp.MUL, new OpOptions.Mul(Activation.NONE), out(DataType.INT32, 2, 3),
        i32(dims(2, 1), 1, 2), i32(dims(1, 3), 1, 10, 100));
    assertArrayEquals(new int[] {1, 10, 100, 2, 20, 200}, ints(r));
  }

  @Test
  void scalarBroadcastsAgainstAnything() {
    ConstantData r = fold(BuiltinOp.SUB, new OpOptions.Sub(Activation.NONE), out(DataType.INT64, 2, 2),
        i64(dims(), 10), i64(dims(2, 2), 1, 2, 3, 4));
    assertArrayEquals(new long[] {9, 8, 7, 6}, longs(r));
  }

  @Test
  void incompatibleShapesAreNotFolded() {
    assertNull(fold(BuiltinOp.ADD, NONE, out(DataType.FLOAT32, 3), f32(dims(2), 1, 2), f32(dims(3), 1, 2, 3)));
  }

  @Test
  void fusedActivationsClamp() {
    Tensor2 in = new Tensor2(f32(dims(4), -3, -0.5f, 2, 9), f32(dims(), 0));
    assertArrayEquals(new float[] {0, 0, 2, 9},
        floats(fold(BuiltinOp.ADD, new OpOptions.Add(Activation.RELU), out(DataType.FLOAT32, 4), in.a, in.b)));
    assertArrayEquals(new float[] {0, 0, 2, 6},
        floats(fold(BuiltinOp.ADD, new OpOptions.Add(Activation.RELU6), out(DataType.FLOAT32, 4), in.a, in.b)));
    assertArrayEquals(new float[] {-1, -0.5f, 1, 1},
        floats(fold(BuiltinOp.ADD, new OpOptions.Add(Activation.RELU_N1_TO_1), out(DataType.FLOAT32, 4), in.a, in.b)));
  }

  @Test
  void intActivationsClampToo() {
    ConstantData r = fold(BuiltinOp.SUB, new OpOptions.Sub(Activation.RELU6), out(DataType.INT32, 3),
        i32(dims(3), 1, 5, 20), i32(dims(), 3));
    assertArrayEquals(new int[] {0, 2, 6}, ints(r));
  }

  @Test
  void tanhAndSignBitActivationsAreNotFolded() {
    assertNull(fold(BuiltinOp.ADD, new OpOptions.Add(Activation.TANH), out(DataType.FLOAT32, 1),
        f32(dims(1), 1), f32(dims(1), 1)));
    assertNull(fold(BuiltinOp.MUL, new OpOptions.Mul(Activation.SIGN_BIT), out(DataType.FLOAT32, 1),
        f32(dims(1), 1), f32(dims(1), 1)));
  }

  @Test
  void floatArithmeticClampsInfinityToFltMaxAsLiteRtDoes() {
    ConstantData r = fold(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), out(DataType.FLOAT32, 3),
        f32(dims(3), 1, -1, 0), f32(dims(), 0));
    float[] v = floats(r);
    assertEquals(Float.MAX_VALUE, v[0]);
    assertEquals(-Float.MAX_VALUE, v[1]);
    assertEquals(Float.NaN, v[2]); // 0/0 stays NaN: the clamp does not touch NaN
  }

  @Test
  void float64KeepsInfinity() {
    ConstantData r = fold(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), out(DataType.FLOAT64, 1),
        f64(dims(1), 1), f64(dims(1), 0));
    assertEquals(Double.POSITIVE_INFINITY, Fold.doubles(r)[0]);
  }

  @Test
  void floatIsComputedInFloat() {
    // 16777216 + 1 is not representable in float: float math gives 16777216, double math 16777217.
    ConstantData r = fold(BuiltinOp.ADD, NONE, out(DataType.FLOAT32, 1), f32(dims(1), 16777216f), f32(dims(1), 1f));
    assertEquals(16777216f, floats(r)[0]);
  }

  @Test
  void integerDivisionTruncatesTowardZeroAndFloorDivRoundsDown() {
    Tensor2 in = new Tensor2(i32(dims(4), 7, -7, 7, -7), i32(dims(4), 2, 2, -2, -2));
    assertArrayEquals(new int[] {3, -3, -3, 3},
        ints(fold(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), out(DataType.INT32, 4), in.a, in.b)));
    assertArrayEquals(new int[] {3, -4, -4, 3}, ints(fold(BuiltinOp.FLOOR_DIV, null, out(DataType.INT32, 4), in.a, in.b)));
    assertArrayEquals(new int[] {1, 1, -1, -1}, ints(fold(BuiltinOp.FLOOR_MOD, null, out(DataType.INT32, 4), in.a, in.b)));
  }

  @Test
  void floatDivisionIsExactAndFloorDivFloors() {
    Tensor2 in = new Tensor2(f32(dims(2), 7, -7), f32(dims(), 2));
    assertArrayEquals(new float[] {3.5f, -3.5f},
        floats(fold(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), out(DataType.FLOAT32, 2), in.a, in.b)));
    assertArrayEquals(new float[] {3, -4}, floats(fold(BuiltinOp.FLOOR_DIV, null, out(DataType.FLOAT32, 2), in.a, in.b)));
  }

  @Test
  void floatFloorModTakesTheDivisorsSign() {
    ConstantData r = fold(BuiltinOp.FLOOR_MOD, null, out(DataType.FLOAT32, 3),
        f32(dims(3), -7.5f, 7.5f, 6f), f32(dims(3), 2f, -2f, 3f));
    assertArrayEquals(new float[] {0.5f, -0.5f, 0f}, floats(r));
  }

  @Test
  void integerDivisionByZeroIsNotFolded() {
    assertNull(fold(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), out(DataType.INT32, 2),
        i32(dims(2), 1, 2), i32(dims(2), 1, 0)));
    assertNull(fold(BuiltinOp.FLOOR_DIV, null, out(DataType.INT32, 1), i32(dims(1), 1), i32(dims(1), 0)));
    assertNull(fold(BuiltinOp.FLOOR_MOD, null, out(DataType.INT64, 1), i64(dims(1), 1), i64(dims(1), 0)));
    assertNull(fold(BuiltinOp.FLOOR_DIV, null, out(DataType.FLOAT32, 1), f32(dims(1), 1), f32(dims(1), -0f)),
        "LiteRT rejects a zero divisor in FLOOR_DIV even for floats");
    assertNull(fold(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), out(DataType.INT32, 1),
        i32(dims(1), Integer.MIN_VALUE), i32(dims(1), -1)), "MIN / -1 traps in LiteRT");
  }

  @Test
  void int32WrapsAround() {
    ConstantData r = fold(BuiltinOp.ADD, NONE, out(DataType.INT32, 1), i32(dims(1), Integer.MAX_VALUE), i32(dims(1), 1));
    assertArrayEquals(new int[] {Integer.MIN_VALUE}, ints(r));
  }

  @Test
  void maximumAndMinimumFollowLiteRtsComparison() {
    Tensor2 in = new Tensor2(f32(dims(3), 1, Float.NaN, 5), f32(dims(3), 2, 3, Float.NaN));
    // a > b ? a : b — a NaN on the left gives b, on the right gives the NaN.
    assertArrayEquals(new float[] {2, 3, Float.NaN}, floats(fold(BuiltinOp.MAXIMUM, null, out(DataType.FLOAT32, 3), in.a, in.b)));
    assertArrayEquals(new float[] {1, 3, Float.NaN}, floats(fold(BuiltinOp.MINIMUM, null, out(DataType.FLOAT32, 3), in.a, in.b)));
  }

  @Test
  void powOfFloatsAndInts() {
    assertArrayEquals(new float[] {8, 0.5f, 3},
        floats(fold(BuiltinOp.POW, null, out(DataType.FLOAT32, 3), f32(dims(3), 2, 4, 9), f32(dims(3), 3, -0.5f, 0.5f))));
    assertArrayEquals(new int[] {1, 1024, -27, 1},
        ints(fold(BuiltinOp.POW, null, out(DataType.INT32, 4), i32(dims(4), 5, 2, -3, -1), i32(dims(4), 0, 10, 3, 4))));
  }

  @Test
  void powWithANegativeIntExponentOrOverflowIsNotFolded() {
    assertNull(fold(BuiltinOp.POW, null, out(DataType.INT32, 1), i32(dims(1), 2), i32(dims(1), -1)));
    assertNull(fold(BuiltinOp.POW, null, out(DataType.INT32, 1), i32(dims(1), 2), i32(dims(1), 31)));
  }

  @Test
  void squaredDifference() {
    assertArrayEquals(new float[] {4, 0.25f},
        floats(fold(BuiltinOp.SQUARED_DIFFERENCE, null, out(DataType.FLOAT32, 2), f32(dims(2), 1, 2), f32(dims(2), 3, 1.5f))));
  }

  @Test
  void addNSumsInOrder() {
    ConstantData r = fold(BuiltinOp.ADD_N, null, out(DataType.INT32, 2),
        i32(dims(2), 1, 2), i32(dims(2), 10, 20), i32(dims(2), 100, 200));
    assertArrayEquals(new int[] {111, 222}, ints(r));
  }

  @Test
  void mixedInputTypesAreNotFolded() {
    assertNull(fold(BuiltinOp.ADD, NONE, out(DataType.FLOAT32, 1), f32(dims(1), 1), i32(dims(1), 1)));
  }

  @Test
  void boolArithmeticIsNotFolded() {
    assertNull(fold(BuiltinOp.ADD, NONE, out(DataType.BOOL, 1), Fold.bool(dims(1), true), Fold.bool(dims(1), true)));
  }

  private record Tensor2(io.litertj.ir.Tensor a, io.litertj.ir.Tensor b) {}
}
