package io.litertj.tflite;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;

/**
 * How many bytes of constant data a model holds as the writer stores it: each distinct constant
 * once (equal bytes share a buffer, also across signatures and control-flow subgraphs), without
 * the alignment padding between buffers.
 */
public final class ConstantBytes {

  private ConstantBytes() {}

  public static long of(LiteRtModel model) {
    BufferTable buffers = new BufferTable();
    for (Subgraph s : model.allSubgraphs()) {
      for (Operator op : s.operators()) {
        for (Tensor t : op.inputs()) {
          add(buffers, t);
        }
      }
      s.outputs().values().forEach(t -> add(buffers, t));
    }
    long total = 0;
    for (BufferTable.Entry e : buffers.entries()) {
      total += e.size();
    }
    return total;
  }

  private static void add(BufferTable buffers, Tensor t) {
    if (t != null && t.isConstant()) {
      buffers.addShared(t.data());
    }
  }
}
