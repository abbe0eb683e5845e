package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.OpLegalizer;
import io.litertj.tfgraph.TfNode;
import io.litertj.tfgraph.TfRef;
import java.util.List;

/**
 * The exact GELU as TF graphs spell it, {@code 0.5·x·erfc(-x/√2)} (Keras 3, tf.nn.gelu) or
 * {@code 0.5·x·(1 + erf(x/√2))} (older TF), becomes one GELU (approximate=false), as the official
 * converter fuses it. Erf is no builtin, so this is matched on the TF nodes above the outer Mul,
 * which are legalized before it: the erf expansion they emitted is left to the optimizer to prune
 * when nothing else reads it. Products are matched in any order and grouping.
 */
final class ErfGelu {

  private static final double INV_SQRT2 = 0.7071067811865476;
  private static final double SQRT2 = 1.4142135623730951;
  private static final double TOLERANCE = 1e-6;

  private ErfGelu() {}

  /** Mul's legalizer: GELU where the pattern matches, otherwise {@code plain}. */
  static OpLegalizer orElse(OpLegalizer plain) {
    return ctx -> {
      TfRef x = match(ctx);
      if (x == null) {
        return plain.legalize(ctx);
      }
      Tensor input = ctx.valueOf(x);
      return List.of(Kernels.emit(ctx, BuiltinOp.GELU, List.of(input), input.shape(), new OpOptions.Gelu(false)));
    };
  }

  /** The GELU's input if the node computes an exact GELU, else null. */
  private static TfRef match(NodeContext ctx) {
    List<TfRef> root = ctx.node().inputs();
    if (root.size() != 2) {
      return null; // a damaged node: the plain legalizer names its arity
    }
    for (int i = 0; i < 2; i++) {
      TfNode inner = resolve(root.get(i)).node();
      if (!is(inner, "Mul", 2)) {
        continue;
      }
      // The product a·(b·c) in every order: {0.5, x, erf term}.
      TfRef[] t = {inner.inputs().get(0), inner.inputs().get(1), root.get(1 - i)};
      int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
      for (int[] o : orders) {
        TfRef half = t[o[0]];
        TfRef x = t[o[1]];
        if (isScalar(ctx, half, 0.5) && isErfTerm(ctx, t[o[2]], x) && fits(ctx, half, x)) {
          return resolve(x);
        }
      }
    }
    return null;
  }

  /** {@code erfc(-x/√2)} or {@code 1 + erf(x/√2)}. */
  private static boolean isErfTerm(NodeContext ctx, TfRef term, TfRef x) {
    TfNode node = resolve(term).node();
    if (is(node, "Erfc", 1)) {
      return isScaled(ctx, node.inputs().get(0), x, -1);
    }
    if (is(node, "AddV2", 2) || is(node, "Add", 2)) {
      for (int one = 0; one < 2; one++) {
        TfNode erf = resolve(node.inputs().get(1 - one)).node();
        if (isScalar(ctx, node.inputs().get(one), 1) && is(erf, "Erf", 1)
            && isScaled(ctx, erf.inputs().get(0), x, 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code ref = sign·x/√2}, as Mul by 1/√2, RealDiv by √2, and Neg in any place. */
  private static boolean isScaled(NodeContext ctx, TfRef ref, TfRef x, int sign) {
    TfNode node = resolve(ref).node();
    if (node.inputs().size() != (node.op().equals("Neg") ? 1 : 2)) {
      return false;
    }
    switch (node.op()) {
      case "Neg" -> {
        return isScaled(ctx, node.inputs().get(0), x, -sign);
      }
      case "Mul" -> {
        for (int c = 0; c < 2; c++) {
          TfRef other = node.inputs().get(1 - c);
          if (isScalar(ctx, node.inputs().get(c), INV_SQRT2) && isSigned(other, x, sign)) {
            return true;
          }
          if (isScalar(ctx, node.inputs().get(c), -INV_SQRT2) && isSigned(other, x, -sign)) {
            return true;
          }
        }
        return false;
      }
      case "RealDiv", "Div" -> {
        TfRef numerator = node.inputs().get(0);
        return isScalar(ctx, node.inputs().get(1), SQRT2) && isSigned(numerator, x, sign)
            || isScalar(ctx, node.inputs().get(1), -SQRT2) && isSigned(numerator, x, -sign);
      }
      default -> {
        return false;
      }
    }
  }

  /** {@code ref = sign·x}. */
  private static boolean isSigned(TfRef ref, TfRef x, int sign) {
    TfRef r = resolve(ref);
    if (sign > 0) {
      return r.equals(resolve(x));
    }
    return is(r.node(), "Neg", 1) && resolve(r.node().inputs().get(0)).equals(resolve(x));
  }

  private static boolean isScalar(NodeContext ctx, TfRef ref, double value) {
    Tensor t = ctx.valueOf(ref);
    if (t == null || !t.isConstant() || t.type() != DataType.FLOAT32 || t.shape().numElements() != 1) {
      return false;
    }
    return Math.abs(t.constantFloats()[0] - value) <= TOLERANCE;
  }

  /** The product has x's shape and type: the 0.5 does not broadcast x to a higher rank. */
  private static boolean fits(NodeContext ctx, TfRef half, TfRef x) {
    Tensor input = ctx.valueOf(resolve(x));
    return input != null && input.type() == DataType.FLOAT32
        && ctx.valueOf(half).shape().rank() <= input.shape().rank();
  }

  /** Whether {@code node} is a {@code op} with {@code inputs} inputs (a damaged graph may have others). */
  private static boolean is(TfNode node, String op, int inputs) {
    return node.op().equals(op) && node.inputs().size() == inputs;
  }

  /** Looks through Identity nodes, which legalize to nothing. */
  private static TfRef resolve(TfRef ref) {
    TfRef r = ref;
    while (r.node().op().equals("Identity") && !r.node().inputs().isEmpty()) {
      r = r.node().inputs().get(0);
    }
    return r;
  }
}
