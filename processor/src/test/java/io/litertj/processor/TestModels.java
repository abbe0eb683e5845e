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
}
