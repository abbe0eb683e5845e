package io.litertj.keras.layers;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.ir.TransposedData;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.LayerTable;
import io.litertj.keras.reader.Weight;
import java.util.List;

/** Dense, the identity layers (dropout and its kin), and Flatten, Reshape, Permute, RepeatVector. */
public final class CoreLayers {

  private CoreLayers() {}

  public static void register(LayerTable t) {
    t.register((LayerConverter.Unary) CoreLayers::dense, "Dense");
    // Training-time only: at inference these pass their input through.
    t.register((LayerConverter.Unary) (ctx, x) -> x, "Dropout", "SpatialDropout1D", "SpatialDropout2D",
        "SpatialDropout3D", "GaussianDropout", "GaussianNoise", "AlphaDropout", "ActivityRegularization");
    t.register((LayerConverter.Unary) CoreLayers::flatten, "Flatten");
    t.register((LayerConverter.Unary) CoreLayers::reshape, "Reshape");
    t.register((LayerConverter.Unary) CoreLayers::permute, "Permute");
    t.register((LayerConverter.Unary) CoreLayers::repeatVector, "RepeatVector");
  }

  private static Tensor dense(LayerContext ctx, Tensor x) {
    int units = ctx.intValue("units", -1);
    boolean useBias = ctx.bool("use_bias", true);
    List<Weight> w = ctx.weights(useBias ? 2 : 1);
    int in = x.shape().dim(-1);
    Weight kernel = ctx.checkShape(w.get(0), in, units);
    Tensor weights = fullyConnectedWeights(ctx, kernel, "kernel");
    Tensor bias = useBias
        ? ctx.constant("bias", Shape.of(units), ctx.checkShape(w.get(1), units).values())
        : ctx.constant("bias", Shape.of(units), new float[units]);
    Shape out = x.shape().withDim(x.shape().rank() - 1, units);
    Tensor y = ctx.emit(BuiltinOp.FULLY_CONNECTED, List.of(x, weights, bias), out,
        new OpOptions.FullyConnected(Activation.NONE, x.shape().rank() > 2, false));
    return Activations.fromConfig(ctx, y, "activation");
  }

  /** A Keras {@code [in, out]} kernel as LiteRT's {@code [out, in]}, transposed lazily. */
  static Tensor fullyConnectedWeights(LayerContext ctx, Weight kernel, String suffix) {
    int[] s = kernel.shape();
    ConstantData data = TransposedData.of(ConstantData.ofFloats(kernel.values()), s, new int[] {1, 0}, 4);
    return ctx.constant(suffix, Shape.of(s[1], s[0]), data);
  }

  private static Tensor flatten(LayerContext ctx, Tensor x) {
    if (x.shape().rank() == 2) {
      return x;
    }
    return Shapes.reshape(ctx, x, Shapes.withBatch(x.shape(), Shapes.featureSize(ctx, x.shape())));
  }

  private static Tensor reshape(LayerContext ctx, Tensor x) {
    var target = ctx.config().path("target_shape");
    int[] dims = new int[target.size()];
    int known = 1;
    int unknown = -1;
    for (int i = 0; i < dims.length; i++) {
      dims[i] = target.get(i).asInt();
      if (dims[i] < 0) {
        unknown = i;
      } else {
        known *= dims[i];
      }
    }
    if (unknown >= 0) {
      dims[unknown] = Shapes.featureSize(ctx, x.shape()) / Math.max(1, known);
    }
    return Shapes.reshape(ctx, x, Shapes.withBatch(x.shape(), dims));
  }

  private static Tensor permute(LayerContext ctx, Tensor x) {
    var dims = ctx.config().path("dims");
    int[] perm = new int[dims.size() + 1];
    int[] out = new int[perm.length];
    out[0] = x.shape().dim(0);
    for (int i = 0; i < dims.size(); i++) {
      perm[i + 1] = dims.get(i).asInt();
      out[i + 1] = x.shape().dim(perm[i + 1]);
    }
    return ctx.emit(BuiltinOp.TRANSPOSE, List.of(x, ctx.int32("perm", perm)), Shape.of(out), new OpOptions.Transpose());
  }

  private static Tensor repeatVector(LayerContext ctx, Tensor x) {
    int n = ctx.intValue("n", 1);
    int f = x.shape().dim(1);
    Tensor expanded = Shapes.reshape(ctx, x, Shapes.withBatch(x.shape(), 1, f));
    return ctx.emit(BuiltinOp.TILE, List.of(expanded, ctx.int32("multiples", 1, n, 1)),
        Shapes.withBatch(x.shape(), n, f), new OpOptions.Tile());
  }
}
