package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.LayerTable;
import io.litertj.keras.reader.Weight;
import java.util.Arrays;
import java.util.List;

/** Activation, ReLU, LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax and Identity layers. */
public final class ActivationLayers {

  private ActivationLayers() {}

  public static void register(LayerTable t) {
    t.register((LayerConverter.Unary) ActivationLayers::activation, "Activation");
    t.register((LayerConverter.Unary) ActivationLayers::relu, "ReLU");
    t.register((LayerConverter.Unary) ActivationLayers::leakyRelu, "LeakyReLU");
    t.register((LayerConverter.Unary) ActivationLayers::prelu, "PReLU");
    t.register((LayerConverter.Unary) ActivationLayers::elu, "ELU");
    t.register((LayerConverter.Unary) ActivationLayers::thresholdedRelu, "ThresholdedReLU");
    t.register((LayerConverter.Unary) SoftmaxLayer::convert, "Softmax");
    t.register((LayerConverter.Unary) (ctx, x) -> x, "Identity");
  }

  /** Elementwise ones may run before a Conv1D's closing RESHAPE and fuse into the convolution. */
  private static Tensor activation(LayerContext ctx, Tensor x) {
    if (!ctx.has("activation")) {
      // Keras always writes it; without it the layer's meaning is unknown, not "linear".
      throw ctx.error("has no activation in its config", "save the model again with Keras");
    }
    ActivationSpec spec = ActivationSpec.of(ctx, "activation");
    if (!spec.elementwise()) {
      return Activations.apply(ctx, x, spec);
    }
    return ChannelOps.beforeReshape(ctx, x, t -> Activations.apply(ctx, t, spec));
  }

  /** An activation layer object used as another layer's activation, with its config. */
  static Tensor asActivation(LayerContext outer, Tensor x, ActivationSpec spec) {
    LayerContext ctx = outer.wrapped(spec.args(), spec.layerClass(), "activation", List.of());
    return switch (spec.layerClass()) {
      case "ReLU" -> relu(ctx, x);
      case "LeakyReLU" -> leakyRelu(ctx, x);
      case "ELU" -> elu(ctx, x);
      case "ThresholdedReLU" -> thresholdedRelu(ctx, x);
      case "Softmax" -> SoftmaxLayer.convert(ctx, x);
      default -> throw ctx.error("is used as an activation, which is not supported", null);
    };
  }

  private static Tensor relu(LayerContext ctx, Tensor x) {
    return relu(ctx, x, ctx.doubleValue("negative_slope", 0), ctx.doubleValue("max_value", Double.NaN),
        ctx.doubleValue("threshold", 0));
  }

  /**
   * Keras's relu: {@code min(x, max_value)} above {@code threshold}, {@code slope * (x - threshold)}
   * at or below it ({@code max_value} NaN for none). The common cases are one builtin.
   */
  static Tensor relu(LayerContext ctx, Tensor x, double slope, double max, double threshold) {
    if (slope < 0 || threshold < 0 || max < 0) {
      throw ctx.error("has a negative negative_slope, threshold or max_value, which Keras does not allow",
          "the config is damaged: save the model again");
    }
    boolean capped = !Double.isNaN(max);
    if (threshold == 0) {
      Tensor y;
      if (slope != 0) {
        y = ctx.emit(BuiltinOp.LEAKY_RELU, List.of(x), x.shape(), new OpOptions.LeakyRelu((float) slope));
      } else if (max == 6) {
        return Activations.unary(ctx, BuiltinOp.RELU6, x);
      } else {
        y = Activations.unary(ctx, BuiltinOp.RELU, x);
      }
      return capped ? Arith.binary(ctx, BuiltinOp.MINIMUM, y, ctx.scalar("max_value", (float) max)) : y;
    }
    Tensor above = Arith.compare(ctx, BuiltinOp.GREATER, x, ctx.scalar("threshold", (float) threshold));
    Tensor kept = capped ? Arith.binary(ctx, BuiltinOp.MINIMUM, x, ctx.scalar("max_value", (float) max)) : x;
    Tensor below = slope == 0 ? ctx.scalar("zero", 0f)
        : Arith.mul(ctx, Arith.add(ctx, x, "minus_threshold", -threshold), "negative_slope", slope);
    return Arith.select(ctx, above, kept, below);
  }

  private static Tensor leakyRelu(LayerContext ctx, Tensor x) {
    // Keras 2 calls it alpha (default 0.3), Keras 3 negative_slope (same default).
    double alpha = ctx.doubleValue("negative_slope", ctx.doubleValue("alpha", 0.3));
    return ctx.emit(BuiltinOp.LEAKY_RELU, List.of(x), x.shape(), new OpOptions.LeakyRelu((float) alpha));
  }

  /** Keras 3 does not save ELU's alpha (it reloads as 1); Keras 2 does. */
  private static Tensor elu(LayerContext ctx, Tensor x) {
    return ComposedActivations.elu(ctx, x, ctx.doubleValue("alpha", 1.0));
  }

  /** Keras 2's ThresholdedReLU: x where x > theta, else 0. */
  private static Tensor thresholdedRelu(LayerContext ctx, Tensor x) {
    return ComposedActivations.threshold(ctx, x, ctx.doubleValue("theta", 1.0), 0);
  }

  /** PRELU with alpha of the input's shape (batch excluded), 1 along {@code shared_axes}. */
  private static Tensor prelu(LayerContext ctx, Tensor x) {
    int rank = x.shape().rank();
    int[] expected = Arrays.copyOfRange(x.shape().dims(), 1, rank);
    JsonNode shared = ctx.config().get("shared_axes");
    if (shared != null && !shared.isNull()) {
      for (JsonNode a : shared.isArray() ? shared : List.of(shared)) {
        int axis = a.asInt();
        if (axis < 1 || axis >= rank) {
          throw ctx.error("shares alpha along axis " + axis + ", which its rank-" + rank + " input cannot", null);
        }
        expected[axis - 1] = 1;
      }
    }
    for (int d : expected) {
      if (d < 0) {
        throw ctx.error("needs a known input shape apart from the batch, got " + x.shape(),
            "give the model input a fixed shape apart from the batch");
      }
    }
    Weight alpha = ctx.checkShape(ctx.weights(1).get(0), expected);
    int lead = 0;
    while (lead < expected.length - 1 && expected[lead] == 1) {
      lead++; // leading ones broadcast the same without them
    }
    Shape s = Shape.of(Arrays.copyOfRange(expected, lead, expected.length));
    return ctx.emit(BuiltinOp.PRELU, List.of(x, ctx.constant("alpha", s, alpha.values())), x.shape(), null);
  }
}
