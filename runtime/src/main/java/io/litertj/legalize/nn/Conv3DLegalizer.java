package io.litertj.legalize.nn;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Padding;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.Dims;
import io.litertj.legalize.shape.IndexTensors;
import java.util.Arrays;
import java.util.List;

/**
 * TF Conv3D → CONV_3D and Conv3DBackpropInputV2 → CONV_3D_TRANSPOSE (NDHWC). LiteRT reads the
 * filter in TF's own layout ([D, H, W, in, out]; for the transpose [D, H, W, out, in]), so it
 * passes unchanged; there is no bias input (a following BiasAdd stays an ADD). Float only.
 */
final class Conv3DLegalizer {

  private Conv3DLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(Conv3DLegalizer::conv3d, "Conv3D");
    table.register(Conv3DLegalizer::transpose, "Conv3DBackpropInputV2");
  }

  /** Strides, dilations and padding of a 5-D window. */
  private record Window3(int[] strides, int[] dilations, Padding padding) {

    static Window3 of(NodeContext ctx) {
      String format = ctx.attrString("data_format", "NDHWC");
      if (!format.equals("NDHWC")) {
        throw ctx.error("uses data_format " + format + "; only NDHWC is supported",
            "export the model with channels-last layout (the default on CPU)");
      }
      int[] strides = spatial(ctx, ctx.attrInts("strides"), "strides");
      int[] dilations = spatial(ctx, ctx.hasAttr("dilations") ? ctx.attrInts("dilations") : new long[] {1, 1, 1, 1, 1},
          "dilations");
      Padding padding = switch (ctx.attrString("padding", "VALID")) {
        case "SAME" -> Padding.SAME;
        case "VALID" -> Padding.VALID;
        default -> throw ctx.error("has padding " + ctx.attrString("padding", ""), "use SAME or VALID padding");
      };
      return new Window3(strides, dilations, padding);
    }

    private static int[] spatial(NodeContext ctx, long[] v, String what) {
      if (v.length != 5 || v[0] != 1 || v[4] != 1 || Arrays.stream(v).anyMatch(x -> x < 1 || x > Integer.MAX_VALUE)) {
        throw ctx.error("has " + what + " " + Arrays.toString(v),
            what + " must be 5 positive values, 1 on the batch and channel dimensions");
      }
      return new int[] {(int) v[1], (int) v[2], (int) v[3]};
    }

    OpOptions.Conv3D options() {
      return new OpOptions.Conv3D(padding, strides[0], strides[2], strides[1], Activation.NONE, dilations[0],
          dilations[2], dilations[1]);
    }

    int outSize(int in, int k, int axis) {
      if (in < 0) {
        return Shape.DYNAMIC;
      }
      int stride = strides[axis];
      if (padding == Padding.SAME) {
        return (in + stride - 1) / stride;
      }
      int effective = (k - 1) * dilations[axis] + 1;
      return Math.max(0, (in - effective + stride) / stride);
    }
  }

  private static List<Tensor> conv3d(NodeContext ctx) {
    Window3 w = Window3.of(ctx);
    Tensor input = ctx.input(0);
    Tensor filter = ctx.input(1);
    Filters.requireFloat(ctx, input);
    Filters.requireStaticFilter(ctx, filter, 5);
    Shape in = input.shape();
    int[] f = filter.shape().dims();
    if (in.rank() != 5 || f.length != 5) {
      throw ctx.error("needs a 5-D input and filter, got " + in + " and " + filter.shape(), null);
    }
    if (in.dim(4) >= 0 && in.dim(4) != f[3]) {
      throw ctx.error("has " + in.dim(4) + " input channels but a filter for " + f[3], null);
    }
    Shape out = Shape.of(in.dim(0), w.outSize(in.dim(1), f[0], 0), w.outSize(in.dim(2), f[1], 1),
        w.outSize(in.dim(3), f[2], 2), f[4]);
    return List.of(ctx.emit(BuiltinOp.CONV_3D, List.of(input, filter), input.type(), out, w.options()));
  }

  private static List<Tensor> transpose(NodeContext ctx) {
    Window3 w = Window3.of(ctx);
    if (Arrays.stream(w.dilations()).anyMatch(d -> d != 1)) {
      throw ctx.error("has dilations " + Arrays.toString(w.dilations()), "LiteRT's CONV_3D_TRANSPOSE takes none");
    }
    Tensor filter = ctx.input(1);
    Tensor input = ctx.input(2);
    Filters.requireFloat(ctx, input);
    Filters.requireStaticFilter(ctx, filter, 5);
    long[] partial = ctx.partialInts(0);
    Shape out = partial != null ? Dims.fromPartial(partial) : Dims.allDynamic(5);
    if (out.rank() != 5 || filter.shape().rank() != 5) {
      throw ctx.error("needs a 5-D output shape and filter, got " + out + " and " + filter.shape(), null);
    }
    out = out.withDim(4, filter.shape().dim(3));
    Tensor outputShape = IndexTensors.asInt32(ctx, 0, "input_sizes");
    return List.of(ctx.emit(BuiltinOp.CONV_3D_TRANSPOSE, Arrays.asList(outputShape, filter, input), input.type(), out,
        w.options()));
  }
}
