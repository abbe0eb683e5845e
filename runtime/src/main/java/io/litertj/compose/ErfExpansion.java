package io.litertj.compose;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * erf and erfc in LiteRT builtins (LiteRT has neither), for FLOAT32 tensors of any shape:
 * {@code erfc(|x|) = t exp(-x^2 + P(t))}, {@code t = 1 / (1 + |x|/2)}, with P the degree-9
 * Chebyshev fit of Press et al. (Numerical Recipes, "erfcc"), then {@code erfc(x) = 2 - erfc(|x|)}
 * and {@code erf(x) = -(1 - erfc(|x|))} for negative x. The fit's fractional error is below 1.2e-7
 * for every real x; evaluated in float32 the absolute error stays below 5e-7 for both functions
 * (measured over [-10, 10]; beyond that erfc(|x|) underflows to 0 exactly as the true value does),
 * and erfc keeps its relative precision in the tail where {@code 1 - erf} would lose it.
 *
 * <p>About 30 elementwise ops (ABS, MUL, ADD, DIV, SQUARE, SUB, EXP, LESS, NEG, SELECT_V2).
 */
public final class ErfExpansion {

  /** P's coefficients, constant term first. */
  private static final float[] P = {-1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f,
      0.27886807f, -1.13520398f, 1.48851587f, -0.82215223f, 0.17087277f};

  private ErfExpansion() {}

  /** {@code erf(x)}, appended to {@code g}; tensors are named {@code prefix/...}. */
  public static Tensor erf(Subgraph g, Tensor x, String prefix) {
    return erf(Emitter.into(g, prefix), x);
  }

  /** {@code erfc(x)}, appended to {@code g}; tensors are named {@code prefix/...}. */
  public static Tensor erfc(Subgraph g, Tensor x, String prefix) {
    return erfc(Emitter.into(g, prefix), x);
  }

  /** {@code erf(x)} through {@code e}. */
  public static Tensor erf(Emitter e, Tensor x) {
    requireFloat(x);
    Tensor magnitude = binary(e, "erf_magnitude", BuiltinOp.SUB, e.constant("one_minus", 1f), tailOfAbs(e, x), x);
    Tensor flipped = e.emit("erf_negated", BuiltinOp.NEG, List.of(magnitude), DataType.FLOAT32, x.shape(),
        new OpOptions.Neg());
    return e.emit("erf", BuiltinOp.SELECT_V2, List.of(isNegative(e, x), flipped, magnitude), DataType.FLOAT32,
        x.shape(), null);
  }

  /** {@code erfc(x)} through {@code e}. */
  public static Tensor erfc(Emitter e, Tensor x) {
    requireFloat(x);
    Tensor tail = tailOfAbs(e, x);
    Tensor reflected = binary(e, "erfc_reflected", BuiltinOp.SUB, e.constant("two", 2f), tail, x);
    return e.emit("erfc", BuiltinOp.SELECT_V2, List.of(isNegative(e, x), reflected, tail), DataType.FLOAT32,
        x.shape(), null);
  }

  /** {@code erfc(|x|)}. */
  private static Tensor tailOfAbs(Emitter e, Tensor x) {
    Tensor a = e.emit("abs", BuiltinOp.ABS, List.of(x), DataType.FLOAT32, x.shape(), new OpOptions.Abs());
    Tensor half = binary(e, "half_abs", BuiltinOp.MUL, a, e.constant("half", 0.5f), x);
    Tensor denominator = binary(e, "denominator", BuiltinOp.ADD, half, e.constant("one_plus", 1f), x);
    Tensor t = binary(e, "t", BuiltinOp.DIV, e.constant("one_over", 1f), denominator, x);
    Tensor p = binary(e, "p9", BuiltinOp.MUL, t, e.constant("c9", P[9]), x);
    for (int k = P.length - 2; k >= 0; k--) {
      p = binary(e, "p" + k, BuiltinOp.ADD, p, e.constant("c" + k, P[k]), x);
      if (k > 0) {
        p = binary(e, "p" + k + "_t", BuiltinOp.MUL, p, t, x);
      }
    }
    Tensor square = e.emit("square", BuiltinOp.SQUARE, List.of(a), DataType.FLOAT32, x.shape(),
        new OpOptions.Square());
    Tensor exponent = binary(e, "exponent", BuiltinOp.SUB, p, square, x);
    Tensor gaussian = e.emit("exp", BuiltinOp.EXP, List.of(exponent), DataType.FLOAT32, x.shape(),
        new OpOptions.Exp());
    return binary(e, "tail", BuiltinOp.MUL, t, gaussian, x);
  }

  private static Tensor isNegative(Emitter e, Tensor x) {
    return e.emit("negative", BuiltinOp.LESS, List.of(x, e.constant("zero", 0f)), DataType.BOOL, x.shape(), null);
  }

  /** An elementwise op of x's shape (one operand may be a scalar constant). */
  private static Tensor binary(Emitter e, String step, BuiltinOp op, Tensor a, Tensor b, Tensor x) {
    OpOptions options = switch (op) {
      case ADD -> new OpOptions.Add(Activation.NONE);
      case SUB -> new OpOptions.Sub(Activation.NONE);
      case MUL -> new OpOptions.Mul(Activation.NONE);
      case DIV -> new OpOptions.Div(Activation.NONE);
      default -> throw new IllegalArgumentException(op + " is not an arithmetic op");
    };
    return e.emit(step, op, List.of(a, b), DataType.FLOAT32, x.shape(), options);
  }

  private static void requireFloat(Tensor x) {
    if (x.type() != DataType.FLOAT32) {
      throw new IllegalArgumentException("erf and erfc are expanded on FLOAT32 tensors, not " + x.type() + " ("
          + x.name() + ")");
    }
  }
}
