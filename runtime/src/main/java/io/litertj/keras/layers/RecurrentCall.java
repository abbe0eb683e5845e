package io.litertj.keras.layers;

import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.ArrayList;
import java.util.List;

/**
 * What a recurrent layer is called with: the sequence, and the initial states if the call gives
 * them (Keras 2 files list them as further inputs, Keras 3 files as the {@code initial_state}
 * argument). A mask is refused: neither form applies one.
 */
record RecurrentCall(Tensor sequence, List<Tensor> initialStates) {

  RecurrentCall {
    initialStates = List.copyOf(initialStates);
  }

  /** Reads the call of a layer with {@code states} state tensors (LSTM 2: h and c; GRU, SimpleRNN 1). */
  static RecurrentCall read(LayerContext ctx, List<Tensor> inputs, int states, int units) {
    if (ctx.call().tensor("mask").isPresent()) {
      throw ctx.error("is called with a mask, which this converter does not apply",
          "drop the Masking layer or mask_zero, and give the model sequences of the length it runs on");
    }
    if (inputs.isEmpty()) {
      throw ctx.error("is called without a sequence", null);
    }
    List<Tensor> initial = new ArrayList<>(inputs.subList(1, inputs.size()));
    initial.addAll(ctx.call().tensors("initial_state"));
    if (!initial.isEmpty() && initial.size() != states) {
      throw ctx.error("is called with " + initial.size() + " initial states, but it has " + states, null);
    }
    for (Tensor s : initial) {
      Shape shape = s.shape();
      if (shape.rank() != 2 || shape.dim(1) != units) {
        throw ctx.error("is called with an initial state of shape " + shape + "; it needs [batch, " + units + "]",
            null);
      }
    }
    return new RecurrentCall(inputs.get(0), initial);
  }

  boolean hasInitialStates() {
    return !initialStates.isEmpty();
  }
}
