package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.LiteRtConverter;
import io.litertj.dataset.NdArray;
import io.litertj.dataset.NpzDataset;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.tflite.TfliteReader;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.LogCapture;
import io.litertj.testing.NpzReader;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recurrent models of {@code gen_keras3_rnn} (real Keras 3.15), from {@code .keras} and
 * {@code .h5}, fused (the default) and unrolled, run in LiteRT on {@code inputs.npz} and checked
 * against Keras's {@code outputs.npz} within {@code 1e-5 + 1e-3·max|ref|}: as one batch of 8, again
 * (no state carried between invocations), and sample by sample (the batch resizes).
 */
class KerasRecurrentModelsTest {

  private static final Logger LOG = Logger.getLogger(KerasRecurrentModelsTest.class.getName());
  private static final Closeness BOUND = Closeness.of(1e-5, 1e-3);

  /** Folder, and the fused op it must hold (null: stays unrolled). */
  static Stream<Arguments> cases() {
    Map<String, String> models = new LinkedHashMap<>();
    models.put("lstm_stack", "UNIDIRECTIONAL_SEQUENCE_LSTM");
    models.put("simplernn_relu", "UNIDIRECTIONAL_SEQUENCE_RNN");
    models.put("bilstm_tokens", "UNIDIRECTIONAL_SEQUENCE_LSTM");
    models.put("lstm_go_backwards", "UNIDIRECTIONAL_SEQUENCE_LSTM");
    models.put("lstm_return_state", "UNIDIRECTIONAL_SEQUENCE_LSTM");
    models.put("gru", null);
    List<Arguments> out = new ArrayList<>();
    models.forEach((model, op) -> {
      for (String format : List.of("model.keras", "model.h5")) {
        out.add(Arguments.of(model, format, false, op));
        out.add(Arguments.of(model, format, true, null));
      }
    });
    return out.stream();
  }

  @ParameterizedTest(name = "{0} from {1}, unrolled {2}")
  @MethodSource("cases")
  void matchesKeras(String model, String format, boolean unroll, String fusedOp) throws Exception {
    Path dir = SharedModels.path("gen_keras3_rnn/" + model);
    byte[] tflite = LiteRtConverter.fromKeras(dir.resolve(format)).unrollRecurrent(unroll).convert().bytes();
    List<String> ops = KerasHarness.ops(tflite);
    LOG.info(model + " " + format + " unrolled " + unroll + ": " + ops.size() + " ops " + ops);
    if (fusedOp != null) {
      assertTrue(ops.contains(fusedOp), model + ": " + ops);
      for (String perStep : List.of("UNPACK", "PACK", "LOGISTIC", "SPLIT", "MUL")) {
        assertFalse(ops.contains(perStep), model + " has per-step " + perStep + ": " + ops);
      }
    } else if (unroll) {
      assertTrue(ops.contains("UNPACK"), model + " should be unrolled: " + ops);
      assertFalse(ops.stream().anyMatch(o -> o.startsWith("UNIDIRECTIONAL")), model + ": " + ops);
    } else {
      // No fused builtin (GRU) over more steps than are unrolled: one WHILE over a step.
      assertTrue(ops.contains("WHILE") && !ops.contains("UNPACK"), model + " should be a loop: " + ops);
    }

    Map<String, TensorData> inputs = NpzReader.read(dir.resolve("inputs.npz"));
    Map<String, TensorData> expected = NpzReader.read(dir.resolve("outputs.npz"));
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      String key = KerasPipeline.SIGNATURE_KEY;
      List<TensorSpec> ins = lite.signature(key).inputs();
      assertEquals(1, ins.size());
      String inputName = ins.get(0).name();
      TensorData batch = inputs.values().iterator().next().named(inputName);
      for (int run = 0; run < 2; run++) {
        compare(model + " run " + run, lite.run(key, Map.of(inputName, batch)), expected, -1);
      }
      for (int sample = 0; sample < batch.shape()[0]; sample++) {
        compare(model + " sample " + sample, lite.run(key, Map.of(inputName, slice(batch, sample))), expected, sample);
      }
      if (!unroll) {
        QuantizesInEveryMode.check(model, tflite, Map.of(inputName, batch));
      }
    }
  }

  static Stream<Arguments> quantized() {
    List<Arguments> out = new ArrayList<>();
    for (String model : List.of("lstm_stack", "simplernn_relu", "bilstm_tokens", "lstm_return_state",
        "lstm_go_backwards")) {
      for (QuantizationMode mode : QuantizationMode.values()) {
        out.add(Arguments.of(model, mode));
      }
    }
    return out.stream();
  }

  /**
   * Every quantization mode keeps the fused op and runs close to Keras: FLOAT16 feeds it dequantized
   * half-precision weights; DYNAMIC_RANGE gives it int8 weights (the hybrid kernel) with
   * asymmetrically quantized inputs; INT8 makes an LSTM integer (int8 data and weights, int16 cell
   * state) and keeps a SimpleRNN float; INT16X8 keeps both float between integer ops (LiteRT has no
   * 16x8 LSTM and no integer SimpleRNN: {@code LiteRtRecurrentKernelsTest}), and says so in a
   * warning. Calibrated on {@code calibration.npz} (64 samples), judged on the 8 held-out samples of
   * {@code inputs.npz} against Keras's {@code outputs.npz}.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("quantized")
  void quantizedFusedOpsRunCloseToKeras(String model, QuantizationMode mode) throws Exception {
    Path dir = SharedModels.path("gen_keras3_rnn/" + model);
    Map<String, TensorData> inputs = NpzReader.read(dir.resolve("inputs.npz"));
    Map<String, TensorData> expected = NpzReader.read(dir.resolve("outputs.npz"));
    String inputName = model.equals("bilstm_tokens") ? "tokens" : "series";
    TensorData batch = inputs.values().iterator().next().named(inputName);
    byte[] tflite;
    List<String> warnings;
    try (LogCapture log = LogCapture.of("io.litertj.quantize")) {
      tflite = LiteRtConverter.fromKeras(dir.resolve("model.keras"))
          .quantize(QuantizationOptions.of(mode).withDynamicRangeMinElements(1))
          .representativeDataset(NpzDataset.read(dir.resolve("calibration.npz"))).convert().bytes();
      warnings = log.warnings();
    }
    boolean rnn = model.startsWith("simplernn");
    String floatNote = mode == QuantizationMode.INT16X8 ? (rnn ? "UNIDIRECTIONAL_SEQUENCE_RNN" : "UNIDIRECTIONAL_SEQUENCE_LSTM")
        : mode == QuantizationMode.INT8 && rnn ? "UNIDIRECTIONAL_SEQUENCE_RNN" : null;
    assertEquals(floatNote != null, warnings.stream().anyMatch(w -> w.contains(floatNote + " -> ")
        && w.contains("stays float: LiteRT")), mode + " warnings: " + warnings);
    int fused = 0;
    for (Operator op : TfliteReader.read(tflite).subgraphs().get(0).operators()) {
      int[] weights = switch (op.op()) {
        case UNIDIRECTIONAL_SEQUENCE_LSTM -> new int[] {1, 2, 3, 4, 5, 6, 7, 8};
        case UNIDIRECTIONAL_SEQUENCE_RNN -> new int[] {1, 2};
        default -> new int[0];
      };
      if (weights.length == 0) {
        continue;
      }
      fused++;
      boolean integer = mode == QuantizationMode.INT8 && op.op() == BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM;
      assertEquals(integer ? DataType.INT8 : DataType.FLOAT32, op.input(0).type(), model + " " + mode + ": input");
      if (integer) {
        assertEquals(DataType.INT16, op.input(19).type(), "cell state");
        assertEquals(5, op.intermediates().size());
      }
      for (int w : weights) {
        Tensor t = op.input(w);
        if (mode == QuantizationMode.DYNAMIC_RANGE || integer) {
          assertEquals(DataType.INT8, t.type(), "weight " + w);
          assertEquals(1, t.quantization().scales().length, "per-tensor scale of weight " + w);
        } else {
          assertEquals(DataType.FLOAT32, t.type(), "weight " + w);
          assertEquals(mode == QuantizationMode.FLOAT16, !t.isConstant(), "weight " + w + " dequantized");
        }
      }
      boolean asymmetric = op.options() instanceof OpOptions.UnidirectionalSequenceLstm l
          ? l.asymmetricQuantizeInputs() : ((OpOptions.SequenceRnn) op.options()).asymmetricQuantizeInputs();
      assertEquals(mode == QuantizationMode.DYNAMIC_RANGE, asymmetric);
    }
    assertTrue(fused > 0, model + " " + mode + " lost its fused op");
    if (mode == QuantizationMode.INT16X8) { // the Dense head around the float recurrent op is 16x8
      assertTrue(TfliteReader.read(tflite).subgraphs().get(0).operators().stream().anyMatch(op ->
          op.op() == BuiltinOp.FULLY_CONNECTED && op.input(0).type() == DataType.INT16), model + ": no 16x8 op");
    }
    double floor = switch (mode) { // the lowest seen, 2026-12: 65, 40, 30.5 and 45.8 dB
      case FLOAT16 -> 55;
      case DYNAMIC_RANGE -> 35;
      case INT8 -> 25;
      case INT16X8 -> 40;
    };
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      String in = lite.signature(KerasPipeline.SIGNATURE_KEY).inputs().get(0).name();
      Map<String, TensorData> ours = lite.run(KerasPipeline.SIGNATURE_KEY, Map.of(in, batch.named(in)));
      int i = 0;
      for (TensorData got : ours.values()) {
        TensorData ref = expected.get("output_" + i++);
        double snr = Closeness.snrDb(ref, got);
        LOG.info(model + " " + mode + " " + got.name() + ": SNR " + snr + " dB");
        assertTrue(snr > floor, model + " " + mode + " " + got.name() + ": SNR " + snr + " dB");
      }
    }
  }

  /** With int8-only, an LSTM model has no float op left: its zero states are FILLed in int8. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"lstm_stack", "lstm_go_backwards", "bilstm_tokens"})
  void int8OnlyLstmModelsHaveNoFloatOps(String model) throws Exception {
    Path dir = SharedModels.path("gen_keras3_rnn/" + model);
    TensorData batch = NpzReader.read(dir.resolve("inputs.npz")).values().iterator().next();
    String inputName = model.equals("bilstm_tokens") ? "tokens" : "series";
    Map<String, NdArray> sample = Map.of(inputName, new NdArray(DataType.valueOf(batch.type().name()),
        Arrays.stream(batch.shape()).mapToInt(d -> (int) d).toArray(), batch.bytes()));
    byte[] tflite = LiteRtConverter.fromKeras(dir.resolve("model.keras"))
        .quantize(QuantizationOptions.of(QuantizationMode.INT8).withInt8Only(true))
        .representativeDataset(List.of(sample)).convert().bytes();
    for (Operator op : TfliteReader.read(tflite).subgraphs().get(0).operators()) {
      boolean io = op.op() == BuiltinOp.QUANTIZE || op.op() == BuiltinOp.DEQUANTIZE;
      for (Tensor t : op.outputs()) {
        assertTrue(io || t.type() != DataType.FLOAT32, model + ": float op " + op);
      }
    }
    Map<String, TensorData> expected = NpzReader.read(dir.resolve("outputs.npz"));
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      String in = lite.signature(KerasPipeline.SIGNATURE_KEY).inputs().get(0).name();
      TensorData got = lite.run(KerasPipeline.SIGNATURE_KEY, Map.of(in, batch.named(in))).values().iterator().next();
      double snr = Closeness.snrDb(expected.get("output_0"), got);
      assertTrue(snr > 20, model + ": SNR " + snr + " dB");
    }
  }

  /** Our outputs, in model.outputs order, against output_0.. (of one sample, or all). */
  private static void compare(String what, Map<String, TensorData> ours, Map<String, TensorData> expected, int sample) {
    assertEquals(expected.size(), ours.size(), "output count");
    int i = 0;
    for (TensorData got : ours.values()) {
      TensorData ref = expected.get("output_" + i);
      if (sample >= 0) {
        ref = slice(ref, sample);
      }
      Closeness.Comparison c = BOUND.compare(ref, got);
      assertTrue(c.passed(), what + " output_" + i + ": " + c.describe());
      i++;
    }
  }

  /** Sample {@code n} of a batch, keeping the batch axis. */
  static TensorData slice(TensorData t, int n) {
    long[] shape = t.shape().clone();
    int per = t.bytes().length / (int) shape[0];
    shape[0] = 1;
    byte[] bytes = Arrays.copyOfRange(t.bytes(), n * per, (n + 1) * per);
    return TensorData.of(t.type(), shape, bytes).named(t.name());
  }
}
