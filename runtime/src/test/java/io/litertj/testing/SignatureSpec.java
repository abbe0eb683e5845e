package io.litertj.testing;

import java.util.List;
import java.util.Optional;

/**
 * A signature as an oracle sees it: its key, and its inputs and outputs in the oracle's order.
 *
 * @param key     the signature key, e.g. {@code serving_default}
 * @param inputs  the inputs
 * @param outputs the outputs
 */
public record SignatureSpec(String key, List<TensorSpec> inputs, List<TensorSpec> outputs) {

  /** Copies the lists. */
  public SignatureSpec {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** The input called {@code name}, if any. */
  public Optional<TensorSpec> input(String name) {
    return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The output called {@code name}, if any. */
  public Optional<TensorSpec> output(String name) {
    return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The input names, in order. */
  public List<String> inputNames() {
    return inputs.stream().map(TensorSpec::name).toList();
  }

  /** The output names, in order. */
  public List<String> outputNames() {
    return outputs.stream().map(TensorSpec::name).toList();
  }
}
