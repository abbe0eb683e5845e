package io.litertj.keras.layers;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Padding;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.ir.TransposedData;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.LayerTable;
import io.litertj.keras.reader.Weight;
import java.util.List;

/**
 * Conv1D, Conv2D, DepthwiseConv2D, SeparableConv2D. Filters become LiteRT's OHWI (depthwise
 * {@code [1, H, W, C*M]}); 1-D convolutions run as 2-D ones over a height of 1.
 */
public final class ConvLayers {

  private ConvLayers() {}

  public static void register(LayerTable t) {
    t.register((LayerConverter.Unary) ConvLayers::conv2d, "Conv2D", "Convolution2D");
    t.register((LayerConverter.Unary) ConvLayers::conv1d, "Conv1D", "Convolution1D");
    t.register((LayerConverter.Unary) ConvLayers::depthwise2d, "DepthwiseConv2D");
    t.register((LayerConverter.Unary) ConvLayers::separable2d, "SeparableConv2D", "SeparableConvolution2D");
    t.register((LayerConverter.Unary) ConvLayers::transpose2d, "Conv2DTranspose", "Convolution2DTranspose");
  }

  /** The geometry of one convolution over NHWC. */
  record Window(int kh, int kw, int sh, int sw, int dh, int dw, boolean same) {
    Shape out(Shape in, int channels) {
      return Shape.of(in.dim(0), Shapes.windowOut(in.dim(1), kh, sh, dh, same),
          Shapes.windowOut(in.dim(2), kw, sw, dw, same), channels);
    }

    Padding padding() {
      return same ? Padding.SAME : Padding.VALID;
    }
  }

  private static Window window2d(LayerContext ctx) {
    int[] k = ctx.ints("kernel_size", 2, 1);
    int[] s = ctx.ints("strides", 2, 1);
    int[] d = ctx.ints("dilation_rate", 2, 1);
    return new Window(k[0], k[1], s[0], s[1], d[0], d[1], padding(ctx));
  }

  static boolean padding(LayerContext ctx) {
    String p = ctx.string("padding", "valid");
    return switch (p) {
      case "same" -> true;
      case "valid" -> false;
      default -> throw ctx.error("uses padding '" + p + "', which is not supported here", null);
    };
  }

  private static void requireOneGroup(LayerContext ctx) {
    if (ctx.intValue("groups", 1) != 1) {
      throw ctx.error("has groups=" + ctx.intValue("groups", 1) + "; grouped convolutions are not supported", null);
    }
  }

  private static Tensor conv2d(LayerContext ctx, Tensor x) {
    ctx.requireChannelsLast();
    requireOneGroup(ctx);
    Window win = window2d(ctx);
    return conv(ctx, x, win);
  }

  /** CONV_2D with a Keras HWIO kernel and optional bias, then the activation. */
  private static Tensor conv(LayerContext ctx, Tensor x, Window win) {
    int filters = ctx.intValue("filters", -1);
    boolean useBias = ctx.bool("use_bias", true);
    List<Weight> w = ctx.weights(useBias ? 2 : 1);
    int in = x.shape().dim(3);
    Weight kernel = ctx.checkShape(w.get(0), win.kh(), win.kw(), in, filters);
    ConstantData ohwi = TransposedData.of(ConstantData.ofFloats(kernel.values()), kernel.shape(), new int[] {3, 0, 1, 2}, 4);
    Tensor filter = ctx.constant("kernel", Shape.of(filters, win.kh(), win.kw(), in), ohwi);
    Tensor bias = bias(ctx, w, useBias, filters);
    Tensor y = ctx.emit(BuiltinOp.CONV_2D, List.of(x, filter, bias), win.out(x.shape(), filters),
        new OpOptions.Conv2D(win.padding(), win.sw(), win.sh(), Activation.NONE, win.dw(), win.dh()));
    return Activations.fromConfig(ctx, y, "activation");
  }

  static Tensor bias(LayerContext ctx, List<Weight> w, boolean useBias, int channels) {
    float[] values = useBias ? ctx.checkShape(w.get(w.size() - 1), channels).values() : new float[channels];
    return ctx.constant("bias", Shape.of(channels), values);
  }

  private static Tensor conv1d(LayerContext ctx, Tensor x) {
    ctx.requireChannelsLast();
    requireOneGroup(ctx);
    int k = ctx.intValue("kernel_size", 1);
    int s = ctx.intValue("strides", 1);
    int d = ctx.intValue("dilation_rate", 1);
    String p = ctx.string("padding", "valid");
    Tensor in = x;
    if (p.equals("causal")) {
      // Causal: pad (k-1)*d steps on the left, then a valid convolution.
      int pad = (k - 1) * d;
      in = ctx.emit(BuiltinOp.PAD, List.of(x, ctx.int32Matrix("paddings", 3, 2, 0, 0, pad, 0, 0, 0)),
          Shape.of(x.shape().dim(0), x.shape().dim(1) < 0 ? -1 : x.shape().dim(1) + pad, x.shape().dim(2)),
          new OpOptions.Pad());
    }
    Window win = new Window(1, k, 1, s, 1, d, p.equals("same"));
    Tensor as2d = Shapes.reshape(ctx, in, Shapes.withBatch(in.shape(), 1, in.shape().dim(1), in.shape().dim(2)));
    int filters = ctx.intValue("filters", -1);
    boolean useBias = ctx.bool("use_bias", true);
    List<Weight> w = ctx.weights(useBias ? 2 : 1);
    int channels = in.shape().dim(2);
    Weight kernel = ctx.checkShape(w.get(0), k, channels, filters);
    // [k, C, O] -> [O, k, C], which is OHWI with H = 1.
    ConstantData ohwi = TransposedData.of(ConstantData.ofFloats(kernel.values()), kernel.shape(), new int[] {2, 0, 1}, 4);
    Tensor filter = ctx.constant("kernel", Shape.of(filters, 1, k, channels), ohwi);
    Shape out2d = win.out(as2d.shape(), filters);
    Tensor y = ctx.emit(BuiltinOp.CONV_2D, List.of(as2d, filter, bias(ctx, w, useBias, filters)), out2d,
        new OpOptions.Conv2D(win.padding(), win.sw(), win.sh(), Activation.NONE, win.dw(), win.dh()));
    y = Activations.fromConfig(ctx, y, "activation");
    return Shapes.reshape(ctx, y, Shapes.withBatch(y.shape(), out2d.dim(2), filters));
  }

  private static Tensor depthwise2d(LayerContext ctx, Tensor x) {
    ctx.requireChannelsLast();
    Window win = window2d(ctx);
    int m = ctx.intValue("depth_multiplier", 1);
    boolean useBias = ctx.bool("use_bias", true);
    List<Weight> w = ctx.weights(useBias ? 2 : 1);
    int c = x.shape().dim(3);
    Tensor y = depthwise(ctx, x, win, ctx.checkShape(w.get(0), win.kh(), win.kw(), c, m), bias(ctx, w, useBias, c * m));
    return Activations.fromConfig(ctx, y, "activation");
  }

  /** DEPTHWISE_CONV_2D: the Keras {@code [H, W, C, M]} kernel is already {@code [1, H, W, C*M]} in memory. */
  private static Tensor depthwise(LayerContext ctx, Tensor x, Window win, Weight kernel, Tensor bias) {
    int[] s = kernel.shape();
    int channels = s[2] * s[3];
    Tensor filter = ctx.constant("depthwise_kernel", Shape.of(1, s[0], s[1], channels), kernel.values());
    return ctx.emit(BuiltinOp.DEPTHWISE_CONV_2D, List.of(x, filter, bias), win.out(x.shape(), channels),
        new OpOptions.DepthwiseConv2D(win.padding(), win.sw(), win.sh(), s[3], Activation.NONE, win.dw(), win.dh()));
  }

  private static Tensor separable2d(LayerContext ctx, Tensor x) {
    ctx.requireChannelsLast();
    Window win = window2d(ctx);
    int m = ctx.intValue("depth_multiplier", 1);
    int filters = ctx.intValue("filters", -1);
    boolean useBias = ctx.bool("use_bias", true);
    List<Weight> w = ctx.weights(useBias ? 3 : 2);
    int c = x.shape().dim(3);
    Weight dk = ctx.checkShape(w.get(0), win.kh(), win.kw(), c, m);
    Weight pk = ctx.checkShape(w.get(1), 1, 1, c * m, filters);
    Tensor mid = depthwise(ctx, x, win, dk, ctx.constant("depthwise_bias", Shape.of(c * m), new float[c * m]));
    ConstantData ohwi = TransposedData.of(ConstantData.ofFloats(pk.values()), pk.shape(), new int[] {3, 0, 1, 2}, 4);
    Tensor filter = ctx.constant("pointwise_kernel", Shape.of(filters, 1, 1, c * m), ohwi);
    Window one = new Window(1, 1, 1, 1, 1, 1, false);
    Tensor y = ctx.emit(BuiltinOp.CONV_2D, List.of(mid, filter, bias(ctx, w, useBias, filters)),
        one.out(mid.shape(), filters), new OpOptions.Conv2D(Padding.VALID, 1, 1, Activation.NONE, 1, 1));
    return Activations.fromConfig(ctx, y, "activation");
  }

  /**
   * TRANSPOSE_CONV with the Keras {@code [H, W, out, in]} kernel as OHWI and no bias input (as the
   * official converter emits it), then ADD of the bias. A dynamic batch is read at run time.
   */
  private static Tensor transpose2d(LayerContext ctx, Tensor x) {
    ctx.requireChannelsLast();
    Window win = window2d(ctx);
    if (win.dh() != 1 || win.dw() != 1) {
      throw ctx.error("has dilation, which LiteRT's TRANSPOSE_CONV does not support", null);
    }
    if (ctx.has("output_padding")) {
      throw ctx.error("sets output_padding, which is not supported", null);
    }
    int filters = ctx.intValue("filters", -1);
    boolean useBias = ctx.bool("use_bias", true);
    List<Weight> w = ctx.weights(useBias ? 2 : 1);
    int in = x.shape().dim(3);
    Weight kernel = ctx.checkShape(w.get(0), win.kh(), win.kw(), filters, in);
    ConstantData ohwi = TransposedData.of(ConstantData.ofFloats(kernel.values()), kernel.shape(), new int[] {2, 0, 1, 3}, 4);
    Tensor filter = ctx.constant("kernel", Shape.of(filters, win.kh(), win.kw(), in), ohwi);
    int h = transposedOut(x.shape().dim(1), win.kh(), win.sh(), win.same());
    int wd = transposedOut(x.shape().dim(2), win.kw(), win.sw(), win.same());
    if (h < 0 || wd < 0) {
      throw ctx.error("needs known spatial dimensions, got " + x.shape(), "give the model input a fixed shape");
    }
    Shape out = Shape.of(x.shape().dim(0), h, wd, filters);
    Tensor outputShape;
    if (x.shape().dim(0) >= 0) {
      outputShape = ctx.int32("output_shape", x.shape().dim(0), h, wd, filters);
    } else {
      Tensor shape = ctx.emit(BuiltinOp.SHAPE, List.of(x), io.litertj.ir.DataType.INT32, Shape.of(4),
          new OpOptions.ShapeOp(io.litertj.ir.DataType.INT32));
      Tensor batch = ctx.emit(BuiltinOp.STRIDED_SLICE, List.of(shape, ctx.int32("begin", 0), ctx.int32("end", 1),
          ctx.int32("strides", 1)), io.litertj.ir.DataType.INT32, Shape.of(1),
          new OpOptions.StridedSlice(0, 0, 0, 0, 0, false));
      outputShape = ctx.emit(BuiltinOp.CONCATENATION, List.of(batch, ctx.int32("spatial", h, wd, filters)),
          io.litertj.ir.DataType.INT32, Shape.of(4), new OpOptions.Concatenation(0, Activation.NONE));
    }
    Tensor y = ctx.emit(BuiltinOp.TRANSPOSE_CONV, java.util.Arrays.asList(outputShape, filter, x, null), out,
        new OpOptions.TransposeConv(win.padding(), win.sw(), win.sh(), Activation.NONE));
    if (useBias) {
      y = Activations.add(ctx, y, bias(ctx, w, true, filters));
    }
    return Activations.fromConfig(ctx, y, "activation");
  }

  private static int transposedOut(int in, int k, int s, boolean same) {
    return in < 0 ? -1 : same ? in * s : in * s + Math.max(k - s, 0);
  }
}
