package io.litertj.example;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Writes the example SavedModels with real TensorFlow (TF Java), from fixed seeds, so that the
 * repository holds no binary model and every build converts the same models.
 */
public final class ExampleModels {

  private ExampleModels() {}

  /** The example models, by folder name under {@code savedmodels/}. */
  public static final java.util.Map<String, Writer> MODELS = java.util.Map.of(
      "small_cnn", ExampleModels::writeSmallCnn,
      "mlp", ExampleModels::writeMlp);

  /** Writes one example model into a directory. */
  public interface Writer {
    void write(Path dir) throws IOException;
  }

  /**
   * Writes every example model that is missing under {@code ROOT/savedmodels/} (default
   * {@code target/examples}). The build runs this before it compiles the recipes, so the recipe
   * processor can read the models' signatures.
   */
  public static void main(String[] args) throws IOException {
    Path models = Path.of(args.length > 0 ? args[0] : "target/examples").resolve("savedmodels");
    for (var e : new java.util.TreeMap<>(MODELS).entrySet()) {
      Path dir = models.resolve(e.getKey());
      if (!java.nio.file.Files.exists(dir.resolve("saved_model.pb"))) {
        e.getValue().write(dir);
        System.out.println("wrote example SavedModel " + dir.toAbsolutePath());
      }
    }
    Path keras = models.resolveSibling("keras").resolve("tabular.keras");
    if (!java.nio.file.Files.exists(keras)) {
      KerasExampleModel.write(keras);
      System.out.println("wrote example Keras model " + keras.toAbsolutePath());
    }
  }

  /**
   * A small image classifier, 28x28x1 → 10 scores: Conv2D + BiasAdd + Relu, a depthwise conv
   * with batch norm and Relu6, max pooling, flatten, a dense layer and softmax.
   */
  public static void writeSmallCnn(Path dir) throws IOException {
    Random random = new Random(20261125L);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> image = tf.withName("image")
          .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
      Operand<TFloat32> x = tf.nn.conv2d(image, weights(tf, "conv_kernel", random, 3, 3, 1, 8), List.of(1L, 1L, 1L, 1L), "SAME");
      x = tf.nn.relu(tf.nn.biasAdd(x, weights(tf, "conv_bias", random, 8)));
      x = tf.nn.depthwiseConv2dNative(x, weights(tf, "dw_kernel", random, 3, 3, 8, 1), List.of(1L, 2L, 2L, 1L), "SAME");
      x = tf.nn.fusedBatchNorm(x, positive(tf, "bn_gamma", random, 8), weights(tf, "bn_beta", random, 8),
          weights(tf, "bn_mean", random, 8), positive(tf, "bn_variance", random, 8),
          org.tensorflow.op.nn.FusedBatchNorm.isTraining(false)).y();
      x = tf.nn.relu6(x);
      x = tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
      x = tf.reshape(x, tf.constant(new int[] {-1, 7 * 7 * 8}));
      x = tf.linalg.matMul(x, weights(tf, "dense_kernel", random, 7 * 7 * 8, 10));
      x = tf.nn.biasAdd(x, weights(tf, "dense_bias", random, 10));
      Operand<TFloat32> scores = tf.withName("scores").nn.softmax(x);
      export(graph, dir, Signature.builder().key("serving_default").input("image", image).output("scores", scores).build());
    }
  }

  /** A two-layer perceptron, 16 → 32 (tanh) → 4, the shape of a small tabular model. */
  public static void writeMlp(Path dir) throws IOException {
    writeMlp(dir, 7L);
  }

  /** The perceptron with weights drawn from another seed: the same model "retrained". */
  public static void writeMlp(Path dir, long seed) throws IOException {
    Random random = new Random(seed);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> features = tf.withName("features")
          .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 16)));
      Operand<TFloat32> h = tf.math.tanh(tf.nn.biasAdd(tf.linalg.matMul(features, weights(tf, "l1_kernel", random, 16, 32)),
          weights(tf, "l1_bias", random, 32)));
      Operand<TFloat32> out = tf.withName("logits").nn.biasAdd(
          tf.linalg.matMul(h, weights(tf, "l2_kernel", random, 32, 4)), weights(tf, "l2_bias", random, 4));
      export(graph, dir, Signature.builder().key("serving_default").input("features", features).output("logits", out).build());
    }
  }

  private static void export(Graph graph, Path dir, Signature signature) throws IOException {
    try (Session session = new Session(graph)) {
      session.initialize();
      SavedModelBundle.exporter(dir.toString()).withSession(session).withSignature(signature).export();
    }
  }

  private static Variable<TFloat32> weights(Ops tf, String name, Random random, int... dims) {
    return variable(tf, name, random, false, dims);
  }

  private static Variable<TFloat32> positive(Ops tf, String name, Random random, int... dims) {
    return variable(tf, name, random, true, dims);
  }

  private static Variable<TFloat32> variable(Ops tf, String name, Random random, boolean positive, int... dims) {
    long count = 1;
    long[] shape = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      count *= dims[i];
      shape[i] = dims[i];
    }
    float[] values = new float[(int) count];
    float scale = (float) Math.sqrt(2.0 / Math.max(1, count / dims[dims.length - 1]));
    for (int i = 0; i < values.length; i++) {
      values[i] = positive ? 0.5f + random.nextFloat() : (float) random.nextGaussian() * scale;
    }
    return tf.withName(name).variable(tf.constant(Shape.of(shape), DataBuffers.of(values, true, false)));
  }
}
