package io.litertj.large;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel with more float weights than a flatbuffer can hold, written by TF Java: three
 * {@code VariableV2}s of {@code k * n} floats each (each under 2 GB, together over 2 GB) and three
 * MatMuls of one input by them.
 *
 * <pre>
 * x[1, k] -> a = x · w0          (w0 [k, n]: the converter transposes it lazily to [n, k])
 *         -> b = x · w1          (w1 [k, n]: likewise)
 *         -> c = x · w2^T        (w2 [n, k], transpose_b: written as stored, straight from the map)
 * </pre>
 *
 * The values come from a stateless random op with fixed seeds, scaled by 1/sqrt(k) so outputs stay
 * near 1; they live only in the checkpoint, which TensorFlow writes from its own memory (the Java
 * heap never holds them).
 */
final class LargeSavedModel {

  static final String SIGNATURE = Signature.DEFAULT_KEY;

  private LargeSavedModel() {}

  static Path export(Path dir, int k, int n) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, k)));
      float scale = (float) (1 / Math.sqrt(k));
      Variable<TFloat32> w0 = variable(tf, "w0", k, n, 11, scale);
      Variable<TFloat32> w1 = variable(tf, "w1", k, n, 12, scale);
      Variable<TFloat32> w2 = variable(tf, "w2", n, k, 13, scale);
      Operand<TFloat32> a = tf.withName("a").linalg.matMul(x, w0);
      Operand<TFloat32> b = tf.withName("b").linalg.matMul(x, w1);
      Operand<TFloat32> c = tf.withName("c").linalg.matMul(x, w2, MatMul.transposeB(true));
      session.initialize();
      SavedModelBundle.exporter(dir.toString())
          .withSession(session)
          .withSignature(Signature.builder().key(SIGNATURE).input("x", x).output("a", a).output("b", b).output("c", c)
              .build())
          .export();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the SavedModel to " + dir, e);
    }
    return dir;
  }

  private static Variable<TFloat32> variable(Ops tf, String name, int rows, int cols, long seed, float scale) {
    Operand<TFloat32> initial = tf.math.mul(
        tf.random.statelessRandomNormal(tf.constant(new long[] {rows, cols}), tf.constant(new long[] {seed, 3})),
        tf.constant(scale));
    return tf.withName(name).variable(initial);
  }

  /** Bytes of the checkpoint's data files: the weights. */
  static long weightBytes(Path savedModel) throws IOException {
    try (var files = java.nio.file.Files.list(savedModel.resolve("variables"))) {
      long total = 0;
      for (Path f : files.filter(p -> p.getFileName().toString().contains(".data-")).toList()) {
        total += java.nio.file.Files.size(f);
      }
      return total;
    }
  }

  static List<String> outputs() {
    return List.of("a", "b", "c");
  }
}
