package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.f32;
import static io.litertj.optimize.fold.Fold.floats;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.i32;
import static io.litertj.optimize.fold.Fold.ints;
import static io.litertj.optimize.fold.Fold.out;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import org.junit.jupiter.api.Test;

class UnaryKernelsTest {

  private static float[] unary(BuiltinOp op, OpOptions options, float... x) {
    ConstantData r = fold(op, options, out(DataType.FLOAT32, x.length), f32(dims(x.length), x));
    return floats(r);
  }

  @Test
  void simpleFloatOps() {
    assertArrayEquals(new float[] {-1, 2}, unary(BuiltinOp.NEG, null, 1, -2));
    assertArrayEquals(new float[] {1, 2}, unary(BuiltinOp.ABS, null, -1, 2));
    assertArrayEquals(new float[] {9, 0.25f}, unary(BuiltinOp.SQUARE, null, -3, 0.5f));
    assertArrayEquals(new float[] {2, 0.5f}, unary(BuiltinOp.SQRT, null, 4, 0.25f));
    assertArrayEquals(new float[] {0.5f, 2}, unary(BuiltinOp.RSQRT, null, 4, 0.25f));
    assertArrayEquals(new float[] {-2, 1}, unary(BuiltinOp.FLOOR, null, -1.5f, 1.5f));
    assertArrayEquals(new float[] {-1, 2}, unary(BuiltinOp.CEIL, null, -1.5f, 1.5f));
  }

  @Test
  void transcendentalFloatOps() {
    float tolerance = 1e-6f;
    assertArrayEquals(new float[] {1, 2.7182817f}, unary(BuiltinOp.EXP, null, 0, 1), tolerance);
    assertArrayEquals(new float[] {0, 1}, unary(BuiltinOp.LOG, null, 1, 2.7182817f), tolerance);
    assertArrayEquals(new float[] {Float.NaN}, unary(BuiltinOp.LOG, null, -1));
    assertArrayEquals(new float[] {0, 1}, unary(BuiltinOp.SIN, null, 0, 1.5707964f), tolerance);
    assertArrayEquals(new float[] {1, 0.5403023f}, unary(BuiltinOp.COS, null, 0, 1), tolerance);
    assertArrayEquals(new float[] {0, 0.46211716f}, unary(BuiltinOp.TANH, null, 0, 0.5f), tolerance);
  }

  @Test
  void roundIsHalfToEven() {
    assertArrayEquals(new float[] {0, 2, 2, -2, 3}, unary(BuiltinOp.ROUND, null, 0.5f, 1.5f, 2.5f, -2.5f, 2.6f));
  }

  @Test
  void roundGoesThroughTheFloorAsLiteRtDoes() {
    // floor(-0.4) + 1 is +0, where rint gives -0; -0 itself stays -0
    assertArrayEquals(new float[] {0f, 0f, -0f, Float.NaN, Float.POSITIVE_INFINITY},
        unary(BuiltinOp.ROUND, null, -0.4f, -0.5f, -0f, Float.NaN, Float.POSITIVE_INFINITY));
  }

  @Test
  void subnormalsAreNotFoldedExceptByBitFlips() {
    float tiny = Float.MIN_VALUE;
    assertNull(fold(BuiltinOp.RELU, null, out(DataType.FLOAT32, 1), f32(dims(1), tiny)));
    assertArrayEquals(new float[] {-tiny}, unary(BuiltinOp.NEG, null, tiny));
  }

  @Test
  void reluFamilyKeepsNegativeZeroAsLiteRtsComparisonsDo() {
    assertArrayEquals(new float[] {0, -0f, 3}, unary(BuiltinOp.RELU, null, -2, -0f, 3));
    assertArrayEquals(new float[] {0, 6, 5}, unary(BuiltinOp.RELU6, null, -2, 7, 5));
    assertArrayEquals(new float[] {-1, 1, 0.5f}, unary(BuiltinOp.RELU_N1_TO_1, null, -2, 7, 0.5f));
  }

  @Test
  void leakyReluUsesAlpha() {
    assertArrayEquals(new float[] {-0.2f, 3}, unary(BuiltinOp.LEAKY_RELU, new OpOptions.LeakyRelu(0.1f), -2, 3));
    assertNull(fold(BuiltinOp.LEAKY_RELU, null, out(DataType.FLOAT32, 1), f32(dims(1), 1)));
  }

  @Test
  void eluAndHardSwish() {
    assertArrayEquals(new float[] {-0.63212055f, 2}, unary(BuiltinOp.ELU, null, -1, 2), 1e-6f);
    // x * relu6(x + 3) * (1/6) in float, as LiteRT's scalar loop; -4 * 0 is -0
    assertArrayEquals(new float[] {-0f, -0.33333334f, 0.6666667f, 4, 0.2916667f},
        unary(BuiltinOp.HARD_SWISH, null, -4, -1, 1, 4, 0.5f));
  }

  @Test
  void logisticFollowsLiteRtsCutoffs() {
    float[] r = unary(BuiltinOp.LOGISTIC, null, 0, 20, -10, 2);
    assertEquals(0.5f, r[0]);
    assertEquals(1f, r[1]); // above the upper cutoff: exactly 1
    assertEquals(4.539993e-5f, r[2], 1e-11f); // below the lower cutoff: e^x
    assertEquals(0.8807971f, r[3], 1e-6f);
  }

  @Test
  void integerNegAbsSquare() {
    Tensor x = i32(dims(3), -3, 4, Integer.MIN_VALUE);
    assertArrayEquals(new int[] {3, -4, Integer.MIN_VALUE}, ints(fold(BuiltinOp.NEG, null, out(DataType.INT32, 3), x)));
    assertArrayEquals(new int[] {3, 4, Integer.MIN_VALUE}, ints(fold(BuiltinOp.ABS, null, out(DataType.INT32, 3), x)));
    assertArrayEquals(new int[] {9, 16}, ints(fold(BuiltinOp.SQUARE, null, out(DataType.INT32, 2), i32(dims(2), -3, 4))));
  }

  @Test
  void transcendentalOpsOnIntegersAreNotFolded() {
    assertNull(fold(BuiltinOp.EXP, null, out(DataType.INT32, 1), i32(dims(1), 1)));
  }

  @Test
  void zerosLikeKeepsTypeAndShape() {
    ConstantData r = fold(BuiltinOp.ZEROS_LIKE, null, out(DataType.INT32, 2, 2), i32(dims(2, 2), 1, 2, 3, 4));
    assertArrayEquals(new int[] {0, 0, 0, 0}, ints(r));
  }
}
