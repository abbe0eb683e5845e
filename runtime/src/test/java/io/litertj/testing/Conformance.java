package io.litertj.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The conformance check in one call: the same inputs through real TensorFlow (the SavedModel) and
 * real LiteRT (our {@code .tflite}), then {@link Closeness} on every output.
 *
 * <pre>{@code
 * Conformance.Run run = Conformance.check(savedModelDir, tfliteBytes, "serving_default", RandomInputs.seeded(1));
 * }</pre>
 *
 * <p>Inputs and outputs are matched by signature name when the {@code .tflite} has that signature.
 * A file without {@code signature_defs} is accepted only with exactly one input and one output,
 * matched by position.
 */
public final class Conformance {
  private Conformance() {}

  /**
   * What was fed and what came out.
   *
   * @param inputs    the inputs, by TF signature name
   * @param reference TensorFlow's outputs, by TF signature name
   * @param ours      LiteRT's outputs, renamed to the TF signature names
   */
  public record Run(Map<String, TensorData> inputs, Map<String, TensorData> reference, Map<String, TensorData> ours) {}

  /** Loads both models, makes random inputs from the TF signature, runs both and asserts the standard criterion. */
  public static Run check(Path savedModel, byte[] tflite, String signatureKey, RandomInputs random) {
    return check(savedModel, tflite, signatureKey, random, Closeness.standard());
  }

  /** As {@link #check(Path, byte[], String, RandomInputs)}, with another criterion. */
  public static Run check(Path savedModel, byte[] tflite, String signatureKey, RandomInputs random, Closeness criterion) {
    try (TensorFlowOracle tf = TensorFlowOracle.load(savedModel); LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      Map<String, TensorData> inputs = random.forSignature(tf.signature(signatureKey));
      return check(tf, lite, signatureKey, inputs, criterion);
    }
  }

  /** Runs given inputs through both loaded oracles and asserts {@code criterion} on every output. */
  public static Run check(TensorFlowOracle tf, LiteRtOracle lite, String signatureKey,
      Map<String, TensorData> inputs, Closeness criterion) {
    Map<String, TensorData> reference = tf.run(signatureKey, inputs);
    Map<String, TensorData> ours = runLite(lite, signatureKey, inputs, tf.signature(signatureKey));
    criterion.assertAllClose(reference, ours);
    return new Run(inputs, reference, ours);
  }

  private static Map<String, TensorData> runLite(LiteRtOracle lite, String key, Map<String, TensorData> inputs,
      SignatureSpec tfSignature) {
    if (lite.signatureKeys().contains(key)) {
      SignatureSpec ours = lite.signature(key);
      if (!new TreeSet<>(ours.inputNames()).equals(new TreeSet<>(tfSignature.inputNames()))) {
        throw new AssertionError("signature '" + key + "': input names differ: TensorFlow has "
            + new TreeSet<>(tfSignature.inputNames()) + ", the .tflite has " + new TreeSet<>(ours.inputNames()));
      }
      return lite.run(key, inputs);
    }
    if (tfSignature.inputs().size() != 1 || tfSignature.outputs().size() != 1
        || lite.inputs().size() != 1 || lite.outputs().size() != 1) {
      throw new AssertionError("the .tflite has no signature '" + key + "' (it has " + lite.signatureKeys()
          + "), and inputs/outputs can be matched by position only for one input and one output; TF has "
          + tfSignature.inputs().size() + "/" + tfSignature.outputs().size() + ", LiteRT "
          + lite.inputs().size() + "/" + lite.outputs().size());
    }
    TensorData in = inputs.get(tfSignature.inputs().get(0).name());
    List<TensorData> out = lite.runByIndex(List.of(in));
    String name = tfSignature.outputs().get(0).name();
    Map<String, TensorData> named = new LinkedHashMap<>();
    named.put(name, out.get(0).named(name));
    return named;
  }
}
