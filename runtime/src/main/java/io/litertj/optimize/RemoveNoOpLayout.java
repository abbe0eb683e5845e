package io.litertj.optimize;

import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.Objects;

/**
 * Removes ops that return their input unchanged: RESHAPE and SQUEEZE to the same shape,
 * TRANSPOSE by the identity permutation, CAST to the same type (the official converter's
 * RemoveTrivialCast and its reshape/transpose canonicalizations). A removed op's output is kept
 * when it is a subgraph output; see {@link Rewire#bypass}.
 */
final class RemoveNoOpLayout extends PerOpPass {

  @Override
  public String name() {
    return "remove-no-op-layout";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator op) {
    if (op.inputs().isEmpty() || op.outputs().size() != 1 || op.input(0) == null) {
      return false;
    }
    Tensor in = op.input(0);
    Tensor out = op.output(0);
    if (in.type() != out.type() || !Objects.equals(in.quantization(), out.quantization())) {
      return false;
    }
    boolean noOp = switch (op.op()) {
      case RESHAPE, SQUEEZE -> sameShape(in.shape(), out.shape());
      case TRANSPOSE -> op.inputs().size() == 2 && isIdentity(op.input(1)) && in.shape().equals(out.shape());
      case CAST -> in.shape().equals(out.shape());
      default -> false;
    };
    return noOp && Rewire.bypass(context, op);
  }

  /**
   * Equal shapes with at most one dynamic dimension: the element count then fixes it, so the
   * dims really are equal at run time. ({@code [-1, -1]} to {@code [-1, -1]} may swap sizes.)
   */
  static boolean sameShape(Shape a, Shape b) {
    if (!a.equals(b)) {
      return false;
    }
    int dynamic = 0;
    for (int d : a.dims()) {
      if (d < 0) {
        dynamic++;
      }
    }
    return dynamic <= 1;
  }

  private static boolean isIdentity(Tensor perm) {
    if (perm == null || !perm.isConstant() || !perm.type().isInteger()) {
      return false;
    }
    long[] p;
    try {
      p = perm.constantLongs();
    } catch (IllegalStateException e) {
      return false; // an 8- or 16-bit permutation: not something the legalizer emits
    }
    for (int i = 0; i < p.length; i++) {
      if (p[i] != i) {
        return false;
      }
    }
    return true;
  }
}
