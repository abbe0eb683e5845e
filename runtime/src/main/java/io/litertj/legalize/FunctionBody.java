package io.litertj.legalize;

import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A function legalized into a subgraph: the subgraph (its inputs set, its outputs left to the
 * caller), the tensor each argument is bound to there (null for those bound to constants), and
 * the tensor each of the function's outputs is there.
 */
public record FunctionBody(Subgraph subgraph, List<Tensor> inputs, List<Tensor> outputs) {

  public FunctionBody {
    inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
    outputs = List.copyOf(outputs);
  }
}
