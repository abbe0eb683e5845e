package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.LayerTable;
import java.util.List;

/** ZeroPadding1D/2D (PAD), Cropping1D/2D (SLICE), UpSampling1D/2D (RESIZE_NEAREST_NEIGHBOR / BILINEAR). */
public final class ReshapingLayers {

  private ReshapingLayers() {}

  public static void register(LayerTable t) {
    t.register((LayerConverter.Unary) (ctx, x) -> zeroPad(ctx, x, 2), "ZeroPadding2D");
    t.register((LayerConverter.Unary) (ctx, x) -> zeroPad(ctx, x, 1), "ZeroPadding1D");
    t.register((LayerConverter.Unary) (ctx, x) -> crop(ctx, x, 2), "Cropping2D");
    t.register((LayerConverter.Unary) (ctx, x) -> crop(ctx, x, 1), "Cropping1D");
    t.register((LayerConverter.Unary) ReshapingLayers::upSampling2d, "UpSampling2D");
    t.register((LayerConverter.Unary) ReshapingLayers::upSampling1d, "UpSampling1D");
  }

  /** Per spatial axis {before, after}, from an int, a pair, or a pair of pairs. */
  private static int[][] pairs(LayerContext ctx, String key, int spatial, int fallback) {
    JsonNode n = ctx.config().get(key);
    int[][] out = new int[spatial][2];
    for (int i = 0; i < spatial; i++) {
      JsonNode v = n == null || n.isNull() ? null : n.isArray() ? (spatial == 1 ? n : n.get(i)) : n;
      if (v == null) {
        out[i] = new int[] {fallback, fallback};
      } else if (v.isArray()) {
        out[i] = new int[] {v.get(0).asInt(), v.get(v.size() - 1).asInt()};
      } else {
        out[i] = new int[] {v.asInt(), v.asInt()};
      }
    }
    return out;
  }

  private static Tensor zeroPad(LayerContext ctx, Tensor x, int spatial) {
    ctx.requireChannelsLast();
    int[][] p = pairs(ctx, "padding", spatial, 1);
    int rank = x.shape().rank();
    int[] flat = new int[rank * 2];
    int[] dims = x.shape().dims();
    for (int i = 0; i < spatial; i++) {
      flat[(i + 1) * 2] = p[i][0];
      flat[(i + 1) * 2 + 1] = p[i][1];
      dims[i + 1] = dims[i + 1] < 0 ? -1 : dims[i + 1] + p[i][0] + p[i][1];
    }
    return ctx.emit(BuiltinOp.PAD, List.of(x, ctx.int32Matrix("paddings", rank, 2, flat)), Shape.of(dims),
        new OpOptions.Pad());
  }

  private static Tensor crop(LayerContext ctx, Tensor x, int spatial) {
    ctx.requireChannelsLast();
    int[][] c = pairs(ctx, "cropping", spatial, 0);
    int rank = x.shape().rank();
    int[] begin = new int[rank];
    int[] size = x.shape().dims();
    size[0] = -1;
    for (int i = 0; i < spatial; i++) {
      if (size[i + 1] < 0) {
        throw ctx.error("crops an axis of unknown length", "give the model input a fixed shape");
      }
      begin[i + 1] = c[i][0];
      size[i + 1] -= c[i][0] + c[i][1];
    }
    int[] outDims = size.clone();
    outDims[0] = x.shape().dim(0);
    return ctx.emit(BuiltinOp.SLICE, List.of(x, ctx.int32("begin", begin), ctx.int32("size", size)),
        Shape.of(outDims), new OpOptions.Slice());
  }

  private static Tensor upSampling2d(LayerContext ctx, Tensor x) {
    ctx.requireChannelsLast();
    int[] s = ctx.ints("size", 2, 2);
    return resize(ctx, x, x.shape().dim(1) * s[0], x.shape().dim(2) * s[1], ctx.string("interpolation", "nearest"));
  }

  private static Tensor resize(LayerContext ctx, Tensor x, int h, int w, String interpolation) {
    Shape out = Shape.of(x.shape().dim(0), h, w, x.shape().dim(3));
    Tensor size = ctx.int32("size", h, w);
    return switch (interpolation) {
      case "nearest" -> ctx.emit(BuiltinOp.RESIZE_NEAREST_NEIGHBOR, List.of(x, size), out,
          new OpOptions.ResizeNearestNeighbor(false, false));
      // TF2's tf.image.resize, which Keras uses, samples at pixel centers.
      case "bilinear" -> ctx.emit(BuiltinOp.RESIZE_BILINEAR, List.of(x, size), out,
          new OpOptions.ResizeBilinear(false, true));
      default -> throw ctx.error("uses interpolation '" + interpolation + "', which is not supported", null);
    };
  }

  private static Tensor upSampling1d(LayerContext ctx, Tensor x) {
    int s = ctx.intValue("size", 2);
    int w = x.shape().dim(1);
    int c = x.shape().dim(2);
    Tensor as2d = Shapes.reshape(ctx, x, Shapes.withBatch(x.shape(), w, 1, c));
    Tensor y = resize(ctx, as2d, w * s, 1, "nearest");
    return Shapes.reshape(ctx, y, Shapes.withBatch(x.shape(), w * s, c));
  }
}
