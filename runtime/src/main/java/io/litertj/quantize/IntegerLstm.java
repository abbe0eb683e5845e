package io.litertj.quantize;

import io.litertj.calibrate.Range;
import io.litertj.calibrate.TensorRanges;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * LiteRT's integer LSTM (the 8x8_16 kernel of UNIDIRECTIONAL_SEQUENCE_LSTM), laid out as the
 * official quantizer writes it (checked on tflite-micro's {@code trained_lstm_int8.tflite}): int8
 * input and output; per-tensor symmetric int8 weights; int32 gate biases at input scale × the gate's
 * input-weight scale; the output state an int8 variable with the output's params; the cell state an
 * int16 variable with a power-of-two scale; and five intermediates, four empty float gate tensors
 * (the kernel uses Q3.12 without layer normalization) and the hidden one with the output's params.
 *
 * <p>Only the plain form: tanh, all four gates, no peepholes, projection or layer normalization.
 *
 * <p>The cell state's scale is a power of two, 2^(p - 15): the kernel computes tanh(c) with p integer
 * bits, and LiteRT's tanh takes p from 0 to 6 (it silently skips the tanh for any other p, so a
 * smaller |c| still gets p = 0 and a larger one is saturated at 64). |c| is bounded: each step adds
 * {@code i * g} with both below 1 in magnitude, so {@code |c| < steps + |c0|}. Where calibration
 * followed the cell state step by step ({@code CellStateSteps}), p is the smallest power of two
 * covering the largest |c| it saw (and the largest initial |c|), as the official quantizer
 * chooses it, if that is tighter. Rounding up to the power is the headroom: a value beyond it
 * saturates, and the cell state is the LSTM's memory, so it stays wrong for the steps after. On
 * tflite-micro's mnist_lstm (64 held-out inputs, largest |c| 4.2) p = 0 or 1 gives 11 and 27 dB and
 * p from 2 to 6 all 32 to 34 dB; on the Keras 2 style LSTM stack (largest |c| under 1) a bit more
 * than the power costs 1.6 dB. The op's cell clip, if any, caps the bound.
 */
final class IntegerLstm {

  static final int OUTPUT_STATE = 18;
  static final int CELL_STATE = 19;
  private static final int MAX_CELL_BOUND = 64;
  private static final int MIN_CELL_POWER = 0;
  private static final int MAX_CELL_POWER = 6;
  private static final String[] GATES = {"input", "forget", "cell", "output"};

  private IntegerLstm() {}

  /** Whether {@code op} is an LSTM this class can make integer, with the ranges it needs. */
  static boolean eligible(Operator op, DataType activations, TensorRanges ranges) {
    if (op.op() != BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM || activations != DataType.INT8 || op.inputs().size() != 24
        || !(op.options() instanceof OpOptions.UnidirectionalSequenceLstm o) || o.activation() != Activation.TANH
        || o.projClip() != 0) {
      return false;
    }
    for (int i = 1; i <= 15; i++) {
      boolean needed = i <= 8 || i >= 12;
      Tensor t = op.input(i);
      if (needed != (t != null) || t != null && (!t.isConstant() || t.type() != DataType.FLOAT32)) {
        return false;
      }
    }
    for (int i : new int[] {16, 17, 20, 21, 22, 23}) {
      if (op.input(i) != null) {
        return false;
      }
    }
    Tensor in = op.input(0);
    Tensor out = op.output(0);
    return in != null && in.type() == DataType.FLOAT32 && ranges.get(in) != null && ranges.get(out) != null
        && out.type() == DataType.FLOAT32 && state(op, OUTPUT_STATE) && state(op, CELL_STATE);
  }

  private static boolean state(Operator op, int slot) {
    Tensor t = op.input(slot);
    return t != null && t.isVariable() && t.type() == DataType.FLOAT32;
  }

  /**
   * The cell state's int16 params: calibrated (the largest |c| over every step, or null where
   * calibration could not follow the steps) or bounded, as the class comment says.
   */
  static QuantizationParams cellParams(Operator op, double initialCell, Range calibrated) {
    OpOptions.UnidirectionalSequenceLstm o = (OpOptions.UnidirectionalSequenceLstm) op.options();
    Shape s = op.input(0).shape();
    int steps = s.rank() == 3 ? s.dim(o.timeMajor() ? 0 : 1) : -1;
    double bound = steps > 0 ? steps + initialCell : MAX_CELL_BOUND;
    if (calibrated != null && !calibrated.isEmpty()) {
      double seen = Math.max(Math.max(Math.abs(calibrated.min()), Math.abs(calibrated.max())), initialCell);
      bound = Math.min(bound, seen); // a short sequence's bound may be the tighter one
    }
    if (o.cellClip() > 0) {
      bound = Math.min(bound, o.cellClip());
    }
    int power = (int) Math.ceil(Math.log(Math.max(bound, Double.MIN_NORMAL)) / Math.log(2));
    power = Math.max(MIN_CELL_POWER, Math.min(power, MAX_CELL_POWER));
    return QuantizationParams.perTensor((float) Math.scalb(1.0, power - 15), 0);
  }

  /**
   * Rewrites the LSTM in place: {@code input} is its int8 input, {@code output} the params of its
   * output (and so of its output state); the state tensors are already integer.
   */
  static void quantize(Operator op, Tensor input, QuantizationParams output) {
    op.setInput(0, input);
    float inputScale = input.quantization().scale();
    float[] gateScales = new float[4];
    for (int i = 1; i <= 8; i++) {
      Tensor w = op.input(i);
      float[] v = w.constantFloats();
      int[] shape = w.shape().dims();
      float[] scales = WeightQuantizer.scales(v, shape, -1);
      if (i <= 4) {
        gateScales[i - 1] = scales[0];
      }
      op.setInput(i, Constants.int8(w.name(), w.shape(), WeightQuantizer.quantize(v, shape, -1, scales),
          Constants.symmetric(scales, -1)));
    }
    for (int g = 0; g < 4; g++) {
      Tensor b = op.input(12 + g);
      float[] scale = {inputScale * gateScales[g]};
      op.setInput(12 + g, Constants.int32(b.name(), b.shape(), BiasQuantizer.quantizeInt32(b.constantFloats(), scale),
          Constants.symmetric(scale, -1)));
    }
    Tensor out = op.output(0);
    out.setType(DataType.INT8);
    out.setQuantization(output);
    List<Tensor> intermediates = new ArrayList<>();
    for (String gate : GATES) {
      intermediates.add(new Tensor(out.name() + "/" + gate + "_intermediate", DataType.FLOAT32, Shape.of(0)));
    }
    Tensor hidden = new Tensor(out.name() + "/hidden_intermediate", DataType.INT8, Shape.of(0));
    hidden.setQuantization(output);
    intermediates.add(hidden);
    op.setIntermediates(intermediates);
  }
}
