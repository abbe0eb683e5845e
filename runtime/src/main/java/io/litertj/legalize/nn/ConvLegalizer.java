package io.litertj.legalize.nn;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.Reshapes;
import java.util.List;

/**
 * TF Conv2D → CONV_2D (filter HWIO → OHWI, zero bias) and DepthwiseConv2dNative →
 * DEPTHWISE_CONV_2D (filter [H, W, C, M] → [1, H, W, C*M], the same bytes). EXPLICIT padding
 * becomes a PAD before a VALID conv.
 */
final class ConvLegalizer {

  private static final int[] HWIO_TO_OHWI = {3, 0, 1, 2};

  private ConvLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ConvLegalizer::conv2d, "Conv2D");
    table.register(ConvLegalizer::depthwise, "DepthwiseConv2dNative");
  }

  /** The checked operands of a convolution node: window, NHWC input, HWIO/HWCM filter and its dims. */
  private record Operands(Window window, Tensor input, Tensor filter, int[] f) {
    static Operands read(NodeContext ctx, String channelMismatchHint) {
      Window window = Window.of(ctx); // first: it rejects NCHW layouts before channels are compared
      Tensor input = ctx.input(0);
      Tensor filter = ctx.input(1);
      Filters.requireFloat(ctx, input);
      Filters.requireStaticFilter(ctx, filter);
      int[] f = filter.shape().dims();
      int channels = input.shape().dim(3);
      if (channels >= 0 && channels != f[2]) {
        throw ctx.error("has " + channels + " input channels but a filter for " + f[2], channelMismatchHint);
      }
      return new Operands(window, input, filter, f);
    }
  }

  private static List<Tensor> conv2d(NodeContext ctx) {
    Operands ops = Operands.read(ctx, "grouped convolutions are not supported");
    Window window = ops.window();
    Tensor input = ops.input();
    Tensor filter = ops.filter();
    int[] f = ops.f();
    Tensor padded = ExplicitPadding.apply(ctx, input, window);
    Tensor ohwi = Filters.permute(ctx, filter, HWIO_TO_OHWI, "filter");
    Shape out = window.outputShape(padded.shape(), f[0], f[1], f[3]);
    OpOptions.Conv2D options = new OpOptions.Conv2D(window.padding(), window.strideW(), window.strideH(),
        Activation.NONE, window.dilationW(), window.dilationH());
    return List.of(ctx.emit(BuiltinOp.CONV_2D, List.of(padded, ohwi, Filters.zeroBias(ctx, f[3])), input.type(), out,
        options));
  }

  private static List<Tensor> depthwise(NodeContext ctx) {
    Operands ops = Operands.read(ctx, null);
    Window window = ops.window();
    Tensor input = ops.input();
    Tensor filter = ops.filter();
    int[] f = ops.f();
    int multiplier = f[3];
    int outChannels = Math.multiplyExact(f[2], multiplier);
    Shape filterShape = Shape.of(1, f[0], f[1], outChannels);
    // [H, W, C, M] and [1, H, W, C*M] hold the same bytes in the same order.
    Tensor reshaped = filter.isConstant()
        ? ctx.constant("filter", filter.type(), filterShape, filter.data())
        : Reshapes.reshape(ctx, filter, filterShape, "filter_shape");
    Tensor padded = ExplicitPadding.apply(ctx, input, window);
    Shape out = window.outputShape(padded.shape(), f[0], f[1], outChannels);
    OpOptions.DepthwiseConv2D options = new OpOptions.DepthwiseConv2D(window.padding(), window.strideW(),
        window.strideH(), multiplier, Activation.NONE, window.dilationW(), window.dilationH());
    return List.of(ctx.emit(BuiltinOp.DEPTHWISE_CONV_2D,
        List.of(padded, reshaped, Filters.zeroBias(ctx, outChannels)), input.type(), out, options));
  }
}
