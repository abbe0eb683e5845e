package io.litertj.legalize.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.legalize.LegalizerTable;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.NpzReader;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras 3 recurrent models exported as SavedModels ({@code gen_keras3_rnn}): Keras writes each
 * layer's time loop as a While over TensorLists with a dynamic batch, which the official converter
 * cannot lower. Converted as loops (not yet fused into sequence ops), run in LiteRT against
 * Keras's own outputs within the shared models' bound.
 */
class KerasRnnSavedModelTest {

  private static final Logger LOG = Logger.getLogger(KerasRnnSavedModelTest.class.getName());

  @ParameterizedTest
  @ValueSource(strings = {"lstm_stack", "gru", "simplernn_relu", "bilstm_tokens", "lstm_go_backwards",
      "lstm_return_state"})
  void recurrentSavedModelMatchesKeras(String model) throws IOException {
    if (model.equals("bilstm_tokens") || model.equals("lstm_go_backwards")) {
      // Keras reverses the time axis with ReverseV2, a legalizer another branch adds.
      Assumptions.assumeTrue(LegalizerTable.standard().get("ReverseV2") != null,
          "ReverseV2 is not legalized on this branch: skipping " + model);
    }
    Path dir = SharedModels.path("gen_keras3_rnn/" + model);
    ConversionResult result = LiteRtConverter.fromSavedModel(dir.resolve("saved_model")).convert();
    LOG.info(() -> model + ": " + result.report().operatorCounts() + ", " + result.bytes().length + " bytes");
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
   * The same LSTM stack written as Keras 2 (tf_keras) writes it: each layer a function marked
   * {@code api_implements}, whose body is the standard loop; converted as that loop for now.
   */
  @org.junit.jupiter.api.Test
  void keras2StyleLstmFunctionsConvertAsLoops() throws IOException {
    Path dir = SharedModels.path("gen_keras2_style_fused_lstm");
    ConversionResult result = LiteRtConverter.fromSavedModel(dir.resolve("saved_model"))
        .signatureKeys("serving_default").convert();
    LOG.info(() -> "keras2 style: " + result.report().operatorCounts());
    try (LiteRtOracle lite = LiteRtOracle.load(result.bytes())) {
      Map<String, TensorData> ours = lite.run("serving_default", named(NpzReader.read(dir.resolve("inputs.npz"))));
      Closeness.of(1e-5, 1e-3).assertAllClose(named(NpzReader.read(dir.resolve("outputs.npz"))), ours);
    }
  }

  private static Map<String, TensorData> named(Map<String, TensorData> arrays) {
    Map<String, TensorData> out = new LinkedHashMap<>();
    arrays.forEach((k, v) -> out.put(k, v.named(k)));
    return out;
  }
}
