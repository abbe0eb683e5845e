package io.litertj.keras.layers;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Padding;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.LayerTable;
import java.util.List;

/** Max and average pooling (1-D as 2-D over a height of 1) and their global forms (MEAN, REDUCE_MAX). */
public final class PoolingLayers {

  private PoolingLayers() {}

  public static void register(LayerTable t) {
    t.register(pool2d(BuiltinOp.MAX_POOL_2D), "MaxPooling2D", "MaxPool2D");
    t.register(pool2d(BuiltinOp.AVERAGE_POOL_2D), "AveragePooling2D", "AvgPool2D");
    t.register(pool1d(BuiltinOp.MAX_POOL_2D), "MaxPooling1D", "MaxPool1D");
    t.register(pool1d(BuiltinOp.AVERAGE_POOL_2D), "AveragePooling1D", "AvgPool1D");
    t.register(global(BuiltinOp.MEAN), "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAvgPool1D",
        "GlobalAvgPool2D");
    t.register(global(BuiltinOp.REDUCE_MAX), "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPool1D",
        "GlobalMaxPool2D");
  }

  private static LayerConverter.Unary pool2d(BuiltinOp op) {
    return (ctx, x) -> {
      ctx.requireChannelsLast();
      int[] size = ctx.ints("pool_size", 2, 2);
      int[] strides = ctx.has("strides") ? ctx.ints("strides", 2, 1) : size;
      return pool(ctx, op, x, size[0], size[1], strides[0], strides[1]);
    };
  }

  private static LayerConverter.Unary pool1d(BuiltinOp op) {
    return (ctx, x) -> {
      ctx.requireChannelsLast();
      int size = ctx.intValue("pool_size", 2);
      int stride = ctx.has("strides") ? ctx.intValue("strides", 1) : size;
      Tensor as2d = Shapes.reshape(ctx, x, Shapes.withBatch(x.shape(), 1, x.shape().dim(1), x.shape().dim(2)));
      Tensor y = pool(ctx, op, as2d, 1, size, 1, stride);
      return Shapes.reshape(ctx, y, Shapes.withBatch(y.shape(), y.shape().dim(2), y.shape().dim(3)));
    };
  }

  private static Tensor pool(LayerContext ctx, BuiltinOp op, Tensor x, int fh, int fw, int sh, int sw) {
    boolean same = ConvLayers.padding(ctx);
    Shape s = x.shape();
    Shape out = Shape.of(s.dim(0), Shapes.windowOut(s.dim(1), fh, sh, 1, same), Shapes.windowOut(s.dim(2), fw, sw, 1, same),
        s.dim(3));
    return ctx.emit(op, List.of(x), out,
        new OpOptions.Pool2D(same ? Padding.SAME : Padding.VALID, sw, sh, fw, fh, Activation.NONE));
  }

  private static LayerConverter.Unary global(BuiltinOp op) {
    return (ctx, x) -> {
      ctx.requireChannelsLast();
      boolean keep = ctx.bool("keepdims", false);
      int rank = x.shape().rank();
      int[] axes = new int[rank - 2];
      int[] out = keep ? x.shape().dims() : new int[] {x.shape().dim(0), x.shape().dim(rank - 1)};
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i + 1;
        if (keep) {
          out[i + 1] = 1;
        }
      }
      return ctx.emit(op, List.of(x, ctx.int32("axes", axes)), Shape.of(out), new OpOptions.Reducer(keep));
    };
  }
}
