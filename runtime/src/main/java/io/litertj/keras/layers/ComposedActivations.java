package io.litertj.keras.layers;

import static io.litertj.keras.layers.Arith.add;
import static io.litertj.keras.layers.Arith.mul;
import static io.litertj.keras.layers.Arith.sub;
import static io.litertj.keras.layers.Arith.unary;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.Collections;
import java.util.List;

/**
 * Keras activations that LiteRT has no builtin for, each as a few builtins computing Keras 3's
 * formula (its TensorFlow backend), in forms that neither overflow nor lose precision for large
 * |x|.
 */
public final class ComposedActivations {

  private static final double SELU_ALPHA = 1.6732632423543772;
  private static final double SELU_SCALE = 1.0507009873554805;

  private ComposedActivations() {}

  /** log(1 + e^x) = max(x, 0) + log(1 + e^-|x|): e^-|x| is at most 1, so nothing overflows. */
  public static Tensor softplus(LayerContext ctx, Tensor x) {
    return add(ctx, unary(ctx, BuiltinOp.RELU, x), log1pExpNegAbs(ctx, x));
  }

  /** log(sigmoid(x)) = -softplus(-x) = min(x, 0) - log(1 + e^-|x|). */
  public static Tensor logSigmoid(LayerContext ctx, Tensor x) {
    Tensor negativePart = Arith.binary(ctx, BuiltinOp.MINIMUM, x, ctx.scalar("zero", 0f));
    return sub(ctx, negativePart, log1pExpNegAbs(ctx, x));
  }

  private static Tensor log1pExpNegAbs(LayerContext ctx, Tensor x) {
    Tensor e = unary(ctx, BuiltinOp.EXP, unary(ctx, BuiltinOp.NEG, unary(ctx, BuiltinOp.ABS, x)));
    return unary(ctx, BuiltinOp.LOG, add(ctx, e, "one", 1));
  }

  /** x * tanh(softplus(x)). */
  static Tensor mish(LayerContext ctx, Tensor x) {
    return mul(ctx, x, unary(ctx, BuiltinOp.TANH, softplus(ctx, x)));
  }

  /** x / (1 + |x|). */
  public static Tensor softsign(LayerContext ctx, Tensor x) {
    return Arith.binary(ctx, BuiltinOp.DIV, x, add(ctx, unary(ctx, BuiltinOp.ABS, x), "one", 1));
  }

  /** Keras 3's relu6(x + 3) / 6, for every file (see {@link Activations#hardSigmoid}). */
  static Tensor hardSigmoid(LayerContext ctx, Tensor x) {
    return mul(ctx, unary(ctx, BuiltinOp.RELU6, add(ctx, x, "three", 3)), "sixth", 1.0 / 6);
  }

  /** x for x > 0, alpha * (e^x - 1) otherwise: relu(x) + alpha * (elu(x) - relu(x)). */
  public static Tensor elu(LayerContext ctx, Tensor x, double alpha) {
    Tensor elu = unary(ctx, BuiltinOp.ELU, x);
    if (alpha == 1) {
      return elu;
    }
    Tensor relu = unary(ctx, BuiltinOp.RELU, x);
    return add(ctx, relu, mul(ctx, sub(ctx, elu, relu), "alpha", alpha));
  }

  /** scale * elu(x, alpha) with SELU's constants. */
  static Tensor selu(LayerContext ctx, Tensor x) {
    return mul(ctx, elu(ctx, x, SELU_ALPHA), "scale", SELU_SCALE);
  }

  /** max(x, 0) + alpha * expm1(min(x, 0) / alpha), which is alpha * elu(x / alpha). */
  static Tensor celu(LayerContext ctx, Tensor x, double alpha) {
    if (alpha == 1) {
      return unary(ctx, BuiltinOp.ELU, x);
    }
    return mul(ctx, unary(ctx, BuiltinOp.ELU, mul(ctx, x, "inverse_alpha", 1 / alpha)), "alpha", alpha);
  }

  /** a * sigmoid(b), where a and b are the two halves of x along {@code axis}. */
  static Tensor glu(LayerContext ctx, Tensor x, int axis) {
    int size = x.shape().dim(axis);
    if (size < 0 || size % 2 != 0) {
      throw ctx.error("uses activation glu on an axis of size " + size + "; it needs a known, even size", null);
    }
    Shape half = x.shape().withDim(axis, size / 2);
    List<Tensor> parts = ctx.emitMulti(BuiltinOp.SPLIT, List.of(ctx.int32("axis", axis), x),
        Collections.nCopies(2, half), new OpOptions.Split(2));
    return mul(ctx, parts.get(0), unary(ctx, BuiltinOp.LOGISTIC, parts.get(1)));
  }

  /** (x + sqrt(x^2 + b)) / 2. */
  static Tensor squareplus(LayerContext ctx, Tensor x, double b) {
    Tensor root = unary(ctx, BuiltinOp.SQRT, add(ctx, unary(ctx, BuiltinOp.SQUARE, x), "b", b));
    return mul(ctx, add(ctx, x, root), "half", 0.5);
  }

  /** 0 below -1, (x + 1)^2 / 4 up to 1, x above: (clip(x, -1, 1) + 1)^2 / 4 + relu(x - 1). */
  static Tensor sparsePlus(LayerContext ctx, Tensor x) {
    Tensor clipped = add(ctx, unary(ctx, BuiltinOp.RELU_N1_TO_1, x), "one", 1);
    Tensor quadratic = mul(ctx, unary(ctx, BuiltinOp.SQUARE, clipped), "quarter", 0.25);
    return add(ctx, quadratic, unary(ctx, BuiltinOp.RELU, add(ctx, x, "minus_one", -1)));
  }

  /** (clip(x, -1, 1) + 1) / 2. */
  static Tensor sparseSigmoid(LayerContext ctx, Tensor x) {
    return mul(ctx, add(ctx, unary(ctx, BuiltinOp.RELU_N1_TO_1, x), "one", 1), "half", 0.5);
  }

  /** x - tanh(x). */
  static Tensor tanhShrink(LayerContext ctx, Tensor x) {
    return sub(ctx, x, unary(ctx, BuiltinOp.TANH, x));
  }

  /** x - clip(x, -t, t): x - t above t, x + t below -t, 0 between. */
  static Tensor softShrink(LayerContext ctx, Tensor x, double t) {
    Tensor clipped = Arith.binary(ctx, BuiltinOp.MINIMUM,
        Arith.binary(ctx, BuiltinOp.MAXIMUM, x, ctx.scalar("minus_threshold", (float) -t)),
        ctx.scalar("threshold", (float) t));
    return sub(ctx, x, clipped);
  }

  /** x where |x| > t, else 0. */
  static Tensor hardShrink(LayerContext ctx, Tensor x, double t) {
    Tensor keep = Arith.compare(ctx, BuiltinOp.GREATER, unary(ctx, BuiltinOp.ABS, x), ctx.scalar("threshold", (float) t));
    return Arith.select(ctx, keep, x, ctx.scalar("zero", 0f));
  }

  /** x where x > t, else {@code value}. */
  static Tensor threshold(LayerContext ctx, Tensor x, double t, double value) {
    Tensor keep = Arith.compare(ctx, BuiltinOp.GREATER, x, ctx.scalar("threshold", (float) t));
    return Arith.select(ctx, keep, x, ctx.scalar("default_value", (float) value));
  }
}
