package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.List;

/**
 * Keras activation functions as LiteRT builtins, emitted as their own ops (the optimizer fuses
 * RELU, RELU6 and TANH into the producer where LiteRT allows it).
 */
public final class Activations {

  private static final double SELU_ALPHA = 1.6732632423543772;
  private static final double SELU_SCALE = 1.0507009873554805;

  private Activations() {}

  /** The layer's {@code activation} config (a name, or a Keras 3 serialized function). */
  static String name(LayerContext ctx, String key) {
    JsonNode n = ctx.config().get(key);
    if (n == null || n.isNull()) {
      return "linear";
    }
    if (n.isTextual()) {
      return n.asText();
    }
    JsonNode inner = n.path("config");
    return inner.isTextual() ? inner.asText() : n.path("class_name").asText("unknown");
  }

  public static Tensor apply(LayerContext ctx, Tensor x, String activation) {
    return switch (activation) {
      case "linear", "None" -> x;
      case "relu" -> unary(ctx, BuiltinOp.RELU, x);
      case "relu6" -> unary(ctx, BuiltinOp.RELU6, x);
      case "sigmoid" -> unary(ctx, BuiltinOp.LOGISTIC, x);
      case "tanh" -> unary(ctx, BuiltinOp.TANH, x);
      case "softmax" -> ctx.emit(BuiltinOp.SOFTMAX, List.of(x), x.shape(), new OpOptions.Softmax(1f));
      case "elu" -> unary(ctx, BuiltinOp.ELU, x);
      case "selu" -> selu(ctx, x);
      case "swish", "silu" -> mul(ctx, x, unary(ctx, BuiltinOp.LOGISTIC, x));
      case "gelu" -> ctx.emit(BuiltinOp.GELU, List.of(x), x.shape(), new OpOptions.Gelu(false));
      case "hard_sigmoid" -> hardSigmoid(ctx, x);
      case "hard_swish", "hard_silu" -> unary(ctx, BuiltinOp.HARD_SWISH, x);
      case "exponential" -> ctx.emit(BuiltinOp.EXP, List.of(x), x.shape(), new OpOptions.Exp());
      case "softplus" -> unary(ctx, BuiltinOp.LOG,
          add(ctx, ctx.emit(BuiltinOp.EXP, List.of(x), x.shape(), new OpOptions.Exp()), ctx.scalar("one", 1f)));
      default -> throw ctx.error("uses activation '" + activation + "', which is not supported",
          "use a built-in activation (relu, sigmoid, tanh, softmax, ...)");
    };
  }

  /**
   * Keras 3's {@code relu6(x + 3) / 6}, for every file. Keras 2 computed {@code clip(0.2x + 0.5, 0, 1)},
   * but Keras 3 loads Keras 2 files with its own function, and real Keras 3's outputs are the judge
   * of what a file means (checked on lstm_functional_tf_keras_2.h5).
   */
  static Tensor hardSigmoid(LayerContext ctx, Tensor x) {
    float slope = 1f / 6f;
    // clip(slope*x + 0.5, 0, 1) = relu_n1_to_1(2*slope*x) / 2 + 0.5
    Tensor scaled = mul(ctx, x, ctx.scalar("slope", 2 * slope));
    Tensor clipped = unary(ctx, BuiltinOp.RELU_N1_TO_1, scaled);
    return add(ctx, mul(ctx, clipped, ctx.scalar("half", 0.5f)), ctx.scalar("half", 0.5f));
  }

  private static Tensor selu(LayerContext ctx, Tensor x) {
    // scale * (relu(x) + alpha * (elu(x) - relu(x)))
    Tensor relu = unary(ctx, BuiltinOp.RELU, x);
    Tensor negative = ctx.emit(BuiltinOp.SUB, List.of(unary(ctx, BuiltinOp.ELU, x), relu), x.shape(),
        new OpOptions.Sub(Activation.NONE));
    Tensor sum = add(ctx, relu, mul(ctx, negative, ctx.scalar("alpha", (float) SELU_ALPHA)));
    return mul(ctx, sum, ctx.scalar("scale", (float) SELU_SCALE));
  }

  static Tensor unary(LayerContext ctx, BuiltinOp op, Tensor x) {
    return ctx.emit(op, List.of(x), x.shape(), null);
  }

  static Tensor mul(LayerContext ctx, Tensor a, Tensor b) {
    return ctx.emit(BuiltinOp.MUL, List.of(a, b), Broadcasting.shape(a.shape(), b.shape()),
        new OpOptions.Mul(Activation.NONE));
  }

  static Tensor add(LayerContext ctx, Tensor a, Tensor b) {
    return ctx.emit(BuiltinOp.ADD, List.of(a, b), Broadcasting.shape(a.shape(), b.shape()),
        new OpOptions.Add(Activation.NONE));
  }
}
