package io.litertj.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One LiteRT builtin operator. A {@code null} input is an omitted optional input (written as -1).
 * Intermediates are tensors some integer kernels read only for their quantization params (the
 * integer LSTM's gate and hidden scales); most ops have none.
 */
public final class Operator {

  private final BuiltinOp op;
  private final List<Tensor> inputs;
  private final List<Tensor> outputs;
  private OpOptions options;
  private List<Tensor> intermediates = List.of();

  public Operator(BuiltinOp op, List<Tensor> inputs, List<Tensor> outputs, OpOptions options) {
    this.op = Objects.requireNonNull(op, "op");
    this.inputs = new ArrayList<>(inputs);
    this.outputs = new ArrayList<>(outputs);
    this.options = options;
  }

  public BuiltinOp op() {
    return op;
  }

  public List<Tensor> inputs() {
    return Collections.unmodifiableList(inputs);
  }

  public Tensor input(int index) {
    return inputs.get(index);
  }

  public void setInput(int index, Tensor tensor) {
    inputs.set(index, tensor);
  }

  public List<Tensor> outputs() {
    return Collections.unmodifiableList(outputs);
  }

  public Tensor output(int index) {
    return outputs.get(index);
  }

  public void setOutput(int index, Tensor tensor) {
    outputs.set(index, tensor);
  }

  public List<Tensor> intermediates() {
    return intermediates;
  }

  public void setIntermediates(List<Tensor> intermediates) {
    this.intermediates = List.copyOf(intermediates);
  }

  public OpOptions options() {
    return options;
  }

  public void setOptions(OpOptions options) {
    this.options = options;
  }

  @Override
  public String toString() {
    return op + " " + inputs + " -> " + outputs;
  }
}
