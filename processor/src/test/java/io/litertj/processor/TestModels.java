package io.litertj.processor;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** SavedModels written with real TensorFlow for the processor tests. */
final class TestModels {

  private TestModels() {}

  /**
   * A dense layer, {@code features: float32[-1, 4]} and {@code mask: int32[-1, 4]} →
   * {@code scores: float32[-1, 2]}, signature {@code serving_default}, fixed seed.
   */
  static Path dense(Path dir) throws Exception {
    if (Files.exists(dir.resolve("saved_model.pb"))) {
      return dir;
    }
    Random random = new Random(42);
    float[] w = new float[8];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> features = tf.withName("features").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
      Placeholder<TInt32> mask = tf.withName("mask").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 4)));
      Operand<TFloat32> masked = tf.math.mul(features, tf.dtypes.cast(mask, TFloat32.class));
      Operand<TFloat32> weights = tf.withName("w").variable(tf.constant(Shape.of(4, 2), DataBuffers.of(w, true, false)));
      Operand<TFloat32> scores = tf.withName("scores").linalg.matMul(masked, weights);
      try (Session session = new Session(graph)) {
        session.initialize();
        SavedModelBundle.exporter(dir.toString()).withSession(session)
            .withSignature(Signature.builder().key("serving_default").input("features", features).input("mask", mask)
                .output("scores", scores).build())
            .export();
      }
    }
    return dir;
  }

  /**
   * A Keras 3 {@code .keras} file written here (no Keras in Java saves one): {@code features:
   * float32[-1, 3]} → Dense(2), fixed weights.
   */
  static Path keras(Path file) throws Exception {
    if (Files.exists(file)) {
      return file;
    }
    String config = """
        {"module": "keras", "class_name": "Sequential", "config": {"name": "tiny", "trainable": true, "dtype": "float32",
          "layers": [
          {"module": "keras.layers", "class_name": "InputLayer",
           "config": {"batch_shape": [null, 3], "dtype": "float32", "sparse": false, "name": "features"}},
          {"module": "keras.layers", "class_name": "Dense",
           "config": {"name": "scores", "trainable": true, "dtype": "float32", "units": 2, "activation": "linear",
                      "use_bias": true}}],
          "build_input_shape": [null, 3]}}
        """;
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path weights = Files.createTempFile("weights", ".h5");
    try {
      try (io.jhdf.WritableHdfFile h5 = io.jhdf.HdfFile.write(weights)) {
        io.jhdf.api.WritableGroup vars = h5.putGroup("layers").putGroup("scores").putGroup("vars");
        vars.putAttribute("name", "scores");
        vars.putDataset("0", new float[][] {{1, 2}, {3, 4}, {5, 6}});
        vars.putDataset("1", new float[] {0.5f, -0.5f});
      }
      try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
        put(zip, "metadata.json", "{\"keras_version\": \"3.9.2\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        put(zip, "config.json", config.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        put(zip, "model.weights.h5", Files.readAllBytes(weights));
      }
    } finally {
      Files.deleteIfExists(weights);
    }
    return file;
  }

  private static void put(java.util.zip.ZipOutputStream zip, String name, byte[] data) throws java.io.IOException {
    zip.putNextEntry(new java.util.zip.ZipEntry(name));
    zip.write(data);
    zip.closeEntry();
  }

  /** The float {@code .tflite} our converter writes from a SavedModel. */
  static Path tflite(Path savedModel, Path file) {
    if (!Files.exists(file)) {
      io.litertj.LiteRtConverter.fromSavedModel(savedModel).convertTo(file);
    }
    return file;
  }
}
