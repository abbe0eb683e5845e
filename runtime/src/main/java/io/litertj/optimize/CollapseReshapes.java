package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code RESHAPE(RESHAPE(x))} → {@code RESHAPE(x)}: a reshape only reinterprets the row-major
 * element order, so the outer one can read x directly; the same holds for an inner SQUEEZE or
 * EXPAND_DIMS. The inner op stays while something else reads it; otherwise it is pruned.
 */
final class CollapseReshapes extends PerOpPass {

  private static final Set<BuiltinOp> INNER = EnumSet.of(BuiltinOp.RESHAPE, BuiltinOp.SQUEEZE, BuiltinOp.EXPAND_DIMS);

  @Override
  public String name() {
    return "collapse-reshapes";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator op) {
    GraphIndex index = context.index();
    if (op.op() != BuiltinOp.RESHAPE || op.inputs().isEmpty() || op.input(0) == null) {
      return false;
    }
    Tensor mid = op.input(0);
    Operator inner = index.producer(mid);
    if (inner == null || !INNER.contains(inner.op()) || inner.inputs().isEmpty() || inner.input(0) == null) {
      return false;
    }
    Tensor source = inner.input(0);
    if (source.type() != mid.type() || !Objects.equals(source.quantization(), mid.quantization())) {
      return false;
    }
    context.setInput(op, 0, source);
    return true;
  }
}
