package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Matching helpers for the activation fusions: the float op computing a tensor, scalar constants,
 * products of several factors, and the replacement of a pattern's root by one fused op.
 */
final class Patterns {

  /** How far a matched constant may be from its exact value (the spellings round differently). */
  static final double TOLERANCE = 1e-6;

  private Patterns() {}

  /** The op computing {@code t} if it is {@code op}, without a fused activation, on plain floats. */
  static Operator producer(GraphIndex index, Tensor t, BuiltinOp op) {
    Operator p = index.producer(t);
    if (p == null || p.op() != op || p.outputs().size() != 1 || Activations.of(p.options()) != Activation.NONE
        || !isPlainFloat(p.output(0))) {
      return null;
    }
    return p;
  }

  /** A plain FLOAT32 tensor (not quantized), the only kind these fusions rewrite. */
  static boolean isPlainFloat(Tensor t) {
    return t.type() == DataType.FLOAT32 && t.quantization() == null;
  }

  /** A one-element FLOAT32 constant within {@link #TOLERANCE} of {@code value}. */
  static boolean isScalar(Tensor t, double value) {
    if (!ConstantMath.isPlainFloat(t) || t.shape().numElements() != 1) {
      return false;
    }
    return Math.abs(t.constantFloats()[0] - value) <= TOLERANCE * Math.max(1, Math.abs(value));
  }

  /** The other input of a two-input op, or null when neither input is {@code t}. */
  static Tensor other(Operator op, Tensor t) {
    if (op.input(0) == t) {
      return op.input(1);
    }
    return op.input(1) == t ? op.input(0) : null;
  }

  /**
   * Every way to read {@code mul} as a product of three tensors {@code a·(b·c)}: one input of it is
   * another float MUL. Each triple comes in all six orders, so a caller checks roles by position.
   */
  static List<Tensor[]> threeFactors(GraphIndex index, Operator mul) {
    List<Tensor[]> out = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Operator inner = producer(index, mul.input(i), BuiltinOp.MUL);
      if (inner != null) {
        permute(new Tensor[] {inner.input(0), inner.input(1), mul.input(1 - i)}, out);
      }
    }
    return out;
  }

  private static void permute(Tensor[] t, List<Tensor[]> out) {
    int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    for (int[] o : orders) {
      out.add(new Tensor[] {t[o[0]], t[o[1]], t[o[2]]});
    }
  }

  /**
   * Replaces {@code root} by one op computing the same output tensor (its name and any subgraph
   * output stay) from {@code inputs}; the ops feeding only the root become dead and are pruned.
   */
  static void replace(RewriteContext context, Operator root, BuiltinOp op, List<Tensor> inputs, OpOptions options) {
    context.replace(root, new Operator(op, inputs, root.outputs(), options));
  }

  /** Whether the fused op, computing x's shape, can stand for the root's output. */
  static boolean sameShape(Tensor x, Operator root) {
    return x.shape().equals(root.output(0).shape()) && isPlainFloat(x);
  }
}
