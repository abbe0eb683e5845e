package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * {@code relu(x) + c·relu(-x)} → PRELU(x, -c) and {@code relu(x) - α·relu(-x)} → PRELU(x, α),
 * for a constant slope tensor that broadcasts into x (Keras's PReLU writes the first, with c the
 * negated alpha; the official converter fuses both). x has rank 4 or less, as LiteRT's PRELU
 * kernel broadcasts.
 */
final class FusePrelu extends PerOpPass {

  @Override
  public String name() {
    return "fuse-prelu";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator root) {
    GraphIndex index = context.index();
    boolean add = Patterns.producer(index, root.output(0), BuiltinOp.ADD) == root;
    boolean sub = Patterns.producer(index, root.output(0), BuiltinOp.SUB) == root;
    if (!add && !sub) {
      return false;
    }
    for (int p = 0; p < (add ? 2 : 1); p++) {
      Operator relu = Patterns.producer(index, root.input(p), BuiltinOp.RELU);
      if (relu == null) {
        continue;
      }
      Tensor x = relu.input(0);
      Tensor slope = negativeSlope(index, root.input(1 - p), x);
      if (slope != null && x.shape().rank() <= 4 && Patterns.sameShape(x, root) && fits(slope, x)) {
        float[] values = slope.constantFloats();
        if (add) {
          for (int i = 0; i < values.length; i++) {
            values[i] = -values[i];
          }
        }
        String name = context.names().unique(root.output(0).name() + "/alpha");
        Tensor alpha = ConstantMath.floatConstant(name, slope.shape(), values);
        Patterns.replace(context, root, BuiltinOp.PRELU, List.of(x, alpha), null);
        return true;
      }
    }
    return false;
  }

  /** The constant c of {@code t = c·relu(-x)}, or null. */
  private static Tensor negativeSlope(GraphIndex index, Tensor t, Tensor x) {
    Operator mul = Patterns.producer(index, t, BuiltinOp.MUL);
    if (mul == null) {
      return null;
    }
    for (Tensor c : mul.inputs()) {
      Operator relu = Patterns.producer(index, Patterns.other(mul, c), BuiltinOp.RELU);
      Operator neg = relu == null ? null : Patterns.producer(index, relu.input(0), BuiltinOp.NEG);
      if (neg != null && neg.input(0) == x && ConstantMath.isPlainFloat(c)) {
        return c;
      }
    }
    return null;
  }

  /** The slope broadcasts into x without adding dimensions. */
  private static boolean fits(Tensor slope, Tensor x) {
    int[] s = slope.shape().dims();
    int[] d = x.shape().dims();
    if (s.length > d.length) {
      return false;
    }
    for (int i = 1; i <= s.length; i++) {
      int sd = s[s.length - i];
      int xd = d[d.length - i];
      if (sd != 1 && sd != xd) {
        return false;
      }
    }
    return Shape.of(s).isStatic();
  }
}
