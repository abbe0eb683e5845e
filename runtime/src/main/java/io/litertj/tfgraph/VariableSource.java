package io.litertj.tfgraph;

import io.litertj.ir.Tensor;

/** Supplies the saved value of a variable node (VarHandleOp, VariableV2) as a constant tensor. */
public interface VariableSource {

  /** The variable's value, read from the checkpoint; throws if it cannot be found. */
  Tensor read(TfNode variableNode);
}
