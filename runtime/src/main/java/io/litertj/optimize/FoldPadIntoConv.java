package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Padding;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;

/**
 * An explicit zero PAD of the spatial axes before a VALID CONV_2D or DEPTHWISE_CONV_2D folds into
 * the convolution's SAME padding when SAME pads exactly those amounts (the official converter's
 * FuseDepthwiseConv / FusePadIntoConv). Keras applications write ZeroPadding2D + VALID for strided
 * convolutions (MobileNet's {@code correct_pad}), which is what SAME computes for those input
 * sizes. SAME pads zeros too, so the result is identical. Pooling keeps its PAD: SAME pooling
 * ignores the padded cells where an explicit zero would take part.
 */
final class FoldPadIntoConv extends PerOpPass {

  @Override
  public String name() {
    return "fold-pad-into-conv";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator conv) {
    int strideH;
    int strideW;
    int dilationH;
    int dilationW;
    if (conv.options() instanceof OpOptions.Conv2D o && conv.op() == BuiltinOp.CONV_2D && o.padding() == Padding.VALID) {
      strideH = o.strideH();
      strideW = o.strideW();
      dilationH = o.dilationH();
      dilationW = o.dilationW();
    } else if (conv.options() instanceof OpOptions.DepthwiseConv2D o && conv.op() == BuiltinOp.DEPTHWISE_CONV_2D
        && o.padding() == Padding.VALID) {
      strideH = o.strideH();
      strideW = o.strideW();
      dilationH = o.dilationH();
      dilationW = o.dilationW();
    } else {
      return false;
    }
    GraphIndex index = context.index();
    Tensor padded = conv.input(0);
    Operator pad = index.producer(padded);
    if (pad == null || !isZeroPad(pad) || !index.hasSingleOpUse(padded) || conv.inputs().size() < 2
        || conv.input(1) == null || conv.input(1).shape().rank() != 4) {
      return false;
    }
    Tensor x = pad.input(0);
    Shape xs = x.shape();
    if (xs.rank() != 4 || xs.dim(1) < 0 || xs.dim(2) < 0 || x.type() != padded.type()
        || x.quantization() != null || padded.quantization() != null) {
      return false;
    }
    long[] p = pad.input(1).constantLongs(); // [4, 2] row-major: before, after per axis
    if (p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0) {
      return false;
    }
    Shape filter = conv.input(1).shape(); // OHWI, or [1, H, W, C*M] for depthwise
    if (!samePads(xs.dim(1), filter.dim(1), strideH, dilationH, p[2], p[3])
        || !samePads(xs.dim(2), filter.dim(2), strideW, dilationW, p[4], p[5])) {
      return false;
    }
    OpOptions same = conv.options() instanceof OpOptions.Conv2D o
        ? new OpOptions.Conv2D(Padding.SAME, o.strideW(), o.strideH(), o.activation(), o.dilationW(), o.dilationH())
        : sameDepthwise((OpOptions.DepthwiseConv2D) conv.options());
    context.setInput(conv, 0, x);
    conv.setOptions(same);
    context.remove(pad);
    return true;
  }

  private static OpOptions.DepthwiseConv2D sameDepthwise(OpOptions.DepthwiseConv2D o) {
    return new OpOptions.DepthwiseConv2D(Padding.SAME, o.strideW(), o.strideH(), o.depthMultiplier(), o.activation(),
        o.dilationW(), o.dilationH());
  }

  /** Whether SAME padding of an axis of {@code in} pads exactly {@code before} and {@code after}. */
  static boolean samePads(int in, int kernel, int stride, int dilation, long before, long after) {
    if (in < 1 || kernel < 1 || stride < 1 || dilation < 1) {
      return false;
    }
    int effective = (kernel - 1) * dilation + 1;
    int out = (in + stride - 1) / stride;
    int total = Math.max((out - 1) * stride + effective - in, 0);
    return before == total / 2 && after == total - total / 2;
  }

  /** PAD (or PADV2 with a zero constant) of a rank-4 tensor by constant [4, 2] paddings. */
  private static boolean isZeroPad(Operator pad) {
    boolean plain = pad.op() == BuiltinOp.PAD && pad.inputs().size() == 2;
    boolean withZero = pad.op() == BuiltinOp.PADV2 && pad.inputs().size() == 3
        && ConstantMath.isAll(pad.input(2), 0f) && pad.input(2).shape().numElements() == 1;
    return (plain || withZero) && pad.input(1) != null && pad.input(1).isConstant()
        && pad.input(1).shape().numElements() == 8;
  }
}
