package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * What a kernel sees of one op: its constant operands ({@code null} for an omitted optional
 * input), its options, and its outputs, whose types are authoritative and whose shapes the
 * results must agree with.
 */
record FoldCall(BuiltinOp op, List<Operand> inputs, OpOptions options, List<Tensor> outputs, long maxElements) {

  int inputCount() {
    return inputs.size();
  }

  /** Input {@code index}, which must be present. */
  Operand in(int index) {
    Operand operand = index < inputs.size() ? inputs.get(index) : null;
    if (operand == null) {
      throw new NotFoldable(op + " lacks input " + index);
    }
    return operand;
  }

  /** Input {@code index}, or {@code null} when it is omitted. */
  Operand optionalIn(int index) {
    return index < inputs.size() ? inputs.get(index) : null;
  }

  int outputCount() {
    return outputs.size();
  }

  DataType outType(int index) {
    return outputs.get(index).type();
  }

  Shape outShape(int index) {
    return outputs.get(index).shape();
  }

  /** The options if they are of {@code type}, else {@code null}. */
  <T extends OpOptions> T options(Class<T> type) {
    return type.isInstance(options) ? type.cast(options) : null;
  }

  /** Stops folding when an output of {@code elements} would be above the limit. */
  void checkSize(long elements) {
    if (elements > maxElements) {
      throw new NotFoldable(op + " output of " + elements + " elements is above the folding limit of " + maxElements);
    }
  }

  /** Stops folding unless every listed operand has the output's type. */
  void requireOutputType(Operand... operands) {
    for (Operand o : operands) {
      if (o.type() != outType(0)) {
        throw new NotFoldable(op + " input of type " + o.type() + " for output of type " + outType(0));
      }
    }
  }
}
