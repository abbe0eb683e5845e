package io.litertj.legalize.nn;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.Dims;
import io.litertj.legalize.shape.IndexTensors;
import java.util.Arrays;
import java.util.List;

/**
 * TF Conv2DBackpropInput (the transposed convolution) → TRANSPOSE_CONV with the output shape as
 * its first input, the filter [H, W, out, in] permuted to [out, H, W, in], and no bias (as the
 * official converter emits it; the optimizer may fold a following bias add into it).
 */
final class TransposeConvLegalizer {

  private static final int[] HWOI_TO_OHWI = {2, 0, 1, 3};

  private TransposeConvLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(TransposeConvLegalizer::transposeConv, "Conv2DBackpropInput");
  }

  private static List<Tensor> transposeConv(NodeContext ctx) {
    Window window = Window.of(ctx);
    if (window.explicit() != null) {
      throw ctx.error("uses EXPLICIT padding", "use SAME or VALID padding");
    }
    if (window.dilationH() != 1 || window.dilationW() != 1) {
      throw ctx.error("has dilations", "LiteRT's TRANSPOSE_CONV has no dilation");
    }
    Tensor filter = ctx.input(1);
    Tensor input = ctx.input(2);
    Filters.requireFloat(ctx, input);
    Filters.requireStaticFilter(ctx, filter);
    Tensor outputShape = IndexTensors.asInt32(ctx, 0, "input_sizes");
    long[] partial = ctx.partialInts(0);
    Shape out = partial != null ? Dims.fromPartial(partial) : Dims.allDynamic(4);
    if (out.rank() != 4) {
      throw ctx.error("has input_sizes of length " + out.rank(), "give the 4-D NHWC output shape");
    }
    int channels = filter.shape().dim(2);
    if (out.dim(3) >= 0 && out.dim(3) != channels) {
      throw ctx.error("produces " + out.dim(3) + " channels with a filter for " + channels, null);
    }
    out = out.withDim(3, channels);
    Tensor weights = Filters.permute(ctx, filter, HWOI_TO_OHWI, "filter");
    OpOptions.TransposeConv options = new OpOptions.TransposeConv(window.padding(), window.strideW(),
        window.strideH(), Activation.NONE);
    return List.of(ctx.emit(BuiltinOp.TRANSPOSE_CONV, Arrays.asList(outputShape, weights, input, null),
        input.type(), out, options));
  }
}
