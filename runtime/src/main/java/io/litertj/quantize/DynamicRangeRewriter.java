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
 * {@code asymmetric_quantize_inputs}. The fused LSTM and RNN get all their weight matrices
 * quantized per tensor, or none (see {@link #rewriteSequence}).
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
      if (OpTable.sequenceWeightIndices(op.op()).length > 0) {
        rewriteSequence(op, quantized);
        continue;
      }
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

  /**
   * The hybrid LSTM and RNN kernels read one scale per weight matrix and take the matrices all int8
   * or all float: so all are quantized per tensor when the largest reaches {@code minElements}, and
   * the op quantizes its inputs asymmetrically, as FULLY_CONNECTED does.
   */
  private void rewriteSequence(Operator op, Map<Tensor, Tensor> quantized) {
    if (keepFloat.matches(op) || op.input(0) == null || op.input(0).type() != DataType.FLOAT32) {
      return;
    }
    long largest = 0;
    for (int i : OpTable.sequenceWeightIndices(op.op())) {
      Tensor w = i < op.inputs().size() ? op.input(i) : null;
      if (w == null) {
        continue;
      }
      if (!w.isConstant() || w.type() != DataType.FLOAT32) {
        return;
      }
      largest = Math.max(largest, w.shape().numElements());
    }
    if (largest < minElements) {
      return;
    }
    for (int i : OpTable.sequenceWeightIndices(op.op())) {
      Tensor w = i < op.inputs().size() ? op.input(i) : null;
      if (w != null) {
        op.setInput(i, quantized.computeIfAbsent(w, c -> quantize(c, -1)));
      }
    }
    if (op.options() instanceof OpOptions.UnidirectionalSequenceLstm l) {
      op.setOptions(new OpOptions.UnidirectionalSequenceLstm(l.activation(), l.cellClip(), l.projClip(), l.timeMajor(),
          true, l.diagonalRecurrentTensors()));
    } else if (op.options() instanceof OpOptions.SequenceRnn r) {
      op.setOptions(new OpOptions.SequenceRnn(r.timeMajor(), r.activation(), true));
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
