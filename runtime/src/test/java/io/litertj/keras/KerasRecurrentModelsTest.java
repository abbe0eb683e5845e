package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.LiteRtConverter;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
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
    } else {
      assertTrue(ops.contains("UNPACK"), model + " should be unrolled: " + ops);
      assertFalse(ops.stream().anyMatch(o -> o.startsWith("UNIDIRECTIONAL")), model + ": " + ops);
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
