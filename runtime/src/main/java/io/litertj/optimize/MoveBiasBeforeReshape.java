package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ADD(RESHAPE(affine(x)), c)}, with c a constant over trailing axes of the reshaped tensor
 * that together hold exactly the affine op's output channels, becomes
 * {@code RESHAPE(ADD(affine(x), flat(c)))}, which {@link FoldBiasAdd} then folds into the affine
 * op's bias. This is how a Keras Dense on a rank-3 or rank-4 tensor arrives (TF's Tensordot:
 * reshape, MatMul, reshape back, BiasAdd) and an EinsumDense's per-head bias ([heads, dim] after
 * the reshape that splits the channels). A reshape keeps the row-major order, so a block of
 * trailing axes of N values is the affine op's last axis of N, and adding before or after it is the
 * same computation.
 */
final class MoveBiasBeforeReshape extends PerOpPass {

  @Override
  public String name() {
    return "move-bias-before-reshape";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator add) {
    if (add.op() != BuiltinOp.ADD || add.inputs().size() != 2 || add.outputs().size() != 1) {
      return false;
    }
    GraphIndex index = context.index();
    for (int side = 0; side < 2; side++) {
      Tensor reshaped = add.input(side);
      Tensor c = add.input(1 - side);
      Operator reshape = index.producer(reshaped);
      if (reshape == null || reshape.op() != BuiltinOp.RESHAPE || c == null || !ConstantMath.isPlainFloat(c)
          || !index.hasSingleOpUse(reshaped) || reshape.input(0) == null) {
        continue;
      }
      Tensor y = reshape.input(0);
      Operator affine = index.producer(y);
      int channels = y.shape().rank() < 1 ? -1 : y.shape().dim(-1);
      if (affine == null || AffineOp.of(affine.op()) == null || !index.hasSingleOpUse(y) || channels < 1
          || !coversTrailingBlock(c.shape(), reshaped.shape(), channels)
          || !add.output(0).shape().equals(reshaped.shape()) || y.type() != DataType.FLOAT32
          || y.quantization() != null || reshaped.quantization() != null) {
        continue;
      }
      Tensor vector = ConstantMath.floatConstant(context.names().unique(c.name() + "/vector"), Shape.of(channels),
          c.constantFloats());
      Tensor biased = new Tensor(context.names().unique(y.name() + "/biased"), y.type(), y.shape());
      List<Tensor> reshapeInputs = new ArrayList<>(reshape.inputs());
      reshapeInputs.set(0, biased);
      context.replace(reshape, new Operator(BuiltinOp.ADD, List.of(y, vector), List.of(biased), add.options()));
      context.replace(add, new Operator(BuiltinOp.RESHAPE, reshapeInputs, List.of(add.output(0)), reshape.options()));
      return true;
    }
    return false;
  }

  /**
   * Whether {@code c} is 1 on its leading axes and equal to {@code reshaped}'s trailing axes on
   * the rest, those trailing axes holding exactly {@code channels} values.
   */
  private static boolean coversTrailingBlock(Shape c, Shape reshaped, int channels) {
    if (c.rank() == 0 || c.rank() > reshaped.rank()) {
      return false;
    }
    long block = 1;
    int first = 0;
    while (first < c.rank() && c.dim(first) == 1) {
      first++;
    }
    for (int i = first; i < c.rank(); i++) {
      int r = reshaped.dim(reshaped.rank() - c.rank() + i);
      if (c.dim(i) != r || r < 1) {
        return false;
      }
      block *= r;
    }
    return block == channels;
  }
}
