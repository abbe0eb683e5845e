package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.litertj.LiteRtConverter;
import io.litertj.dataset.NdArray;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.LogCapture;
import io.litertj.testing.NpzReader;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import io.litertj.tflite.TfliteReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

  /**
   * The trained tf.keras SimpleRNN (one step, 50 units, Dense(1)) in every quantization mode,
   * calibrated on its first 12 recorded inputs and judged on the other 13 against the predictions
   * Keras recorded beside them. LiteRT has no integer SimpleRNN, so INT8 and INT16X8 keep it float
   * between integer ops, with a warning that says so.
   */
  @ParameterizedTest
  @EnumSource(QuantizationMode.class)
  void trainedSimpleRnnQuantizesCloseToKerasPredictions(QuantizationMode mode) throws Exception {
    float[][][] x;
    float[][] predictions;
    try (HdfFile f = new HdfFile(SharedModels.path(DIR + "simple_rnn_tf_keras_2_inputs_and_outputs.h5"))) {
      x = (float[][][]) f.getDatasetByPath("/inputs/simple_rnn_1_input").getData();
      predictions = (float[][]) f.getDatasetByPath("/predictions/dense_1").getData();
    }
    List<Map<String, NdArray>> calibration = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      calibration.add(Map.of("simple_rnn_1_input", NdArray.ofFloats(x[i][0], 1, 1, 1)));
    }
    byte[] q;
    List<String> warnings;
    try (LogCapture log = LogCapture.of("io.litertj.quantize")) {
      q = LiteRtConverter.fromKeras(SharedModels.path(DIR + "simple_rnn_tf_keras_2_model.h5"))
          .quantize(QuantizationOptions.of(mode).withDynamicRangeMinElements(1)).representativeDataset(calibration)
          .qualityReport(false) // calibrate on all 12: the test judges on the other 13 itself
          .convert().bytes();
      warnings = log.warnings();
    }
    Operator rnn = TfliteReader.read(q).subgraphs().get(0).operators().stream()
        .filter(o -> o.op() == BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN).findFirst().orElseThrow();
    assertEquals(DataType.FLOAT32, rnn.input(0).type(), mode + ": the SimpleRNN's input");
    boolean integer = mode == QuantizationMode.INT8 || mode == QuantizationMode.INT16X8;
    assertEquals(integer, warnings.stream().anyMatch(w -> w.contains("UNIDIRECTIONAL_SEQUENCE_RNN -> ")
        && w.contains("stays float")), mode + ": " + warnings);
    float[] expected = new float[x.length - 12];
    float[] ours = new float[expected.length];
    try (LiteRtOracle lite = LiteRtOracle.load(q)) {
      for (int i = 12; i < x.length; i++) {
        TensorData in = TensorData.ofFloats(new long[] {1, 1, 1}, x[i][0]).named("simple_rnn_1_input");
        ours[i - 12] = lite.run(KerasPipeline.SIGNATURE_KEY, Map.of("simple_rnn_1_input", in)).values().iterator()
            .next().asFloats()[0];
        expected[i - 12] = predictions[i][0];
      }
    }
    double snr = Closeness.snrDb(TensorData.ofFloats(new long[] {expected.length}, expected),
        TensorData.ofFloats(new long[] {ours.length}, ours));
    LOG.info("trained SimpleRNN " + mode + ": SNR " + snr + " dB on 13 held-out inputs against Keras");
    assertTrue(snr > (mode == QuantizationMode.FLOAT16 ? 50 : 30), mode + ": SNR " + snr + " dB");
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
