package io.litertj.keras.ops;

import io.litertj.keras.LayerTable;

/**
 * Keras 3 operation nodes: the {@code keras.ops} calls and Python arithmetic on tensors that a
 * functional config records as layers of {@code keras.src.ops.*} ({@code x * 2.0 + 1.0} is a
 * Multiply and an Add node, whose literal operands are call arguments). Each family registers its
 * classes; a node of any other class is refused by name.
 */
public final class OperationNodes {

  private OperationNodes() {}

  public static void register(LayerTable table) {
    Registry r = new Registry(table);
    ArithmeticOperations.register(r);
    ComparisonOperations.register(r);
    ReductionOperations.register(r);
    ShapeOperations.register(r);
    JoinOperations.register(r);
    IndexingOperations.register(r);
    GetItemOperation.register(r);
    FillOperations.register(r);
    NnOperations.register(r);
    CoreOperations.register(r);
    ProductOperations.register(r);
    EinsumOperation.register(r);
  }
}
