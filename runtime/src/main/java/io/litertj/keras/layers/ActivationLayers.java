package io.litertj.keras.layers;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.LayerTable;
import io.litertj.keras.reader.Weight;
import java.util.List;

/** Activation, ReLU, LeakyReLU, PReLU, ELU, Softmax layers. */
public final class ActivationLayers {

  private ActivationLayers() {}

  public static void register(LayerTable t) {
    t.register((LayerConverter.Unary) (ctx, x) -> activation(ctx, x), "Activation");
    t.register((LayerConverter.Unary) ActivationLayers::relu, "ReLU");
    t.register((LayerConverter.Unary) ActivationLayers::leakyRelu, "LeakyReLU");
    t.register((LayerConverter.Unary) ActivationLayers::prelu, "PReLU");
    t.register((LayerConverter.Unary) ActivationLayers::elu, "ELU");
    t.register((LayerConverter.Unary) ActivationLayers::softmax, "Softmax");
  }

  /** Elementwise, so it may run before a Conv1D's closing RESHAPE and fuse into the convolution. */
  private static Tensor activation(LayerContext ctx, Tensor x) {
    if (!ctx.has("activation")) {
      // Keras always writes it; without it the layer's meaning is unknown, not "linear".
      throw ctx.error("has no activation in its config", "save the model again with Keras");
    }
    String name = Activations.name(ctx, "activation");
    if (name.equals("softmax")) {
      return Activations.apply(ctx, x, name);
    }
    return ChannelOps.beforeReshape(ctx, x, t -> Activations.apply(ctx, t, name));
  }

  private static Tensor relu(LayerContext ctx, Tensor x) {
    double max = ctx.doubleValue("max_value", Double.NaN);
    double slope = ctx.doubleValue("negative_slope", 0);
    double threshold = ctx.doubleValue("threshold", 0);
    if (threshold != 0) {
      throw ctx.error("has threshold " + threshold + ", which is not supported", null);
    }
    Tensor y;
    if (slope != 0) {
      y = ctx.emit(BuiltinOp.LEAKY_RELU, List.of(x), x.shape(), new OpOptions.LeakyRelu((float) slope));
    } else if (max == 6) {
      return Activations.unary(ctx, BuiltinOp.RELU6, x);
    } else {
      y = Activations.unary(ctx, BuiltinOp.RELU, x);
    }
    if (!Double.isNaN(max)) {
      y = ctx.emit(BuiltinOp.MINIMUM, List.of(y, ctx.scalar("max_value", (float) max)), x.shape(),
          new OpOptions.MaximumMinimum());
    }
    return y;
  }

  private static Tensor leakyRelu(LayerContext ctx, Tensor x) {
    // Keras 2 calls it alpha (default 0.3), Keras 3 negative_slope (same default).
    double alpha = ctx.doubleValue("negative_slope", ctx.doubleValue("alpha", 0.3));
    return ctx.emit(BuiltinOp.LEAKY_RELU, List.of(x), x.shape(), new OpOptions.LeakyRelu((float) alpha));
  }

  private static Tensor prelu(LayerContext ctx, Tensor x) {
    Weight alpha = ctx.weights(1).get(0);
    return ctx.emit(BuiltinOp.PRELU, List.of(x, ctx.constant("alpha", Shape.of(alpha.shape()), alpha.values())),
        x.shape(), null);
  }

  private static Tensor elu(LayerContext ctx, Tensor x) {
    double alpha = ctx.doubleValue("alpha", 1.0);
    if (alpha == 1.0) {
      return Activations.unary(ctx, BuiltinOp.ELU, x);
    }
    // relu(x) + alpha * (elu(x) - relu(x))
    Tensor relu = Activations.unary(ctx, BuiltinOp.RELU, x);
    Tensor neg = ctx.emit(BuiltinOp.SUB, List.of(Activations.unary(ctx, BuiltinOp.ELU, x), relu), x.shape(),
        new OpOptions.Sub(Activation.NONE));
    return Activations.add(ctx, relu, Activations.mul(ctx, neg, ctx.scalar("alpha", (float) alpha)));
  }

  private static Tensor softmax(LayerContext ctx, Tensor x) {
    int axis = ctx.intValue("axis", -1);
    if (axis != -1 && axis != x.shape().rank() - 1) {
      throw ctx.error("takes softmax over axis " + axis + "; only the last axis is supported", null);
    }
    return ctx.emit(BuiltinOp.SOFTMAX, List.of(x), x.shape(), new OpOptions.Softmax(1f));
  }
}
