package io.litertj.keras;

import static io.litertj.keras.OneLayerConformance.Case.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.keras.OneLayerConformance.Case;
import io.litertj.testing.Closeness;
import io.litertj.testing.ElementType;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorFlowOracle;
import java.util.Map;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Every Keras activation, by each name and form Keras 2 and 3 write, and the activation layers
 * with their parameters, against the function built from TensorFlow ops (Keras 3's TensorFlow
 * backend formulas) and run by TensorFlow.
 */
class KerasActivationsTest {

  @TempDir
  Path dir;

  private static Operand<TFloat32> k(SavedModels.Context g, double v) {
    return g.tf().constant((float) v);
  }

  private static String activation(String name) {
    return activation(name, "\"" + name + "\"");
  }

  private static String activation(String label, String json) {
    return "{\"class_name\": \"Activation\", \"config\": {\"name\": \"l\", \"activation\": " + json + "}}";
  }

  private static Case act(String name, OneLayerConformance.Reference r) {
    return of(name, activation(name), 4, 5).tf(r);
  }

  private static Operand<TFloat32> gelu(SavedModels.Context g, Operand<TFloat32> x, boolean approximate) {
    Ops tf = g.tf();
    if (approximate) {
      Operand<TFloat32> inner = tf.math.mul(k(g, Math.sqrt(2 / Math.PI)),
          tf.math.add(x, tf.math.mul(k(g, 0.044715), tf.math.mul(x, tf.math.mul(x, x)))));
      return tf.math.mul(tf.math.mul(k(g, 0.5), x), tf.math.add(k(g, 1), tf.math.tanh(inner)));
    }
    return tf.math.mul(tf.math.mul(k(g, 0.5), x),
        tf.math.add(k(g, 1), tf.math.erf(tf.math.mul(x, k(g, 1 / Math.sqrt(2))))));
  }

  private static Operand<TFloat32> where(SavedModels.Context g, Operand<TBool> c,
      Operand<TFloat32> a, Operand<TFloat32> b) {
    return g.tf().select(c, a, b);
  }

  private static Operand<TFloat32> relu6PlusThreeOverSix(SavedModels.Context g, Operand<TFloat32> x) {
    return g.tf().math.div(g.tf().nn.relu6(g.tf().math.add(x, k(g, 3))), k(g, 6));
  }

  static Stream<Case> activations() {
    return Stream.of(
        act("relu", (g, x, w) -> g.tf().nn.relu(x)).uses("RELU"),
        act("relu6", (g, x, w) -> g.tf().nn.relu6(x)).range(-8, 8).uses("RELU6"),
        act("sigmoid", (g, x, w) -> g.tf().math.sigmoid(x)).range(-8, 8).uses("LOGISTIC"),
        act("tanh", (g, x, w) -> g.tf().math.tanh(x)).uses("TANH"),
        act("softmax", (g, x, w) -> g.tf().nn.softmax(x)).uses("SOFTMAX"),
        act("log_softmax", (g, x, w) -> g.tf().nn.logSoftmax(x)).uses("LOG_SOFTMAX"),
        act("elu", (g, x, w) -> g.tf().nn.elu(x)).uses("ELU"),
        act("selu", (g, x, w) -> g.tf().nn.selu(x)),
        act("celu", (g, x, w) -> g.tf().math.add(g.tf().math.maximum(x, k(g, 0)),
            g.tf().math.expm1(g.tf().math.minimum(x, k(g, 0))))),
        act("leaky_relu", (g, x, w) -> g.tf().nn.leakyRelu(x, LeakyRelu.alpha(0.2f))).uses("LEAKY_RELU"),
        act("gelu", (g, x, w) -> gelu(g, x, false)).range(-5, 5).uses("GELU"),
        act("silu", (g, x, w) -> g.tf().math.mul(x, g.tf().math.sigmoid(x))).range(-8, 8),
        act("swish", (g, x, w) -> g.tf().math.mul(x, g.tf().math.sigmoid(x))).range(-8, 8),
        act("hard_sigmoid", (g, x, w) -> relu6PlusThreeOverSix(g, x)).range(-5, 5),
        act("hard_silu", (g, x, w) -> g.tf().math.mul(x, relu6PlusThreeOverSix(g, x))).range(-5, 5).uses("HARD_SWISH"),
        act("hard_swish", (g, x, w) -> g.tf().math.mul(x, relu6PlusThreeOverSix(g, x))).range(-5, 5).uses("HARD_SWISH"),
        act("hard_tanh", (g, x, w) -> g.tf().clipByValue(x, k(g, -1), k(g, 1))),
        // Large |x| on purpose: log(1 + exp(x)) overflows at x > 88 in float32.
        act("softplus", (g, x, w) -> g.tf().math.softplus(x)).range(-120, 120),
        act("softsign", (g, x, w) -> g.tf().nn.softsign(x)).range(-20, 20),
        act("mish", (g, x, w) -> g.tf().math.mul(x, g.tf().math.tanh(g.tf().math.softplus(x)))).range(-100, 100),
        act("log_sigmoid", (g, x, w) -> g.tf().math.neg(g.tf().math.softplus(g.tf().math.neg(x)))).range(-120, 120),
        of("glu", activation("glu"), 3, 6).tf((g, x, w) -> {
          var halves = g.tf().split(g.tf().constant(-1), x, 2L);
          return g.tf().math.mul(halves.output().get(0), g.tf().math.sigmoid(halves.output().get(1)));
        }).uses("SPLIT"),
        act("squareplus", (g, x, w) -> g.tf().math.div(g.tf().math.add(x,
            g.tf().math.sqrt(g.tf().math.add(g.tf().math.square(x), k(g, 4)))), k(g, 2))),
        act("sparse_plus", (g, x, w) -> where(g, g.tf().math.lessEqual(x, k(g, -1)), g.tf().zerosLike(x),
            where(g, g.tf().math.less(x, k(g, 1)),
                g.tf().math.mul(k(g, 0.25), g.tf().math.square(g.tf().math.add(x, k(g, 1)))), x))),
        act("sparse_sigmoid", (g, x, w) -> where(g, g.tf().math.lessEqual(x, k(g, -1)), g.tf().zerosLike(x),
            where(g, g.tf().math.greaterEqual(x, k(g, 1)), g.tf().onesLike(x),
                g.tf().math.mul(k(g, 0.5), g.tf().math.add(x, k(g, 1)))))),
        act("tanh_shrink", (g, x, w) -> g.tf().math.sub(x, g.tf().math.tanh(x))),
        act("soft_shrink", (g, x, w) -> where(g, g.tf().math.greater(x, k(g, 0.5)), g.tf().math.sub(x, k(g, 0.5)),
            where(g, g.tf().math.less(x, k(g, -0.5)), g.tf().math.add(x, k(g, 0.5)), g.tf().zerosLike(x)))),
        act("hard_shrink", (g, x, w) -> where(g, g.tf().math.greater(g.tf().math.abs(x), k(g, 0.5)), x,
            g.tf().zerosLike(x))),
        act("exponential", (g, x, w) -> g.tf().math.exp(x)).uses("EXP"),
        act("linear", (g, x, w) -> g.tf().identity(x)),
        // The other forms of the name: a serialized function, a keras.ops object, a layer object.
        of("serialized_function_gelu", activation("gelu", """
            {"module": "keras.activations", "class_name": "function", "config": "gelu", "registered_name": "gelu"}"""),
            4, 5).tf((g, x, w) -> gelu(g, x, false)).range(-5, 5).uses("GELU"),
        of("ops_object_gelu_approximate", activation("gelu", """
            {"module": "keras.src.ops.nn", "class_name": "Gelu", "config": {"name": "gelu", "approximate": true},
             "registered_name": "Gelu"}"""), 4, 5).tf((g, x, w) -> gelu(g, x, true)).range(-5, 5).uses("GELU"),
        of("ops_object_elu_alpha", activation("elu", """
            {"module": "keras.src.ops.nn", "class_name": "Elu", "config": {"name": "elu", "alpha": 0.5}}"""), 4, 5)
            .tf((g, x, w) -> where(g, g.tf().math.greater(x, k(g, 0)), g.tf().nn.elu(x),
                g.tf().math.mul(k(g, 0.5), g.tf().nn.elu(x)))),
        of("ops_object_celu_alpha", activation("celu", """
            {"module": "keras.src.ops.nn", "class_name": "Celu", "config": {"alpha": 2.0}}"""), 4, 5)
            .tf((g, x, w) -> g.tf().math.add(g.tf().math.maximum(x, k(g, 0)), g.tf().math.mul(k(g, 2),
                g.tf().math.expm1(g.tf().math.div(g.tf().math.minimum(x, k(g, 0)), k(g, 2)))))),
        of("ops_object_threshold", activation("threshold", """
            {"module": "keras.src.ops.nn", "class_name": "Threshold", "config": {"threshold": 0.3, "default_value": -2.0}}"""),
            4, 5).tf((g, x, w) -> where(g, g.tf().math.greater(x, k(g, 0.3)), x, g.tf().fill(g.tf().shape(x), k(g, -2)))),
        of("ops_object_squareplus_b", activation("squareplus", """
            {"module": "keras.src.ops.nn", "class_name": "Squareplus", "config": {"b": 1.5}}"""), 4, 5)
            .tf((g, x, w) -> g.tf().math.div(g.tf().math.add(x,
                g.tf().math.sqrt(g.tf().math.add(g.tf().math.square(x), k(g, 1.5)))), k(g, 2))),
        of("ops_object_softmax_axis1", activation("softmax", """
            {"module": "keras.src.ops.nn", "class_name": "Softmax", "config": {"axis": 1}}"""), 4, 5)
            .tf((g, x, w) -> softmaxByDefinition(g, x, 1)).uses("SOFTMAX", "TRANSPOSE"),
        of("ops_object_log_softmax_axis1", activation("log_softmax", """
            {"module": "keras.src.ops.nn", "class_name": "LogSoftmax", "config": {"axis": -2}}"""), 4, 5)
            .tf((g, x, w) -> g.tf().math.log(softmaxByDefinition(g, x, 1))).uses("LOG_SOFTMAX"),
        of("layer_object_leaky_relu", activation("leaky_relu", """
            {"module": "keras.layers", "class_name": "LeakyReLU", "config": {"name": "leaky", "negative_slope": 0.1,
             "trainable": true}}"""), 4, 5).tf((g, x, w) -> g.tf().nn.leakyRelu(x, LeakyRelu.alpha(0.1f)))
            .uses("LEAKY_RELU"),
        of("keras2_dense_with_layer_object_activation", "{\"class_name\": \"Dense\", \"config\": {\"name\": \"l\","
            + " \"units\": 6, \"activation\": {\"class_name\": \"ReLU\", \"config\": {\"name\": \"re_lu\","
            + " \"max_value\": 1.0, \"negative_slope\": 0.0, \"threshold\": 0.0}}}}", 4)
            .weights(new int[] {4, 6}, new int[] {6}).keras2()
            .tf((g, x, w) -> g.tf().math.minimum(g.tf().nn.relu(g.tf().math.add(g.tf().linalg.matMul(x, w.get(0)),
                w.get(1))), k(g, 1))),
        // The dense output feeds RELU, ABS and MUL: fusing the RELU into it would be wrong.
        of("dense_softplus_producer_with_three_readers", "{\"class_name\": \"Dense\", \"config\": {\"name\": \"l\","
            + " \"units\": 6, \"activation\": \"mish\"}}", 4).weights(new int[] {4, 6}, new int[] {6})
            .tf((g, x, w) -> {
              Operand<TFloat32> y = g.tf().math.add(g.tf().linalg.matMul(x, w.get(0)), w.get(1));
              return g.tf().math.mul(y, g.tf().math.tanh(g.tf().math.softplus(y)));
            }),
        of("dense_gelu", "{\"class_name\": \"Dense\", \"config\": {\"name\": \"l\", \"units\": 6, \"activation\": \"gelu\"}}",
            4).weights(new int[] {4, 6}, new int[] {6})
            .tf((g, x, w) -> gelu(g, g.tf().math.add(g.tf().linalg.matMul(x, w.get(0)), w.get(1)), false))
            .uses("FULLY_CONNECTED", "GELU"));
  }

  /** softmax over one axis as its definition, exp(x - max) / sum(exp(x - max)). */
  static Operand<TFloat32> softmaxByDefinition(SavedModels.Context g, Operand<TFloat32> x, int... axes) {
    Ops tf = g.tf();
    Operand<TFloat32> shifted = tf.math.sub(x, tf.max(x, tf.constant(axes), Max.keepDims(true)));
    Operand<TFloat32> e = tf.math.exp(shifted);
    return tf.math.div(e, tf.sum(e, tf.constant(axes), Sum.keepDims(true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activations")
  void activationMatchesTensorFlow(Case c) throws Exception {
    OneLayerConformance.run(c, dir);
  }

  /** relu with Keras's semantics: min(x, max) above the threshold, slope * (x - threshold) at or below. */
  private static OneLayerConformance.Reference relu(double slope, double max, double threshold) {
    return (g, x, w) -> {
      Operand<TFloat32> kept = Double.isNaN(max) ? x : g.tf().math.minimum(x, k(g, max));
      return where(g, g.tf().math.greater(x, k(g, threshold)), kept,
          g.tf().math.mul(k(g, slope), g.tf().math.sub(x, k(g, threshold))));
    };
  }

  private static String layer(String className, String config) {
    return "{\"class_name\": \"" + className + "\", \"config\": {\"name\": \"l\"" + (config.isEmpty() ? "" : ", " + config)
        + "}}";
  }

  static Stream<Case> layers() {
    return Stream.of(
        of("relu_layer_keras3_defaults", layer("ReLU", "\"max_value\": null, \"negative_slope\": 0.0, \"threshold\": 0.0"), 4, 5)
            .tf(relu(0, Double.NaN, 0)).uses("RELU"),
        of("relu_layer_max_value", layer("ReLU", "\"max_value\": 2.5"), 4, 5).tf(relu(0, 2.5, 0)),
        of("relu_layer_max_6", layer("ReLU", "\"max_value\": 6.0"), 4, 5).range(-8, 8).tf(relu(0, 6, 0)).uses("RELU6"),
        of("relu_layer_negative_slope", layer("ReLU", "\"negative_slope\": 0.1"), 4, 5).tf(relu(0.1, Double.NaN, 0))
            .uses("LEAKY_RELU"),
        of("relu_layer_slope_and_max", layer("ReLU", "\"negative_slope\": 0.1, \"max_value\": 2.0"), 4, 5)
            .tf(relu(0.1, 2, 0)),
        of("relu_layer_threshold", layer("ReLU", "\"threshold\": 0.5"), 4, 5).tf(relu(0, Double.NaN, 0.5)),
        of("relu_layer_threshold_slope_max", layer("ReLU", "\"threshold\": 0.5, \"negative_slope\": 0.2, \"max_value\": 2.0"),
            4, 5).tf(relu(0.2, 2, 0.5)),
        of("leaky_relu_keras3", layer("LeakyReLU", "\"negative_slope\": 0.15"), 4, 5)
            .tf((g, x, w) -> g.tf().nn.leakyRelu(x, LeakyRelu.alpha(0.15f))).uses("LEAKY_RELU"),
        of("leaky_relu_keras2_alpha", layer("LeakyReLU", "\"alpha\": 0.25"), 4, 5)
            .tf((g, x, w) -> g.tf().nn.leakyRelu(x, LeakyRelu.alpha(0.25f))).uses("LEAKY_RELU"),
        of("leaky_relu_keras2_default", layer("LeakyReLU", ""), 4, 5)
            .tf((g, x, w) -> g.tf().nn.leakyRelu(x, LeakyRelu.alpha(0.3f))),
        of("elu_layer_keras2_alpha", layer("ELU", "\"alpha\": 0.5"), 4, 5)
            .tf((g, x, w) -> where(g, g.tf().math.greater(x, k(g, 0)), g.tf().nn.elu(x),
                g.tf().math.mul(k(g, 0.5), g.tf().nn.elu(x)))),
        of("elu_layer_keras3", layer("ELU", ""), 4, 5).tf((g, x, w) -> g.tf().nn.elu(x)).uses("ELU"),
        of("thresholded_relu_keras2", layer("ThresholdedReLU", "\"theta\": 0.7"), 4, 5)
            .tf((g, x, w) -> where(g, g.tf().math.greater(x, k(g, 0.7)), x, g.tf().zerosLike(x))),
        of("prelu_per_element", layer("PReLU", "\"shared_axes\": null"), 4, 3).weights(new int[] {4, 3})
            .tf((g, x, w) -> prelu(g, x, w.get(0))).uses("PRELU"),
        of("prelu_shared_spatial_axes", layer("PReLU", "\"shared_axes\": [1, 2]"), 3, 4, 2).weights(new int[] {1, 1, 2})
            .tf((g, x, w) -> prelu(g, x, w.get(0))).uses("PRELU"),
        of("softmax_layer_default", layer("Softmax", "\"axis\": -1"), 4, 5).tf((g, x, w) -> g.tf().nn.softmax(x))
            .uses("SOFTMAX"),
        of("softmax_layer_axis1", layer("Softmax", "\"axis\": 1"), 4, 5).tf((g, x, w) -> softmaxByDefinition(g, x, 1)),
        of("softmax_layer_two_axes", layer("Softmax", "\"axis\": [1, 2]"), 3, 4, 2)
            .tf((g, x, w) -> softmaxByDefinition(g, x, 1, 2)),
        of("softmax_layer_two_trailing_axes", layer("Softmax", "\"axis\": [-2, -1]"), 3, 4, 2)
            .tf((g, x, w) -> softmaxByDefinition(g, x, 2, 3)),
        of("identity_layer", layer("Identity", ""), 4, 5).tf((g, x, w) -> g.tf().identity(x)),
        // The same layers as Keras 2 writes them, in a legacy HDF5 file.
        of("keras2_thresholded_relu", layer("ThresholdedReLU", "\"theta\": 0.7"), 4, 5).keras2()
            .tf((g, x, w) -> where(g, g.tf().math.greater(x, k(g, 0.7)), x, g.tf().zerosLike(x))),
        of("keras2_leaky_relu_alpha", layer("LeakyReLU", "\"alpha\": 0.25"), 4, 5).keras2()
            .tf((g, x, w) -> g.tf().nn.leakyRelu(x, LeakyRelu.alpha(0.25f))),
        of("keras2_elu_alpha", layer("ELU", "\"alpha\": 0.5"), 4, 5).keras2()
            .tf((g, x, w) -> where(g, g.tf().math.greater(x, k(g, 0)), g.tf().nn.elu(x),
                g.tf().math.mul(k(g, 0.5), g.tf().nn.elu(x)))),
        of("keras2_relu_threshold_max", layer("ReLU", "\"threshold\": 0.5, \"max_value\": 2.0, \"negative_slope\": 0.1"),
            4, 5).keras2().tf(relu(0.1, 2, 0.5)),
        of("keras2_prelu_shared", layer("PReLU", "\"shared_axes\": [1]"), 4, 3).weights(new int[] {1, 3}).keras2()
            .tf((g, x, w) -> prelu(g, x, w.get(0))),
        of("keras2_activation_swish", activation("swish"), 4, 5).keras2()
            .tf((g, x, w) -> g.tf().math.mul(x, g.tf().math.sigmoid(x))),
        of("keras2_softmax_axis", layer("Softmax", "\"axis\": 1"), 4, 5).keras2()
            .tf((g, x, w) -> softmaxByDefinition(g, x, 1)));
  }

  private static Operand<TFloat32> prelu(SavedModels.Context g, Operand<TFloat32> x, Operand<TFloat32> alpha) {
    Ops tf = g.tf();
    return tf.math.sub(tf.nn.relu(x), tf.math.mul(alpha, tf.nn.relu(tf.math.neg(x))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void layerMatchesTensorFlow(Case c) throws Exception {
    OneLayerConformance.run(c, dir);
  }

  private static String tensor(String layer, String dtype) {
    return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 4, 5], \"dtype\": \"" + dtype
        + "\", \"keras_history\": [\"" + layer + "\", 0, 0]}}";
  }

  /**
   * Softmax(axis=-1)(x, mask=m) as Keras 3.15 computes it, with a float mask (kept above 0.5) or an
   * int32 one (kept where non-zero); one row is fully masked and must come out all zeros.
   */
  @ParameterizedTest(name = "{0} mask")
  @ValueSource(strings = {"float32", "int32"})
  void softmaxWithMask(String maskType) throws Exception {
    String config = """
        {"module": "keras", "class_name": "Functional", "config": {"name": "f", "layers": [
         {"class_name": "InputLayer", "name": "x", "config": {"batch_shape": [null, 4, 5], "dtype": "float32", "name": "x"}, "inbound_nodes": []},
         {"class_name": "InputLayer", "name": "m", "config": {"batch_shape": [null, 4, 5], "dtype": "%s", "name": "m"}, "inbound_nodes": []},
         {"module": "keras.layers", "class_name": "Softmax", "name": "l", "config": {"name": "l", "axis": -1},
          "inbound_nodes": [{"args": [%s], "kwargs": {"mask": %s}}]}],
         "input_layers": [["x", 0, 0], ["m", 0, 0]], "output_layers": [["l", 0, 0]]}}
        """.formatted(maskType, tensor("x", "float32"), tensor("m", maskType));
    byte[] tflite = KerasHarness.convert(KerasFixtures.keras3(dir, "masked_" + maskType, config, KerasFixtures.weights()));
    boolean floats = maskType.equals("float32");
    Path saved = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 4, 5)
        .input("m", floats ? ElementType.FLOAT32 : ElementType.INT32, -1, 4, 5)
        .output("l", g -> {
          Ops tf = g.tf();
          Operand<TBool> keep = floats ? tf.math.greater(g.<TFloat32>input("m"), k(g, 0.5))
              : tf.math.greater(g.<TInt32>input("m"), tf.constant(0));
          Operand<TFloat32> x = g.input("x");
          Operand<TFloat32> y = tf.nn.softmax(tf.select(keep, x, tf.fill(tf.shape(x), k(g, -1e9))));
          return tf.select(keep, y, tf.zerosLike(y));
        })
        .export(dir.resolve("masked_tf_" + maskType));
    float[] x = LayerZooTest.random(new int[] {3, 4, 5}, 5);
    float[] mf = new float[60];
    int[] mi = new int[60];
    java.util.Random r = new java.util.Random(9);
    for (int i = 0; i < 60; i++) {
      boolean fullyMasked = i >= 5 && i < 10; // row 1 of the first batch entry
      mf[i] = fullyMasked ? 0.2f * r.nextFloat() : r.nextFloat();
      mi[i] = fullyMasked ? 0 : r.nextInt(3);
    }
    long[] shape = {3, 4, 5};
    Map<String, TensorData> in = Map.of("x", TensorData.ofFloats(shape, x).named("x"),
        "m", (floats ? TensorData.ofFloats(shape, mf) : TensorData.ofInts(shape, mi)).named("m"));
    try (TensorFlowOracle tf = TensorFlowOracle.load(saved); LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      Map<String, TensorData> reference = tf.run("serving_default", in);
      Map<String, TensorData> ours = lite.run(KerasPipeline.SIGNATURE_KEY, in);
      Closeness.Comparison c = Closeness.standard().compare(reference.get("l"), ours.get("l"));
      assertTrue(c.passed(), c.describe());
      float[] row = java.util.Arrays.copyOfRange(ours.get("l").asFloats(), 5, 10);
      assertArrayEquals(new float[5], row, "a fully masked row is all zeros");
    }
    QuantizesInEveryMode.check("masked softmax " + maskType, tflite, in);
  }

  /** A mask that is not a tensor of the model (a Keras 2 list, say) is refused, not ignored. */
  @org.junit.jupiter.api.Test
  void softmaxMaskThatIsNoTensorIsRefused() throws Exception {
    String config = """
        {"module": "keras", "class_name": "Functional", "config": {"name": "f", "layers": [
         {"class_name": "InputLayer", "name": "x", "config": {"batch_shape": [null, 4, 5], "dtype": "float32", "name": "x"}, "inbound_nodes": []},
         {"module": "keras.layers", "class_name": "Softmax", "name": "l", "config": {"name": "l", "axis": -1},
          "inbound_nodes": [{"args": [%s], "kwargs": {"mask": [[1, 0, 1, 1, 1]]}}]}],
         "input_layers": [["x", 0, 0]], "output_layers": [["l", 0, 0]]}}
        """.formatted(tensor("x", "float32"));
    Path file = KerasFixtures.keras3(dir, "mask_literal", config, KerasFixtures.weights());
    ConversionException e = assertThrows(ConversionException.class, () -> KerasHarness.convert(file));
    assertTrue(e.getMessage().contains("mask"), e.getMessage());
  }

  /** What cannot be converted is refused by name, never dropped. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{\"module\": \"my_project.acts\", \"class_name\": \"function\", \"config\": \"my_project>wiggle\", \"registered_name\": \"my_project>wiggle\"}",
      "{\"module\": \"keras.src.ops.nn\", \"class_name\": \"Gelu\", \"config\": {\"approximate\": true, \"frobnicate\": 2}}",
      "\"sparsemax\"",
      "\"threshold\"",
      "\"no_such_activation\""})
  void refusedByName(String json) throws Exception {
    Case c = of("refused", activation("x", json), 4, 5).tf((g, x, w) -> x);
    ConversionException e = assertThrows(ConversionException.class, () -> OneLayerConformance.run(c, dir));
    assertTrue(e.getMessage().contains("activation"), e.getMessage());
    assertTrue(e.getMessage().contains("'l'"), "names the layer: " + e.getMessage());
  }
}
