package io.litertj.legalize.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.ir.LiteRtModel;
import io.litertj.testing.ControlFlowModels;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.tflite.TfliteReader;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seven control-flow signatures of {@code gen_tf_control_flow} (tf.while_loop with static and
 * data-dependent trip counts, tf.cond, TensorArray RNNs with a dynamic and a static batch,
 * tf.switch_case), converted by us and run in LiteRT against TensorFlow's outputs for every case.
 */
class ControlFlowSavedModelTest {

  private static final Logger LOG = Logger.getLogger(ControlFlowSavedModelTest.class.getName());

  @ParameterizedTest
  @ValueSource(strings = {"static_while", "dynamic_while", "cond", "tensor_array_rnn", "tensor_array_rnn_fixed",
      "switch_case", "switch_case_read_first"})
  void signatureMatchesTensorFlow(String signature) {
    ConversionResult result = LiteRtConverter.fromSavedModel(ControlFlowModels.savedModel())
        .signatureKeys(signature).convert();
    LiteRtModel model = TfliteReader.read(result.bytes());
    assertEquals(1, model.subgraphs().size());
    model.allSubgraphs().forEach(s -> LOG.info(() -> signature + " / " + s.name() + ": " + s.opHistogram()));
    double worst = ControlFlowModels.check(result.bytes(), signature);
    LOG.info(() -> signature + ": worst error " + worst + " of the bound; " + result.bytes().length + " bytes");
    QuantizesInEveryMode.check(signature, result.bytes(), ControlFlowModels.inputs(signature, 0));
  }

  /**
   * Where the official converter converts a signature to builtins without lowering lists, we emit
   * the same operators (its loops keep no unneeded loop counter either), subgraph by subgraph.
   */
  @ParameterizedTest
  @ValueSource(strings = {"static_while", "dynamic_while", "cond"})
  void sameOperatorsAsTheOfficialConverter(String signature) {
    byte[] ours = LiteRtConverter.fromSavedModel(ControlFlowModels.savedModel()).signatureKeys(signature).convert()
        .bytes();
    LiteRtModel official = TfliteReader.read(ControlFlowModels.reference(signature));
    assertEquals(histograms(official), histograms(TfliteReader.read(ours)));
  }

  private static java.util.List<java.util.Map<String, Integer>> histograms(LiteRtModel model) {
    return model.allSubgraphs().stream().map(s -> (java.util.Map<String, Integer>) new java.util.TreeMap<>(
        s.opHistogram())).toList();
  }
}
