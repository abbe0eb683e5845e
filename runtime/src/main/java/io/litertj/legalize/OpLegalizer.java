package io.litertj.legalize;

import io.litertj.ir.Tensor;
import java.util.List;

/**
 * Rewrites one TensorFlow op into LiteRT builtins. Implementations are small and stateless; each
 * is registered for its TF op names in {@link LegalizerTable}.
 */
@FunctionalInterface
public interface OpLegalizer {

  /**
   * Emits LiteRT operators (or constants) through {@code ctx} and returns the IR tensor for each
   * of the node's outputs, in output order.
   */
  List<Tensor> legalize(NodeContext ctx);
}
