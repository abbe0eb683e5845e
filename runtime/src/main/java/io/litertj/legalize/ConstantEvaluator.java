package io.litertj.legalize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * Evaluates a LiteRT operator whose inputs are all constant, so that legalization folds it away.
 * Folding at emission time also gives shape arguments (a Reshape's target computed from a Shape
 * subgraph) concrete values while the graph is being built.
 */
@FunctionalInterface
public interface ConstantEvaluator {

  /**
   * The outputs' bytes, one per entry of {@code outputs} (whose types and shapes are already
   * inferred), or {@code null} when this op is not foldable (unknown kernel, or too large).
   */
  List<ConstantData> evaluate(BuiltinOp op, List<Tensor> inputs, OpOptions options, List<Tensor> outputs);
}
