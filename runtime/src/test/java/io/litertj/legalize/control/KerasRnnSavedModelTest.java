package io.litertj.legalize.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Subgraph;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.NpzReader;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import io.litertj.tflite.TfliteReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras 3 recurrent models exported as SavedModels ({@code gen_keras3_rnn}): Keras writes each
 * layer's time loop as a While over TensorLists with a dynamic batch, which the official converter
 * cannot lower. LSTM and SimpleRNN loops become the fused sequence ops, GRU a WHILE; run in LiteRT
 * against Keras's own outputs within the shared models' bound, and in every quantization mode.
 */
class KerasRnnSavedModelTest {

  private static final Logger LOG = Logger.getLogger(KerasRnnSavedModelTest.class.getName());

  @ParameterizedTest
  @ValueSource(strings = {"lstm_stack", "gru", "simplernn_relu", "bilstm_tokens", "lstm_go_backwards",
      "lstm_return_state"})
  void recurrentSavedModelMatchesKeras(String model) throws IOException {
    Path dir = SharedModels.path("gen_keras3_rnn/" + model);
    ConversionResult result = LiteRtConverter.fromSavedModel(dir.resolve("saved_model")).convert();
    LOG.info(() -> model + ": " + result.report().operatorCounts() + ", " + result.bytes().length + " bytes");
    assertFused(model, result);
    Map<String, TensorData> inputs = named(NpzReader.read(dir.resolve("inputs.npz")));
    Map<String, TensorData> expected = named(NpzReader.read(dir.resolve("outputs.npz")));
    try (LiteRtOracle lite = LiteRtOracle.load(result.bytes())) {
      Map<String, TensorData> ours = lite.run("serving_default", inputs);
      assertEquals(expected.keySet(), ours.keySet());
      for (String name : expected.keySet()) {
        Closeness.Comparison c = Closeness.of(1e-5, 1e-3).compare(expected.get(name), ours.get(name));
        LOG.info(() -> model + " " + name + ": " + c.describe());
        assertTrue(c.passed(), model + " " + name + ": " + c.describe());
      }
    }
    QuantizesInEveryMode.check(model, result.bytes(), inputs);
  }

  /**
   * The same models exported at batch 1 (the form the official converter needs): Keras squeezes
   * h R^T to [units] there, and the loops still become the fused ops, matching Keras on the first
   * sample.
   */
  @ParameterizedTest
  @ValueSource(strings = {"lstm_stack", "gru", "simplernn_relu", "bilstm_tokens", "lstm_go_backwards",
      "lstm_return_state"})
  void batchOneSavedModelMatchesKeras(String model) throws IOException {
    Path dir = SharedModels.path("gen_keras3_rnn/" + model);
    ConversionResult result = LiteRtConverter.fromSavedModel(dir.resolve("saved_model_batch1")).convert();
    assertFused(model, result);
    try (LiteRtOracle lite = LiteRtOracle.load(result.bytes())) {
      Closeness.of(1e-5, 1e-3).assertAllClose(named(NpzReader.read(dir.resolve("outputs_batch1.npz"))),
          lite.run("serving_default", named(NpzReader.read(dir.resolve("inputs_batch1.npz")))));
    }
  }

  /**
   * The same LSTM stack written as Keras 2 (tf_keras) writes it: each layer a function marked
   * {@code api_implements}, whose body is the standard loop. Both loops become
   * UNIDIRECTIONAL_SEQUENCE_LSTM at the dynamic batch the official converter fails on, and at
   * batch 1 the file has the official file's fused ops.
   */
  @Test
  void keras2StyleLstmFunctionsBecomeFusedLstms() throws IOException {
    Path dir = SharedModels.path("gen_keras2_style_fused_lstm");
    ConversionResult result = LiteRtConverter.fromSavedModel(dir.resolve("saved_model")).convert();
    LOG.info(() -> "keras2 style: " + result.report().operatorCounts() + ", " + result.bytes().length + " bytes");
    Map<String, TensorData> inputs = named(NpzReader.read(dir.resolve("inputs.npz")));
    try (LiteRtOracle lite = LiteRtOracle.load(result.bytes())) {
      Closeness.of(1e-5, 1e-3).assertAllClose(named(NpzReader.read(dir.resolve("outputs.npz"))),
          lite.run("serving_default", inputs));
      Closeness.of(1e-5, 1e-3).assertAllClose(named(NpzReader.read(dir.resolve("outputs_batch1.npz"))),
          lite.run("serving_batch1", named(NpzReader.read(dir.resolve("inputs_batch1.npz")))));
    }
    LiteRtModel written = TfliteReader.read(result.bytes());
    assertEquals(0, loops(written), "a loop is left: " + result.report().operatorCounts());
    LiteRtModel official = TfliteReader.read(dir.resolve("reference/model_batch1_float32.tflite"));
    assertEquals(count(official.subgraphs().get(0), "UNIDIRECTIONAL_SEQUENCE_LSTM"),
        count(signature(written, "serving_batch1"), "UNIDIRECTIONAL_SEQUENCE_LSTM"),
        "fused LSTMs at batch 1 against the official file");
    assertEquals(2, count(signature(written, "serving_default"), "UNIDIRECTIONAL_SEQUENCE_LSTM"));
    // The batch-1 signature cannot take the batch-8 samples: quantize the dynamic-batch one.
    QuantizesInEveryMode.check("keras2 style lstm", LiteRtConverter.fromSavedModel(dir.resolve("saved_model"))
        .signatureKeys("serving_default").convert().bytes(), inputs);
  }

  /**
   * LSTM and SimpleRNN loops become the fused sequence ops, with no loop left; GRU has no fused
   * builtin and stays a WHILE.
   */
  private static void assertFused(String model, ConversionResult result) {
    LiteRtModel written = TfliteReader.read(result.bytes());
    Subgraph serving = signature(written, "serving_default");
    switch (model) {
      case "lstm_stack", "bilstm_tokens" -> assertEquals(2, count(serving, "UNIDIRECTIONAL_SEQUENCE_LSTM"), model);
      case "lstm_go_backwards", "lstm_return_state" ->
          assertEquals(1, count(serving, "UNIDIRECTIONAL_SEQUENCE_LSTM"), model);
      case "simplernn_relu" -> assertEquals(1, count(serving, "UNIDIRECTIONAL_SEQUENCE_RNN"), model);
      case "gru" -> assertEquals(1, count(serving, "WHILE"), model);
      default -> throw new IllegalArgumentException(model);
    }
    if (!model.equals("gru")) {
      assertEquals(0, loops(written), model + ": a loop is left: " + result.report().operatorCounts());
    }
  }

  private static Subgraph signature(LiteRtModel model, String key) {
    return model.signatures().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow().subgraph();
  }

  private static long loops(LiteRtModel model) {
    return model.allSubgraphs().stream().mapToLong(s -> count(s, "WHILE")).sum();
  }

  private static long count(Subgraph s, String op) {
    return s.operators().stream().filter(o -> o.op().name().equals(op)).count();
  }

  private static Map<String, TensorData> named(Map<String, TensorData> arrays) {
    Map<String, TensorData> out = new LinkedHashMap<>();
    arrays.forEach((k, v) -> out.put(k, v.named(k)));
    return out;
  }
}
