package io.litertj.compose;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * Where a composition's operators and constants go. Each front end adapts its own emission (the
 * legalizer's folds operators on constants; a Keras layer's names tensors after the layer);
 * {@link #into(Subgraph, String)} appends to a subgraph directly.
 */
public interface Emitter {

  /**
   * Emits one single-output operator.
   *
   * @param step a short name of this step, unique within one composition (for tensor names)
   */
  Tensor emit(String step, BuiltinOp op, List<Tensor> inputs, DataType outType, Shape outShape, OpOptions options);

  /** A scalar FLOAT32 constant. */
  Tensor constant(String step, float value);

  /** Appends operators to {@code g}, naming tensors {@code prefix/step}. */
  static Emitter into(Subgraph g, String prefix) {
    return new Emitter() {
      @Override
      public Tensor emit(String step, BuiltinOp op, List<Tensor> inputs, DataType outType, Shape outShape,
          OpOptions options) {
        Tensor out = new Tensor(prefix + "/" + step, outType, outShape);
        g.addOperator(new Operator(op, inputs, List.of(out), options));
        return out;
      }

      @Override
      public Tensor constant(String step, float value) {
        return Tensor.constant(prefix + "/" + step, DataType.FLOAT32, Shape.scalar(), ConstantData.ofFloats(value));
      }
    };
  }
}
