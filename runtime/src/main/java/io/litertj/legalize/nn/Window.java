package io.litertj.legalize.nn;

import io.litertj.ir.Padding;
import io.litertj.ir.Shape;
import io.litertj.legalize.NodeContext;
import java.util.Arrays;

/**
 * The sliding-window attributes of an NHWC conv or pool: strides, dilations and padding, with
 * TF's explicit paddings (top, bottom, left, right) when padding is EXPLICIT.
 */
record Window(int strideH, int strideW, int dilationH, int dilationW, Padding padding, int[] explicit) {

  /** Reads strides, dilations and padding, rejecting NCHW and strides on batch or channels. */
  static Window of(NodeContext ctx) {
    return of(ctx, ctx.attrInts("strides"));
  }

  /** As {@link #of(NodeContext)} with the strides given (MaxPoolV2 takes them as an input). */
  static Window of(NodeContext ctx, long[] strides) {
    String format = ctx.attrString("data_format", "NHWC");
    if (!format.equals("NHWC")) {
      throw ctx.error("uses data_format " + format + "; only NHWC is supported",
          "export the model with channels-last layout (the default on CPU)");
    }
    long[] dilations = ctx.hasAttr("dilations") ? ctx.attrInts("dilations") : new long[] {1, 1, 1, 1};
    check(ctx, strides, "strides");
    check(ctx, dilations, "dilations");
    String padding = ctx.attrString("padding", "VALID");
    int[] explicit = null;
    Padding p;
    switch (padding) {
      case "SAME" -> p = Padding.SAME;
      case "VALID" -> p = Padding.VALID;
      case "EXPLICIT" -> {
        long[] pads = ctx.attrInts("explicit_paddings");
        if (pads.length != 8 || pads[0] != 0 || pads[1] != 0 || pads[6] != 0 || pads[7] != 0) {
          throw ctx.error("has explicit paddings " + Arrays.toString(pads),
              "pad only the height and width dimensions");
        }
        explicit = new int[] {(int) pads[2], (int) pads[3], (int) pads[4], (int) pads[5]};
        p = Padding.VALID;
      }
      default -> throw ctx.error("has padding " + padding, "use SAME, VALID or EXPLICIT padding");
    }
    return new Window((int) strides[1], (int) strides[2], (int) dilations[1], (int) dilations[2], p, explicit);
  }

  private static void check(NodeContext ctx, long[] values, String what) {
    if (values.length != 4 || values[0] != 1 || values[3] != 1) {
      throw ctx.error("has " + what + " " + Arrays.toString(values),
          what + " on the batch and channel dimensions must be 1");
    }
  }

  /**
   * The NHWC output shape for input {@code in} (after any explicit padding), a window of
   * {@code kh x kw}, and {@code channels} output channels.
   */
  Shape outputShape(Shape in, int kh, int kw, int channels) {
    return Shape.of(in.dim(0), outSize(in.dim(1), kh, strideH, dilationH), outSize(in.dim(2), kw, strideW, dilationW),
        channels);
  }

  private int outSize(int in, int k, int stride, int dilation) {
    if (in < 0) {
      return Shape.DYNAMIC;
    }
    if (padding == Padding.SAME) {
      return (in + stride - 1) / stride;
    }
    int effective = (k - 1) * dilation + 1;
    return Math.max(0, (in - effective + stride) / stride);
  }
}
