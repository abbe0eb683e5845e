package io.litertj.keras.ops;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Tensor;

/**
 * Arithmetic operation nodes ({@code x + 3.0}, {@code keras.ops.sqrt}, ...), with Keras 3's dtype
 * rules as its TensorFlow backend applies them: binary ops promote their operands (Python scalars
 * weakly), true division and the transcendental functions compute integers as float32.
 */
final class ArithmeticOperations {

  private ArithmeticOperations() {}

  static void register(Registry r) {
    r.add(n -> promoted(n, BuiltinOp.ADD), "Add");
    r.add(n -> promoted(n, BuiltinOp.SUB), "Subtract");
    r.add(n -> promoted(n, BuiltinOp.MUL), "Multiply");
    r.add(n -> promoted(n, BuiltinOp.MAXIMUM), "Maximum");
    r.add(n -> promoted(n, BuiltinOp.MINIMUM), "Minimum");
    r.add(n -> promoted(n, BuiltinOp.FLOOR_DIV), "FloorDivide");
    r.add(ArithmeticOperations::divide, "TrueDivide", "Divide");
    r.add(ArithmeticOperations::mod, "Mod");
    r.add(ArithmeticOperations::power, "Power");
    r.add(n -> sameType(n, BuiltinOp.NEG), "Negative");
    r.add(ArithmeticOperations::absolute, "Absolute", "Abs");
    r.add(ArithmeticOperations::square, "Square");
    r.add(ArithmeticOperations::reciprocal, "Reciprocal");
    r.add(ArithmeticOperations::sign, "Sign");
    r.add(n -> asFloat(n, BuiltinOp.SQRT), "Sqrt");
    r.add(n -> asFloat(n, BuiltinOp.EXP), "Exp");
    r.add(n -> asFloat(n, BuiltinOp.LOG), "Log");
    r.add(n -> asFloat(n, BuiltinOp.FLOOR), "Floor");
    r.add(n -> asFloat(n, BuiltinOp.CEIL), "Ceil");
    r.add(n -> asFloat(n, BuiltinOp.TANH), "Tanh");
    r.add(n -> asFloat(n, BuiltinOp.SIN), "Sin");
    r.add(n -> asFloat(n, BuiltinOp.COS), "Cos");
    r.add(ArithmeticOperations::rsqrt, "Rsqrt");
    r.add(ArithmeticOperations::round, "Round");
    r.add(ArithmeticOperations::clip, "Clip");
  }

  /** The two operands of a binary op, as given. */
  static Operand[] pair(OpNode n) {
    n.parameters("x1", "x2");
    return new Operand[] {n.required("x1"), n.required("x2")};
  }

  /** {@code op(x1, x2)} in the operands' promoted type. */
  private static Tensor promoted(OpNode n, BuiltinOp op) {
    Operand[] o = pair(n);
    DataType type = KerasType.promote(o[0].type(), o[1].type());
    return Emit.binary(n, op, Emit.as(n, o[0], type), Emit.as(n, o[1], type));
  }

  /**
   * True division: integers are divided as float32 (result_type(x1, x2, float)). Division by a
   * literal power of two is multiplication by its exact reciprocal: the same values, and a kernel
   * that quantizes (LiteRT has no integer DIV).
   */
  private static Tensor divide(OpNode n) {
    Operand[] o = pair(n);
    DataType type = KerasType.promote(o[0].type(), o[1].type(), KerasType.WEAK_FLOAT);
    Tensor x = Emit.as(n, o[0], type);
    Operand d = o[1];
    if (!d.isTensor() && d.literal().isScalar() && isPowerOfTwo(d.literal().doubleAt(0))) {
      return Emit.binary(n, BuiltinOp.MUL, x, Emit.scalar(n, type, 1 / d.literal().doubleAt(0)));
    }
    return Emit.binary(n, BuiltinOp.DIV, x, Emit.as(n, d, type));
  }

  /** Whether 1/v is exact in float32: v = ±2^k with both v and 1/v normal floats. */
  private static boolean isPowerOfTwo(double v) {
    float f = (float) v;
    if (f != v || f == 0 || !Float.isFinite(f) || Math.abs(f) < Float.MIN_NORMAL || Math.abs(f) > 0x1p125f) {
      return false;
    }
    int bits = Float.floatToIntBits(Math.abs(f));
    return (bits & 0x7FFFFF) == 0;
  }

  /** Python's modulo (sign of the divisor), TF's floormod; booleans count as int32. */
  private static Tensor mod(OpNode n) {
    Operand[] o = pair(n);
    DataType type = KerasType.promote(o[0].type(), o[1].type(), KerasType.BOOL);
    if (type == DataType.BOOL) {
      type = DataType.INT32;
    }
    return Emit.binary(n, BuiltinOp.FLOOR_MOD, Emit.as(n, o[0], type), Emit.as(n, o[1], type));
  }

  /** POW; a literal exponent 2 is a product (exact, and it keeps an integer kernel when quantized). */
  private static Tensor power(OpNode n) {
    Operand[] o = pair(n);
    DataType type = KerasType.promote(o[0].type(), o[1].type());
    Tensor base = Emit.as(n, o[0], type);
    Operand e = o[1];
    if (!e.isTensor() && e.literal().isScalar() && e.literal().doubleAt(0) == 2 && base.type() != DataType.BOOL) {
      return Emit.binary(n, BuiltinOp.MUL, base, base);
    }
    return Emit.binary(n, BuiltinOp.POW, base, Emit.as(n, e, type));
  }

  /** The single operand {@code x}, as a tensor. */
  static Tensor single(OpNode n) {
    n.parameters("x");
    Operand x = n.required("x");
    return Emit.as(n, x, x.type().dataType());
  }

  private static Tensor sameType(OpNode n, BuiltinOp op) {
    return Emit.unary(n, op, single(n));
  }

  /** Functions Keras computes in float: integers and bools become float32 first. */
  static Tensor asFloat(OpNode n, BuiltinOp op) {
    return Emit.unary(n, op, Emit.cast(n, single(n), DataType.FLOAT32));
  }

  /** LiteRT's SIGN takes float32 and int32 (TF refuses bools). */
  private static Tensor sign(OpNode n) {
    Tensor x = single(n);
    if (x.type() != DataType.FLOAT32 && x.type() != DataType.INT32) {
      throw n.error("takes the sign of a " + x.type() + " tensor; LiteRT's SIGN takes float32 and int32",
          "cast it to float32 or int32 first");
    }
    return Emit.unary(n, BuiltinOp.SIGN, x);
  }

  /** Booleans are their own absolute value. */
  private static Tensor absolute(OpNode n) {
    Tensor x = single(n);
    return x.type() == DataType.BOOL ? x : Emit.unary(n, BuiltinOp.ABS, x);
  }

  /** Booleans are squared as int32; integers as a product, LiteRT's SQUARE being float-only. */
  private static Tensor square(OpNode n) {
    Tensor x = single(n);
    if (x.type() == DataType.FLOAT32) {
      return Emit.unary(n, BuiltinOp.SQUARE, x);
    }
    Tensor i = Emit.cast(n, x, x.type() == DataType.BOOL ? DataType.INT32 : x.type());
    return Emit.binary(n, BuiltinOp.MUL, i, i);
  }

  /** {@code 1 / x} in x's type (integers divide as TF's integer reciprocal does, truncating). */
  private static Tensor reciprocal(OpNode n) {
    Tensor x = single(n);
    return Emit.binary(n, BuiltinOp.DIV, Emit.scalar(n, x.type(), 1), x);
  }

  /** TF's rsqrt takes floats only, as Keras passes them. */
  private static Tensor rsqrt(OpNode n) {
    Tensor x = single(n);
    if (x.type() != DataType.FLOAT32) {
      throw n.error("takes rsqrt of a " + x.type() + " tensor, which TensorFlow refuses", "cast it to float32 first");
    }
    return Emit.unary(n, BuiltinOp.RSQRT, x);
  }

  /**
   * Rounds half to even, as {@code tf.round} and LiteRT's ROUND do. With {@code decimals} the value
   * is scaled by 10^decimals first; integers are unchanged unless decimals is negative.
   */
  private static Tensor round(OpNode n) {
    Tensor x = single(n);
    int decimals = n.integer("decimals", 0);
    if (x.type() == DataType.BOOL) {
      throw n.error("rounds a bool tensor, which TensorFlow refuses", "cast it to a number first");
    }
    boolean integer = x.type() != DataType.FLOAT32;
    if (decimals == 0 || integer && decimals > 0) {
      return integer ? x : Emit.unary(n, BuiltinOp.ROUND, x);
    }
    Tensor f = Emit.cast(n, x, DataType.FLOAT32);
    Tensor factor = Emit.scalar(n, DataType.FLOAT32, (float) Math.pow(10, decimals));
    Tensor scaled = Emit.unary(n, BuiltinOp.ROUND, Emit.binary(n, BuiltinOp.MUL, f, factor));
    return Emit.cast(n, Emit.binary(n, BuiltinOp.DIV, scaled, factor), x.type());
  }

  /**
   * {@code tf.clip_by_value}: MINIMUM with x_max, then MAXIMUM with x_min, in x's type (booleans
   * as int32). The bounds are config settings, converted to that type.
   */
  private static Tensor clip(OpNode n) {
    Tensor x = single(n);
    DataType type = x.type() == DataType.BOOL ? DataType.INT32 : x.type();
    Tensor v = Emit.cast(n, x, type);
    Tensor low = bound(n, "x_min", type);
    Tensor high = bound(n, "x_max", type);
    Tensor capped = Emit.binary(n, BuiltinOp.MINIMUM, v, high);
    return Emit.binary(n, BuiltinOp.MAXIMUM, capped, low);
  }

  private static Tensor bound(OpNode n, String key, DataType type) {
    var value = n.config(key);
    if (!value.isNumber()) {
      throw n.error((value.isMissingNode() ? "has no " + key : "has " + key + "=" + value) + "; a number is needed",
          "give clip numeric bounds");
    }
    if (type != DataType.FLOAT32 && value.isFloatingPointNumber() && value.asDouble() != Math.rint(value.asDouble())) {
      throw n.error("clips a " + type + " tensor at " + key + "=" + value + ", which TensorFlow refuses",
          "cast the tensor to float32 first, or use an integer bound");
    }
    return Emit.as(n, Operand.of(Literal.parse(value)), type);
  }
}
