package io.litertj.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.calibrate.ProgressListener;
import io.litertj.dataset.NdArray;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import io.litertj.tflite.TfliteWriter;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What LiteRT 2.21's fused recurrent kernels compute in integer, asked of the interpreter itself:
 * the reason full-integer quantization keeps some of them float ({@link OpTable#whyFloat}).
 * <ul>
 *   <li>UNIDIRECTIONAL_SEQUENCE_LSTM is integer only with int8 activations. The 16x8 layout the
 *       official MLIR quantizer can write for tflite-micro (int16 input, output and output state,
 *       int8 weights, int32 biases, int16 cell state; operator version 5) is refused by LiteRT,
 *       which registers the op up to version 4, while the int8 layout our INT8 writes, from the same
 *       float op, runs. (Were version 5 registered, the kernel's Prepare would still take an int16
 *       input for a float LSTM and refuse its integer biases.)
 *   <li>UNIDIRECTIONAL_SEQUENCE_RNN has float and hybrid kernels only: an int8 layout is refused, the
 *       hybrid one (DYNAMIC_RANGE) runs.
 * </ul>
 * Should a later LiteRT accept these layouts, these tests fail and say that the op can become integer.
 */
class LiteRtRecurrentKernelsTest {

  private static final Logger LOG = Logger.getLogger(LiteRtRecurrentKernelsTest.class.getName());
  private static final int T = 10;
  private static final int F = 3;
  private static final int U = 5;

  @Test
  void lstmIsIntegerWithInt8ActivationsOnlyNot16x8() {
    LiteRtModel lstm = TinyModels.lstm(T, F, U);
    List<Map<String, NdArray>> samples = TinyModels.sequences(8, T, F, 1);
    LiteRtModel int8 = PostTrainingQuantizer.quantize(lstm, QuantizationOptions.of(QuantizationMode.INT8), samples,
        ProgressListener.NONE);
    Operator op = lstm(int8);
    assertEquals(List.of(DataType.INT8, DataType.INT8, DataType.INT32, DataType.INT16),
        List.of(op.input(0).type(), op.input(2).type(), op.input(13).type(), op.input(19).type()));
    Map<String, NdArray> heldOut = TinyModels.sequences(1, T, F, 2).get(0);
    double snr = Closeness.snrDb(run(bytes(lstm), heldOut), run(bytes(int8), heldOut));
    LOG.info("int8 LSTM layout: runs in LiteRT, SNR " + snr + " dB against the float op");
    assertTrue(snr > 25, "int8 LSTM: SNR " + snr + " dB");

    byte[] sixteen = bytes(to16x8(int8));
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> run(sixteen, heldOut),
        "LiteRT ran a 16x8 LSTM: it may now have the kernel, and INT16X8 could make the LSTM integer");
    LOG.info("16x8 LSTM layout: " + refused.getMessage());
    // The op's versions: 5 is the one for int16 activations with int8 weights, which LiteRT 2.21 lacks.
    assertTrue(refused.getMessage().contains("UNIDIRECTIONAL_SEQUENCE_LSTM' version '5'"), refused.getMessage());
  }

  @Test
  void simpleRnnHasNoInt8Kernel() {
    LiteRtModel rnn = TinyModels.simpleRnn(T, F, U);
    List<Map<String, NdArray>> samples = TinyModels.sequences(8, T, F, 3);
    Map<String, NdArray> heldOut = TinyModels.sequences(1, T, F, 4).get(0);
    TensorData reference = run(bytes(rnn), heldOut);
    LiteRtModel hybrid = PostTrainingQuantizer.quantize(rnn, QuantizationOptions.of(QuantizationMode.DYNAMIC_RANGE)
        .withDynamicRangeMinElements(1), samples, ProgressListener.NONE);
    assertEquals(DataType.INT8, rnn(hybrid).input(1).type());
    double snr = Closeness.snrDb(reference, run(bytes(hybrid), heldOut));
    LOG.info("hybrid SimpleRNN: runs in LiteRT, SNR " + snr + " dB against the float op");
    assertTrue(snr > 25, "hybrid SimpleRNN: SNR " + snr + " dB");

    byte[] int8 = bytes(int8Rnn(rnn));
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> run(int8, heldOut),
        "LiteRT ran an int8 SimpleRNN: it may now have the kernel, and INT8 could make the SimpleRNN integer");
    LOG.info("int8 SimpleRNN layout: " + refused.getMessage());
    assertTrue(refused.getMessage().contains("AllocateTensors"), refused.getMessage());
  }

  /**
   * The 16x8 layout of an int8 LSTM: the input (after its QUANTIZE), the output, the output state
   * and the hidden intermediate become int16, symmetric over the same real range; biases are
   * requantized to the new input scale; weights and the int16 cell state stay.
   */
  private static LiteRtModel to16x8(LiteRtModel int8) {
    Operator op = lstm(int8);
    QuantizationParams in = int16Of(op.input(0).quantization());
    QuantizationParams out = int16Of(op.output(0).quantization());
    float oldInputScale = op.input(0).quantization().scale();
    retype(op.input(0), in);
    retype(op.output(0), out);
    retype(op.input(18), out);
    retype(op.intermediates().get(4), out);
    for (int g = 12; g <= 15; g++) {
      Tensor b = op.input(g);
      float weightScale = op.input(g - 11).quantization().scale();
      long[] q = b.constantLongs();
      float[] real = new float[q.length];
      for (int i = 0; i < q.length; i++) {
        real[i] = q[i] * oldInputScale * weightScale;
      }
      float[] scale = {in.scale() * weightScale};
      op.setInput(g, Constants.int32(b.name(), b.shape(), BiasQuantizer.quantizeInt32(real, scale),
          Constants.symmetric(scale, -1)));
    }
    return int8;
  }

  private static QuantizationParams int16Of(QuantizationParams int8) {
    double lo = int8.scale() * (-128 - int8.zeroPoint());
    double hi = int8.scale() * (127 - int8.zeroPoint());
    return QuantizationParams.perTensor((float) (Math.max(-lo, hi) / 32767), 0);
  }

  private static void retype(Tensor t, QuantizationParams q) {
    t.setType(DataType.INT16);
    t.setQuantization(q);
  }

  /**
   * An int8 SimpleRNN as full-integer quantization would lay it out: QUANTIZE of x, int8 input and
   * recurrent weights (per-tensor, symmetric), an int32 bias at input scale × weight scale, an int8
   * hidden state and output, then DEQUANTIZE.
   */
  private static LiteRtModel int8Rnn(LiteRtModel rnn) {
    Operator op = rnn(rnn);
    Subgraph s = rnn.subgraphs().get(0);
    QuantizationParams xq = ActivationParams.int8(-4f, 4f);
    QuantizationParams hq = ActivationParams.int8(-1f, 1f);
    Tensor x = op.input(0);
    Tensor xi = new Tensor("x_int8", DataType.INT8, x.shape());
    xi.setQuantization(xq);
    float[] weightScale = new float[1];
    for (int i = 1; i <= 2; i++) {
      Tensor w = op.input(i);
      float[] v = w.constantFloats();
      float[] scales = WeightQuantizer.scales(v, w.shape().dims(), -1);
      weightScale[0] = i == 1 ? scales[0] : weightScale[0];
      op.setInput(i, Constants.int8(w.name(), w.shape(), WeightQuantizer.quantize(v, w.shape().dims(), -1, scales),
          Constants.symmetric(scales, -1)));
    }
    float[] biasScale = {xq.scale() * weightScale[0]};
    Tensor b = op.input(3);
    op.setInput(3, Constants.int32(b.name(), b.shape(), BiasQuantizer.quantizeInt32(b.constantFloats(), biasScale),
        Constants.symmetric(biasScale, -1)));
    op.setInput(0, xi);
    op.input(4).setType(DataType.INT8);
    op.input(4).setQuantization(hq);
    Tensor y = op.output(0);
    Tensor yi = new Tensor("y_int8", DataType.INT8, y.shape());
    yi.setQuantization(hq);
    op.setOutput(0, yi);
    s.replaceOperators(List.of(new Operator(BuiltinOp.QUANTIZE, List.of(x), List.of(xi), new OpOptions.Quantize()), op,
        new Operator(BuiltinOp.DEQUANTIZE, List.of(yi), List.of(y), new OpOptions.Dequantize())));
    return rnn;
  }

  private static Operator lstm(LiteRtModel m) {
    return only(m, BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM);
  }

  private static Operator rnn(LiteRtModel m) {
    return only(m, BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN);
  }

  private static Operator only(LiteRtModel m, BuiltinOp kind) {
    return m.subgraphs().get(0).operators().stream().filter(o -> o.op() == kind).findFirst().orElseThrow();
  }

  private static byte[] bytes(LiteRtModel m) {
    return new TfliteWriter().toBytes(m);
  }

  /** One run in a fresh interpreter (the state tensors start at zero). */
  private static TensorData run(byte[] model, Map<String, NdArray> sample) {
    NdArray x = sample.get("x");
    TensorData in = TensorData.ofFloats(new long[] {1, T, F}, x.floats()).named("x");
    try (LiteRtOracle lite = LiteRtOracle.load(model)) {
      return lite.run("serving_default", Map.of("x", in)).values().iterator().next();
    }
  }
}
