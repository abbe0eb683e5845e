package io.litertj.savedmodel;

import java.util.List;

/**
 * A signature of a SavedModel: its key and its inputs and outputs in name order.
 */
public record SignatureInfo(String key, List<TensorSpec> inputs, List<TensorSpec> outputs) {

  public SignatureInfo {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /**
   * One signature tensor: the user-facing name, the graph tensor it stands for, its TF dtype, and
   * its shape (null when the rank is unknown, -1 for unknown dimensions).
   */
  public record TensorSpec(String name, String graphTensor, org.tensorflow.proto.DataType dtype, io.litertj.ir.Shape shape) {}
}
