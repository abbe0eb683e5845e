package io.litertj.quantize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * FLOAT16: every float32 constant becomes a FLOAT16 constant (clamped to ±65504) followed by a
 * DEQUANTIZE to float32 that feeds the original consumers. The DEQUANTIZE ops come first, as the
 * official converter places them.
 */
final class Float16Rewriter {

  private final KeepFloat keepFloat;

  Float16Rewriter(KeepFloat keepFloat) {
    this.keepFloat = keepFloat;
  }

  void rewrite(Subgraph subgraph) {
    Map<Tensor, Tensor> dequantized = new IdentityHashMap<>();
    List<Operator> dequantizes = new ArrayList<>();
    for (Operator op : subgraph.operators()) {
      if (keepFloat.matches(op)) {
        continue;
      }
      for (int i = 0; i < op.inputs().size(); i++) {
        Tensor in = op.input(i);
        if (in == null || !in.isConstant() || in.type() != DataType.FLOAT32) {
          continue;
        }
        Tensor f32 = dequantized.computeIfAbsent(in, c -> {
          Tensor half = Constants.float16(c.name(), c.shape(), c.constantFloats());
          Tensor out = new Tensor(c.name() + "_dequantized", DataType.FLOAT32, c.shape());
          dequantizes.add(new Operator(BuiltinOp.DEQUANTIZE, List.of(half), List.of(out), new OpOptions.Dequantize()));
          return out;
        });
        op.setInput(i, f32);
      }
    }
    List<Operator> ops = new ArrayList<>(dequantizes);
    ops.addAll(subgraph.operators());
    subgraph.replaceOperators(ops);
  }
}
