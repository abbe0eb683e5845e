package io.litertj.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code gen_tf_control_flow} (../shared/models): a SavedModel of seven control-flow signatures
 * with TensorFlow's own outputs per case ({@code inputs_<sig>_<case>.npz},
 * {@code outputs_<sig>_<case>.npz}), and the official converter's files for some. Checks a
 * {@code .tflite} against TensorFlow's outputs in real LiteRT, within the shared models' bound
 * {@code 1e-5 + 1e-3 * max|ref|}.
 */
public final class ControlFlowModels {

  private static final Logger LOG = Logger.getLogger(ControlFlowModels.class.getName());

  public static final String NAME = "gen_tf_control_flow";

  /** Every signature of the SavedModel. */
  public static final List<String> SIGNATURES = List.of("static_while", "dynamic_while", "cond", "tensor_array_rnn",
      "tensor_array_rnn_fixed", "switch_case", "switch_case_read_first");

  /** The shared models' bound. */
  public static final Closeness CLOSENESS = Closeness.of(1e-5, 1e-3);

  private ControlFlowModels() {}

  /** The model's directory; skips the test when the shared models are absent. */
  public static Path dir() {
    return SharedModels.path(NAME);
  }

  public static Path savedModel() {
    return dir().resolve("saved_model");
  }

  /** The official converter's file for a signature, if it converted it. */
  public static Path reference(String signature) {
    return dir().resolve("reference").resolve(signature + "_float32.tflite");
  }

  /** How many cases the signature has. */
  public static int caseCount(String signature) {
    int n = 0;
    while (Files.exists(dir().resolve("inputs_" + signature + "_" + n + ".npz"))) {
      n++;
    }
    return n;
  }

  public static Map<String, TensorData> inputs(String signature, int caseIndex) {
    return read("inputs_" + signature + "_" + caseIndex + ".npz");
  }

  public static Map<String, TensorData> outputs(String signature, int caseIndex) {
    return read("outputs_" + signature + "_" + caseIndex + ".npz");
  }

  /**
   * Runs every case of {@code signature} in LiteRT on {@code tflite} (which holds that signature)
   * and asserts each output against TensorFlow's. Returns the worst error relative to its bound.
   */
  public static double check(byte[] tflite, String signature) {
    int cases = caseCount(signature);
    assertTrue(cases > 0, "no cases for " + signature);
    double worst = 0;
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      for (int c = 0; c < cases; c++) {
        Map<String, TensorData> expected = outputs(signature, c);
        Map<String, TensorData> ours = lite.run(signature, inputs(signature, c));
        assertEquals(expected.keySet(), ours.keySet(), signature + " output names");
        for (String name : expected.keySet()) {
          Closeness.Comparison cmp = CLOSENESS.compare(expected.get(name), ours.get(name));
          int index = c;
          LOG.info(() -> signature + " case " + index + " " + name + ": " + cmp.describe());
          assertTrue(cmp.passed(), signature + " case " + c + " output '" + name + "': " + cmp.describe());
          worst = Math.max(worst, cmp.bound() > 0 ? cmp.error() / cmp.bound() : 0);
        }
      }
    }
    return worst;
  }

  private static Map<String, TensorData> read(String file) {
    try {
      Map<String, TensorData> out = new LinkedHashMap<>();
      NpzReader.read(dir().resolve(file)).forEach((k, v) -> out.put(k, v.named(k)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
