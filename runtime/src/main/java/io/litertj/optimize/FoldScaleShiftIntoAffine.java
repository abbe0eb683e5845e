package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Padding;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;

/**
 * {@code x * s}, {@code x + t} and {@code x - t}, with s and t constant per input channel (or
 * scalars), read only by a CONV_2D or DEPTHWISE_CONV_2D with VALID padding or by a
 * FULLY_CONNECTED, fold into that op's filter and bias (the official converter's
 * FuseBinaryOpToFollowingAffineOp): {@code W (x s) = (W s) x} and {@code W (x + t) = W x + W t}.
 * This is a model's preprocessing (Keras's {@code Rescaling}, {@code Normalization}) ending up in
 * its first convolution. SAME padding pads x with zeros, which a shift would have moved, so those
 * convolutions keep the op.
 */
final class FoldScaleShiftIntoAffine extends PerOpPass {

  @Override
  public String name() {
    return "fold-scale-shift-into-affine";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator op) {
    boolean mul = op.op() == BuiltinOp.MUL;
    boolean sub = op.op() == BuiltinOp.SUB;
    if (!(mul || sub || op.op() == BuiltinOp.ADD) || op.inputs().size() != 2 || op.outputs().size() != 1
        || Activations.of(op.options()) != Activation.NONE) {
      return false;
    }
    GraphIndex index = context.index();
    int xSlot = op.input(1) != null && op.input(1).isConstant() ? 0 : sub ? -1 : 1;
    if (xSlot < 0 || op.input(xSlot) == null || op.input(1 - xSlot) == null) {
      return false;
    }
    Tensor x = op.input(xSlot);
    Tensor c = op.input(1 - xSlot);
    Tensor y = op.output(0);
    if (x.isConstant() || !c.isConstant() || x.type() != DataType.FLOAT32 || x.quantization() != null
        || !x.shape().equals(y.shape()) || x.shape().rank() < 1 || !index.hasSingleOpUse(y)) {
      return false;
    }
    Operator affine = index.readers(y).get(0);
    if (affine.input(0) != y || !takesFold(affine) || affine.inputs().size() < 2) {
      return false;
    }
    Tensor filter = affine.input(1);
    int in = x.shape().dim(-1);
    float[] values = in < 1 ? null : ConstantMath.perChannel(c, in, x.shape().rank());
    boolean depthwise = affine.op() == BuiltinOp.DEPTHWISE_CONV_2D;
    if (values == null || !ConstantMath.isPlainFloat(filter) || (!depthwise && filter.shape().dim(-1) != in)) {
      return false;
    }
    Shape fs = filter.shape();
    int outChannels = affine.op() == BuiltinOp.DEPTHWISE_CONV_2D ? fs.dim(3) : fs.dim(0);
    if (affine.op() == BuiltinOp.DEPTHWISE_CONV_2D && (outChannels % in != 0)) {
      return false;
    }
    Tensor bias = affine.inputs().size() > 2 ? affine.input(2) : null;
    if (bias != null && (!ConstantMath.isPlainFloat(bias) || bias.shape().numElements() != outChannels)) {
      return false;
    }
    float[] w = filter.constantFloats();
    float[] b = bias == null ? new float[outChannels] : bias.constantFloats();
    if (mul) {
      for (int k = 0; k < w.length; k++) {
        w[k] *= values[inputChannel(affine, k, in, outChannels)];
      }
    } else {
      float sign = sub ? -1f : 1f;
      double[] shift = new double[outChannels];
      for (int k = 0; k < w.length; k++) {
        shift[outputChannel(affine, k, fs, outChannels)] += (double) w[k] * values[inputChannel(affine, k, in,
            outChannels)];
      }
      for (int o = 0; o < outChannels; o++) {
        b[o] = (float) (b[o] + sign * shift[o]);
      }
    }
    String name = context.names().unique(filter.name() + "/folded");
    context.setInput(affine, 1, ConstantMath.floatConstant(name, fs, w));
    if (!mul) {
      Tensor newBias = ConstantMath.floatConstant(context.names().unique(y.name() + "/bias"), Shape.of(outChannels), b);
      affine = Rewire.setInput(context, affine, 2, newBias);
    }
    context.remove(op);
    context.replaceUses(y, x);
    return true;
  }

  /** Folding is exact: no padding that a shift would have changed. */
  private static boolean takesFold(Operator affine) {
    return switch (affine.op()) {
      case FULLY_CONNECTED -> true;
      case CONV_2D -> affine.options() instanceof OpOptions.Conv2D o && o.padding() == Padding.VALID;
      case DEPTHWISE_CONV_2D -> affine.options() instanceof OpOptions.DepthwiseConv2D o && o.padding() == Padding.VALID;
      default -> false;
    };
  }

  /** The input channel filter element {@code k} multiplies. */
  private static int inputChannel(Operator affine, int k, int in, int outChannels) {
    if (affine.op() == BuiltinOp.DEPTHWISE_CONV_2D) {
      return (k % outChannels) / (outChannels / in); // [1, H, W, C*M]: channel c*M + m reads c
    }
    return k % in; // OHWI and [out, in]: the input channel is the last axis
  }

  /** The output channel filter element {@code k} contributes to. */
  private static int outputChannel(Operator affine, int k, Shape fs, int outChannels) {
    if (affine.op() == BuiltinOp.DEPTHWISE_CONV_2D) {
      return k % outChannels;
    }
    return (int) (k / (fs.numElements() / outChannels));
  }
}
