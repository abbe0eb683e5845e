package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;

/**
 * TRANSPOSE(TRANSPOSE(x, p), q) becomes TRANSPOSE(x, p∘q) (the official converter's fold of
 * consecutive transposes); when the two cancel, {@link RemoveNoOpLayout} then drops the result.
 * The inner transpose goes when nothing else reads it.
 */
final class ComposeTransposes extends PerOpPass {

  @Override
  public String name() {
    return "compose-transposes";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator op) {
    if (op.op() != BuiltinOp.TRANSPOSE || op.inputs().size() != 2 || !isPermutation(op.input(1))) {
      return false;
    }
    Operator inner = context.index().producer(op.input(0));
    if (inner == null || inner.op() != BuiltinOp.TRANSPOSE || inner.inputs().size() != 2
        || !isPermutation(inner.input(1)) || inner.input(0).type() != op.output(0).type()
        || inner.input(0).isQuantized() != op.output(0).isQuantized()) {
      return false;
    }
    long[] p = inner.input(1).constantLongs();
    long[] q = op.input(1).constantLongs();
    if (p.length != q.length) {
      return false;
    }
    int[] composed = new int[q.length];
    for (int i = 0; i < q.length; i++) {
      composed[i] = (int) p[(int) q[i]];
    }
    Tensor perm = Tensor.constant(context.names().unique(op.output(0).name() + "/perm"), DataType.INT32,
        Shape.of(composed.length), ConstantData.ofInts(composed));
    context.setInput(op, 0, inner.input(0));
    context.setInput(op, 1, perm);
    if (context.index().uses(inner.output(0)) == 0) {
      context.remove(inner);
    }
    return true;
  }

  private static boolean isPermutation(Tensor t) {
    if (t == null || !t.isConstant() || t.shape().rank() != 1
        || t.type() != DataType.INT32 && t.type() != DataType.INT64) {
      return false;
    }
    long[] v = t.constantLongs();
    boolean[] seen = new boolean[v.length];
    for (long x : v) {
      if (x < 0 || x >= v.length || seen[(int) x]) {
        return false;
      }
      seen[(int) x] = true;
    }
    return true;
  }
}
