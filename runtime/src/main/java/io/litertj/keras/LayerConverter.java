package io.litertj.keras;

import io.litertj.ir.Tensor;
import java.util.List;

/** Converts one call of a Keras layer: emits LiteRT builtins and returns the layer's outputs. */
@FunctionalInterface
public interface LayerConverter {

  List<Tensor> convert(LayerContext ctx, List<Tensor> inputs);

  /** For the common single-input, single-output layer. */
  interface Unary extends LayerConverter {
    Tensor apply(LayerContext ctx, Tensor input);

    @Override
    default List<Tensor> convert(LayerContext ctx, List<Tensor> inputs) {
      if (inputs.size() != 1) {
        throw ctx.error("takes one input, got " + inputs.size(), null);
      }
      return List.of(apply(ctx, inputs.get(0)));
    }
  }
}
