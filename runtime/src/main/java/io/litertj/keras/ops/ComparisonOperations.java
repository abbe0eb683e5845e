package io.litertj.keras.ops;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * Comparisons (compared in the operands' promoted type, BOOL results), logical ops (operands cast
 * to bool first, as TF's backend does) and {@code where} (SELECT_V2, branches promoted).
 */
final class ComparisonOperations {

  private ComparisonOperations() {}

  static void register(Registry r) {
    r.add(n -> compare(n, BuiltinOp.GREATER), "Greater");
    r.add(n -> compare(n, BuiltinOp.GREATER_EQUAL), "GreaterEqual");
    r.add(n -> compare(n, BuiltinOp.LESS), "Less");
    r.add(n -> compare(n, BuiltinOp.LESS_EQUAL), "LessEqual");
    r.add(n -> compare(n, BuiltinOp.EQUAL), "Equal");
    r.add(n -> compare(n, BuiltinOp.NOT_EQUAL), "NotEqual");
    r.add(n -> logical(n, BuiltinOp.LOGICAL_AND), "LogicalAnd");
    r.add(n -> logical(n, BuiltinOp.LOGICAL_OR), "LogicalOr");
    r.add(n -> logical(n, BuiltinOp.NOT_EQUAL), "LogicalXor");
    r.add(ComparisonOperations::not, "LogicalNot");
    r.add(ComparisonOperations::where, "Where");
  }

  private static Tensor compare(OpNode n, BuiltinOp op) {
    Operand[] o = ArithmeticOperations.pair(n);
    DataType type = KerasType.promote(o[0].type(), o[1].type());
    return Emit.predicate(n, op, Emit.as(n, o[0], type), Emit.as(n, o[1], type));
  }

  /** Logical ops on operands cast to bool (nonzero is true); xor is inequality of bools. */
  private static Tensor logical(OpNode n, BuiltinOp op) {
    Operand[] o = ArithmeticOperations.pair(n);
    return Emit.predicate(n, op, Emit.as(n, o[0], DataType.BOOL), Emit.as(n, o[1], DataType.BOOL));
  }

  private static Tensor not(OpNode n) {
    n.parameters("x");
    return Emit.unary(n, BuiltinOp.LOGICAL_NOT, Emit.as(n, n.required("x"), DataType.BOOL));
  }

  /** {@code where(c, x1, x2)}; the one-argument form (indices of nonzeros) has a data-dependent shape. */
  private static Tensor where(OpNode n) {
    n.parameters("condition", "x1", "x2");
    Operand c = n.required("condition");
    Operand a = n.operand("x1");
    Operand b = n.operand("x2");
    if (a == null || b == null) {
      throw n.error("is where(condition) without x1 and x2 (the indices of nonzero elements), whose shape "
          + "depends on the data", "give where both branches");
    }
    DataType type = KerasType.promote(a.type(), b.type());
    Tensor cond = Emit.as(n, c, DataType.BOOL);
    Tensor x = Emit.as(n, a, type);
    Tensor y = Emit.as(n, b, type);
    return Emit.op(n, BuiltinOp.SELECT_V2, List.of(cond, x, y), type, type,
        Emit.broadcast(n, cond.shape(), x.shape(), y.shape()), null);
  }
}
