package io.litertj.quantize;

import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * DYNAMIC_RANGE ({@code dynamic_wi8_afp32}): constant weights of ops with a hybrid kernel, with at
 * least {@code minElements} elements, become symmetric int8 (per channel where the op has a channel
 * axis); activations and biases stay float. FULLY_CONNECTED gets
 * {@code asymmetric_quantize_inputs}.
 */
final class DynamicRangeRewriter {

  private final KeepFloat keepFloat;
  private final int minElements;
  private final boolean perChannelDense;

  DynamicRangeRewriter(KeepFloat keepFloat, int minElements, boolean perChannelDense) {
    this.keepFloat = keepFloat;
    this.minElements = minElements;
    this.perChannelDense = perChannelDense;
  }

  void rewrite(Subgraph subgraph) {
    Map<Tensor, Tensor> quantized = new IdentityHashMap<>();
    for (Operator op : subgraph.operators()) {
      int wi = OpTable.weightIndex(op.op());
      if (!OpTable.hasHybridKernel(op.op()) || keepFloat.matches(op) || wi >= op.inputs().size()) {
        continue;
      }
      Tensor w = op.input(wi);
      if (w == null || !w.isConstant() || w.type() != DataType.FLOAT32 || w.shape().numElements() < minElements
          || op.input(0) == null || op.input(0).type() != DataType.FLOAT32) {
        continue;
      }
      int axis = OpTable.weightAxis(op.op(), perChannelDense);
      op.setInput(wi, quantized.computeIfAbsent(w, c -> quantize(c, axis)));
      if (op.options() instanceof OpOptions.FullyConnected fc) {
        op.setOptions(new OpOptions.FullyConnected(fc.activation(), fc.keepNumDims(), true));
      }
    }
  }

  private static Tensor quantize(Tensor w, int axis) {
    float[] values = w.constantFloats();
    int[] shape = w.shape().dims();
    float[] scales = WeightQuantizer.scales(values, shape, axis);
    QuantizationParams q = Constants.symmetric(scales, axis);
    return Constants.int8(w.name(), w.shape(), WeightQuantizer.quantize(values, shape, axis, scales), q);
  }
}
