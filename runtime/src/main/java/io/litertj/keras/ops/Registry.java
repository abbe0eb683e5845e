package io.litertj.keras.ops;

import io.litertj.ir.Tensor;
import io.litertj.keras.LayerTable;
import java.util.List;

/** Registers operation converters in the layer table, each run with an {@link OpNode} that checks its settings. */
final class Registry {

  /** Converts one node with one output. */
  @FunctionalInterface
  interface Single {
    Tensor convert(OpNode n);
  }

  /** Converts one node with several outputs. */
  @FunctionalInterface
  interface Multi {
    List<Tensor> convert(OpNode n);
  }

  private final LayerTable table;

  Registry(LayerTable table) {
    this.table = table;
  }

  void add(Single converter, String... classNames) {
    addMulti(n -> List.of(converter.convert(n)), classNames);
  }

  void addMulti(Multi converter, String... classNames) {
    table.registerOperation((ctx, inputs) -> {
      OpNode n = new OpNode(ctx);
      List<Tensor> out = converter.convert(n);
      n.finish();
      return out;
    }, classNames);
  }
}
