package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.testing.Closeness;
import io.litertj.testing.ElementType;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorFlowOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One Keras layer in a one-layer Keras 3 file (written by {@link KerasFixtures}), converted and run
 * in LiteRT, against the same function built from TensorFlow ops and run by real TensorFlow, on
 * seeded random inputs (batch 3), within {@code 1e-5 + 1e-4 * max|ref|}. The converted model is
 * then quantized in every mode and must run.
 */
final class OneLayerConformance {

  private static final Logger LOG = Logger.getLogger(OneLayerConformance.class.getName());

  /** The layer's function written with TF ops, given the input and the layer's weights as constants. */
  @FunctionalInterface
  interface Reference {
    Operand<TFloat32> build(SavedModels.Context g, Operand<TFloat32> x, List<Operand<TFloat32>> weights);
  }

  /**
   * One case: the layer's JSON (its name must be {@code l}), its input shape without the batch,
   * the shapes of its weights in Keras order (seeded random values; positive where asked), the
   * input range, the reference, and LiteRT builtins the conversion must use.
   */
  record Case(String name, String layer, int[] input, int[][] weights, boolean positive, double low, double high,
      Reference reference, List<String> ops, boolean legacy) {

    Case(String name, String layer, int[] input, int[][] weights, boolean positive, double low, double high,
        Reference reference, List<String> ops) {
      this(name, layer, input, weights, positive, low, high, reference, ops, false);
    }

    static Case of(String name, String layer, int... input) {
      return new Case(name, layer, input, new int[0][], false, -3, 3, null, List.of());
    }

    /** Written as a Keras 2 legacy HDF5 file instead. */
    Case keras2() {
      return new Case(name, layer, input, weights, positive, low, high, reference, ops, true);
    }

    Case weights(int[]... shapes) {
      return new Case(name, layer, input, shapes, positive, low, high, reference, ops);
    }

    /** Weights in [0.1, 1.1), for variances and scales. */
    Case positiveWeights(int[]... shapes) {
      return new Case(name, layer, input, shapes, true, low, high, reference, ops);
    }

    Case range(double lo, double hi) {
      return new Case(name, layer, input, weights, positive, lo, hi, reference, ops);
    }

    Case tf(Reference r) {
      return new Case(name, layer, input, weights, positive, low, high, r, ops);
    }

    Case uses(String... builtins) {
      return new Case(name, layer, input, weights, positive, low, high, reference, List.of(builtins));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private OneLayerConformance() {}

  static void run(Case c, Path dir) throws Exception {
    List<float[]> values = new ArrayList<>();
    List<Object> arrays = new ArrayList<>();
    long seed = 11;
    for (int[] shape : c.weights()) {
      float[] v = LayerZooTest.random(shape, seed++);
      v = c.positive() ? LayerZooTest.positive(v) : v;
      values.add(v);
      arrays.add(LayerZooTest.nested(shape, v));
    }
    String config = """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "InputLayer", "config": {"%s": %s, "dtype": "float32", "name": "x"}}, %s]}}
        """.formatted(c.legacy() ? "batch_input_shape" : "batch_shape", batchShape(c.input()), c.layer());
    var w = KerasFixtures.weights();
    if (!arrays.isEmpty() || c.legacy()) {
      w.put("l", arrays);
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < arrays.size(); i++) {
      names.add("weight_" + i + ":0");
    }
    Path file = c.legacy() ? KerasFixtures.legacyH5(dir, c.name(), config, w, Map.of("l", names))
        : KerasFixtures.keras3(dir, c.name(), config, w);
    byte[] tflite = KerasHarness.convert(file);
    List<String> ops = KerasHarness.ops(tflite);
    assertTrue(ops.containsAll(c.ops()), c.name() + ": expected builtins " + c.ops() + " among " + ops);

    long[] tfShape = new long[c.input().length + 1];
    tfShape[0] = -1;
    for (int i = 0; i < c.input().length; i++) {
      tfShape[i + 1] = c.input()[i];
    }
    Path saved = SavedModels.builder().input("x", ElementType.FLOAT32, tfShape)
        .output("l", g -> {
          List<Operand<TFloat32>> constants = new ArrayList<>();
          for (int i = 0; i < values.size(); i++) {
            long[] s = Arrays.stream(c.weights()[i]).asLongStream().toArray();
            constants.add(g.constant(TensorData.ofFloats(s, values.get(i))));
          }
          return c.reference().build(g, g.input("x"), constants);
        })
        .export(dir.resolve(c.name() + "_tf"));
    try (TensorFlowOracle tf = TensorFlowOracle.load(saved); LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      Map<String, TensorData> in = RandomInputs.seeded(20240611).batch(3).floats(c.low(), c.high())
          .forSignature(tf.signature("serving_default"));
      Map<String, TensorData> reference = tf.run("serving_default", in);
      Map<String, TensorData> ours = lite.run(KerasPipeline.SIGNATURE_KEY, in);
      Closeness.Comparison comparison = Closeness.standard().compare(reference.get("l"), ours.get("l"));
      LOG.info(() -> c.name() + ": " + comparison.describe() + "; ops " + ops);
      assertTrue(comparison.passed(), c.name() + ": " + comparison.describe());
      QuantizesInEveryMode.check(c.name(), tflite, in);
    }
  }

  static String batchShape(int[] dims) {
    StringBuilder s = new StringBuilder("[null");
    for (int d : dims) {
      s.append(", ").append(d);
    }
    return s.append(']').toString();
  }
}
