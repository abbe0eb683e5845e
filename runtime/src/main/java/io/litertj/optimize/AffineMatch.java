package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;

/**
 * A binary op with a constant operand that reads the output of an affine op (see
 * {@link AffineOp}) as its only reader: the shape both bias and batch-norm folding look for.
 *
 * @param binary the ADD/SUB/MUL/DIV
 * @param affine the CONV_2D/DEPTHWISE_CONV_2D/FULLY_CONNECTED/TRANSPOSE_CONV producing its input
 * @param layout where {@code affine} keeps filter and bias
 * @param affineOutput the tensor between the two
 * @param perChannel the constant, one value per output channel
 */
record AffineMatch(Operator binary, Operator affine, AffineOp layout, Tensor affineOutput, float[] perChannel) {

  /**
   * Matches {@code binary}, whose non-constant operand is input {@code operand} and constant
   * operand input {@code 1 - operand}. Requires: float32 and unquantized tensors; the affine op
   * without a fused activation; its output read only by {@code binary} and not a subgraph output;
   * the binary op not broadcasting its result beyond the affine op's shape; a clamp activation
   * (or none) on the binary op, which the affine op takes over (TRANSPOSE_CONV takes none, as
   * older runtimes ignore its activation field).
   */
  static AffineMatch of(GraphIndex index, Operator binary, int operand) {
    if (binary.inputs().size() != 2 || binary.outputs().size() != 1) {
      return null;
    }
    Tensor x = binary.input(operand);
    Tensor c = binary.input(1 - operand);
    Tensor out = binary.output(0);
    if (x == null || c == null || !c.isConstant() || x.isConstant() || !isPlainFloatValue(x) || !isPlainFloatValue(out)) {
      return null;
    }
    Operator affine = index.producer(x);
    AffineOp layout = affine == null ? null : AffineOp.of(affine.op());
    if (layout == null || affine.outputs().size() != 1 || !index.hasSingleOpUse(x)) {
      return null;
    }
    Activation act = Activations.of(binary.options());
    if (Activations.of(affine.options()) != Activation.NONE || !Activations.isClampOrNone(act)
        || (affine.op() == BuiltinOp.TRANSPOSE_CONV && act != Activation.NONE)) {
      return null;
    }
    if (!out.shape().equals(x.shape())) {
      return null;
    }
    int channels = layout.channels(affine);
    int last = x.shape().rank() == 0 ? -1 : x.shape().dim(-1);
    if (channels <= 0 || (last >= 0 && last != channels)) {
      return null;
    }
    float[] values = ConstantMath.perChannel(c, channels, x.shape().rank());
    return values == null ? null : new AffineMatch(binary, affine, layout, x, values);
  }

  private static boolean isPlainFloatValue(Tensor t) {
    return t.type() == DataType.FLOAT32 && t.quantization() == null;
  }

  /** The affine op's bias if usable for folding: omitted (null) or a float vector of the channels. */
  boolean biasFoldable() {
    Tensor bias = layout.bias(affine);
    return bias == null
        || (ConstantMath.isPlainFloat(bias) && bias.shape().numElements() == perChannel.length);
  }

  /**
   * Finishes the fold: the affine op takes the binary op's activation and output tensor, and the
   * binary op goes.
   */
  void absorbBinary(RewriteContext context) {
    Activation act = Activations.of(binary.options());
    if (act != Activation.NONE) {
      affine.setOptions(Activations.with(affine.op(), affine.options(), act));
    }
    Rewire.absorb(context, affine, affineOutput, binary);
  }
}
