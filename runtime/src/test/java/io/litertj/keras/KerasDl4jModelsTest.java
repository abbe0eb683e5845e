package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.NpzReader;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The dl4j test-resource Keras files and the Keras 3 EMG LSTM against real Keras outputs. */
class KerasDl4jModelsTest {

  private static final Logger LOG = Logger.getLogger(KerasDl4jModelsTest.class.getName());
  private static final String DIR = "dl4j_keras_h5/";

  @ParameterizedTest
  @ValueSource(strings = {"GAPError.h5", "batchNormError2.h5", "issue_9349.hdf5", "lstm_functional_tf_keras_2.h5"})
  void matchesKerasOutputs(String file) throws Exception {
    Path model = SharedModels.path(DIR + file);
    String base = file.substring(0, file.lastIndexOf('.'));
    byte[] ours = KerasHarness.convert(model);
    double worst = KerasHarness.checkAgainstNpz(ours, model.resolveSibling(base + ".keras_outputs.npz"));
    LOG.info(file + ": max error vs Keras " + worst + ", ops " + KerasHarness.ops(ours));
    if (file.startsWith("lstm")) {
      // Its recurrent_activation is hard_sigmoid, which LiteRT's LSTM kernel does not compute: a loop.
      assertTrue(KerasHarness.ops(ours).contains("WHILE"), KerasHarness.ops(ours).toString());
    }
  }

  @Test
  void simpleRnnOfTfKeras2IsFused() {
    List<String> ops = KerasHarness.ops(KerasHarness.convert(SharedModels.path(DIR + "simple_rnn_tf_keras_2_model.h5")));
    assertEquals(List.of("SHAPE", "STRIDED_SLICE", "CONCATENATION", "FILL", "UNIDIRECTIONAL_SEQUENCE_RNN",
        "STRIDED_SLICE", "FULLY_CONNECTED"), ops);
  }

  @Test
  void keras3EmgLstmMatchesKerasAndItsAuthorsModel() throws Exception {
    Path dir = SharedModels.path("keras3_emg_lstm");
    byte[] ours = KerasHarness.convert(dir.resolve("model.keras"));
    Path npz = dir.resolve("model.keras_outputs.npz");
    double worst = KerasHarness.checkAgainstNpz(ours, npz);
    // unroll=True is a training-time choice: the layer is still one fused op.
    List<String> ops = KerasHarness.ops(ours);
    assertEquals(1, ops.stream().filter("UNIDIRECTIONAL_SEQUENCE_LSTM"::equals).count(), ops.toString());
    assertFalse(ops.contains("UNPACK") || ops.contains("LOGISTIC") || ops.contains("MUL"), ops.toString());
    Map<String, TensorData> arrays = NpzReader.read(npz);
    TensorData input = arrays.entrySet().stream().filter(e -> e.getKey().startsWith("input:")).findFirst()
        .orElseThrow().getValue();
    try (LiteRtOracle ref = LiteRtOracle.load(dir.resolve("reference/model.tflite"));
        LiteRtOracle mine = LiteRtOracle.load(ours)) {
      TensorData theirs = ref.runByIndex(List.of(input)).get(0);
      TensorData ourOut = mine.runByIndex(List.of(input)).get(0);
      Closeness.Comparison c = Closeness.standard().compare(theirs, ourOut);
      assertTrue(c.passed(), c.describe());
      LOG.info("emg: vs Keras " + worst + ", vs author's tflite " + c.error() + ", ops " + KerasHarness.ops(ours));
    }
  }
}
