package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.List;

/**
 * Keras activation functions, by the names Keras 2 and 3 write, as LiteRT builtins where LiteRT
 * has one (GELU, HARD_SWISH, LEAKY_RELU, ELU, LOG_SOFTMAX, ...; the optimizer fuses RELU, RELU6
 * and TANH into the producer where LiteRT allows it) and otherwise as a few builtins
 * ({@link ComposedActivations}).
 */
public final class Activations {

  private Activations() {}

  /**
   * The name of the layer's activation {@code key}, for callers that take only names (recurrent
   * cells); an activation with arguments or an activation object is refused there.
   */
  static String name(LayerContext ctx, String key) {
    ActivationSpec spec = ActivationSpec.of(ctx, key);
    if (spec.layerClass() != null || !spec.args().isEmpty()) {
      throw ctx.error("uses the activation " + spec.name() + " with arguments " + spec.args() + " in " + key
          + ", which is not supported there", "use a built-in activation by name");
    }
    return spec.name();
  }

  /** Applies the activation the layer's config gives as {@code key} (absent: linear). */
  static Tensor fromConfig(LayerContext ctx, Tensor x, String key) {
    return apply(ctx, x, ActivationSpec.of(ctx, key));
  }

  public static Tensor apply(LayerContext ctx, Tensor x, String activation) {
    return apply(ctx, x, ActivationSpec.named(activation));
  }

  static Tensor apply(LayerContext ctx, Tensor x, ActivationSpec spec) {
    if (spec.layerClass() != null) {
      return ActivationLayers.asActivation(ctx, x, spec);
    }
    ActivationArgs args = new ActivationArgs(ctx, spec);
    Tensor y = compute(ctx, x, spec.name(), args);
    args.requireAllRead();
    return y;
  }

  private static Tensor compute(LayerContext ctx, Tensor x, String name, ActivationArgs a) {
    return switch (name) {
      case "linear", "None" -> x;
      case "relu" -> ActivationLayers.relu(ctx, x, a.number("negative_slope", 0), a.number("max_value", Double.NaN),
          a.number("threshold", 0));
      case "relu6" -> unary(ctx, BuiltinOp.RELU6, x);
      case "sigmoid" -> unary(ctx, BuiltinOp.LOGISTIC, x);
      case "tanh" -> unary(ctx, BuiltinOp.TANH, x);
      case "exponential", "exp" -> Arith.unary(ctx, BuiltinOp.EXP, x);
      case "softmax", "log_softmax" -> AxisSoftmax.apply(ctx, x,
          AxisSoftmax.axes(ctx, axisArgument(a), x.shape().rank(), name), name.equals("log_softmax"));
      case "elu" -> ComposedActivations.elu(ctx, x, a.number("alpha", 1));
      case "selu" -> ComposedActivations.selu(ctx, x);
      case "celu" -> ComposedActivations.celu(ctx, x, a.number("alpha", 1));
      case "leaky_relu" -> ctx.emit(BuiltinOp.LEAKY_RELU, List.of(x), x.shape(),
          new OpOptions.LeakyRelu((float) a.number("negative_slope", 0.2)));
      case "gelu" -> ctx.emit(BuiltinOp.GELU, List.of(x), x.shape(), new OpOptions.Gelu(a.bool("approximate", false)));
      case "silu", "swish" -> mul(ctx, x, unary(ctx, BuiltinOp.LOGISTIC, x));
      case "hard_sigmoid" -> hardSigmoid(ctx, x);
      case "hard_silu", "hard_swish" -> unary(ctx, BuiltinOp.HARD_SWISH, x);
      case "hard_tanh" -> unary(ctx, BuiltinOp.RELU_N1_TO_1, x);
      case "softplus" -> ComposedActivations.softplus(ctx, x);
      case "softsign" -> ComposedActivations.softsign(ctx, x);
      case "mish" -> ComposedActivations.mish(ctx, x);
      case "log_sigmoid" -> ComposedActivations.logSigmoid(ctx, x);
      case "glu" -> ComposedActivations.glu(ctx, x, glueAxis(ctx, a, x));
      case "squareplus" -> ComposedActivations.squareplus(ctx, x, a.number("b", 4));
      case "sparse_plus" -> ComposedActivations.sparsePlus(ctx, x);
      case "sparse_sigmoid" -> ComposedActivations.sparseSigmoid(ctx, x);
      case "tanh_shrink" -> ComposedActivations.tanhShrink(ctx, x);
      case "soft_shrink" -> ComposedActivations.softShrink(ctx, x, a.number("threshold", 0.5));
      case "hard_shrink" -> ComposedActivations.hardShrink(ctx, x, a.number("threshold", 0.5));
      case "threshold" -> ComposedActivations.threshold(ctx, x, a.required("threshold"), a.required("default_value"));
      case "sparsemax" -> throw ctx.error("uses activation sparsemax, which needs a sort that LiteRT builtins lack",
          "use softmax, or export a SavedModel and convert that");
      default -> throw ctx.error("uses activation '" + name + "', which is not a Keras activation this converter knows",
          "use a built-in Keras activation (relu, gelu, silu, softmax, ...)");
    };
  }

  /** Softmax's axis: -1 unless given; an explicit null means every axis. */
  private static JsonNode axisArgument(ActivationArgs a) {
    JsonNode axis = a.get("axis");
    return axis != null ? axis : a.present("axis") ? null : IntNode.valueOf(-1);
  }

  private static int glueAxis(LayerContext ctx, ActivationArgs a, Tensor x) {
    int rank = x.shape().rank();
    int axis = (int) a.number("axis", -1);
    if (axis < -rank || axis >= rank || Shapes.axis(axis, rank) == 0) {
      throw ctx.error("uses activation glu over axis " + axis + " of a rank-" + rank + " input", null);
    }
    return Shapes.axis(axis, rank);
  }

  /**
   * Keras 3's {@code relu6(x + 3) / 6}, for every file. Keras 2 computed {@code clip(0.2x + 0.5, 0, 1)},
   * but Keras 3 loads Keras 2 files with its own function, and real Keras 3's outputs are the judge
   * of what a file means (checked on lstm_functional_tf_keras_2.h5).
   */
  static Tensor hardSigmoid(LayerContext ctx, Tensor x) {
    return ComposedActivations.hardSigmoid(ctx, x);
  }

  static Tensor unary(LayerContext ctx, BuiltinOp op, Tensor x) {
    return ctx.emit(op, List.of(x), x.shape(), null);
  }

  static Tensor mul(LayerContext ctx, Tensor a, Tensor b) {
    return Arith.mul(ctx, a, b);
  }

  static Tensor add(LayerContext ctx, Tensor a, Tensor b) {
    return Arith.add(ctx, a, b);
  }
}
