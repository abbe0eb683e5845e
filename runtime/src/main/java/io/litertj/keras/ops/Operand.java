package io.litertj.keras.ops;

import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;

/** One argument of an operation: a tensor of the graph, or a literal written in the config. */
record Operand(Tensor tensor, Literal literal, KerasType type) {

  static Operand of(Tensor tensor, KerasType type) {
    return new Operand(tensor, null, type);
  }

  static Operand of(Literal literal) {
    return new Operand(null, literal, literal.type());
  }

  boolean isTensor() {
    return tensor != null;
  }

  Shape shape() {
    return tensor != null ? tensor.shape() : Shape.of(literal.shape());
  }
}
