package io.litertj.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The benchmark's large model, written with TF Java: a TF1-style SavedModel ({@code serve},
 * signature {@code serving_default}) with about 200 MB of float weights.
 *
 * <pre>
 * x[1, 4096] -> 3 x (MatMul [4096, 4096] + BiasAdd + Relu)      (3 x 64 MiB of weights)
 *            -> Reshape [1, 64, 64, 1] -> Conv2D 3x3x1x32 SAME + BiasAdd + Relu -> y[1, 64, 64, 32]
 * </pre>
 *
 * Every weight is a {@code VariableV2} initialized by a stateless random op with a fixed seed, so
 * the graph stays small (the values live only in the checkpoint) and the bytes are the same on
 * every machine. The model is written once and reused: a marker file records the recipe version.
 */
final class MlpSavedModel {

  static final int WIDTH = 4096;
  static final int LAYERS = 3;
  static final int CONV_FILTERS = 32;

  /** Bump when the recipe changes, so cached copies are regenerated. */
  private static final String RECIPE = "mlp-3x4096-conv3x3x32-v1";
  private static final String MARKER = "BENCH_RECIPE";

  private MlpSavedModel() {}

  /** The SavedModel in {@code dir}, written first if it is missing or from another recipe. */
  static Path ensure(Path dir) throws IOException {
    Path marker = dir.resolve(MARKER);
    if (Files.isRegularFile(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(RECIPE)) {
      return dir;
    }
    Files.createDirectories(dir.getParent());
    Path staging = dir.resolveSibling(dir.getFileName() + ".partial");
    deleteTree(staging);
    long start = System.nanoTime();
    System.out.printf("generating the ~200 MB SavedModel with TF Java in %s ...%n", dir);
    export(staging);
    Files.writeString(staging.resolve(MARKER), RECIPE + "\n", StandardCharsets.UTF_8);
    deleteTree(dir);
    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    System.out.printf("generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
    return dir;
  }

  private static void export(Path dir) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(1, WIDTH)));
      Operand<TFloat32> h = x;
      for (int i = 0; i < LAYERS; i++) {
        Variable<TFloat32> w = variable(tf, "dense" + i + "_kernel", new long[] {WIDTH, WIDTH}, 100 + i,
            (float) (1.0 / Math.sqrt(WIDTH)));
        Variable<TFloat32> b = variable(tf, "dense" + i + "_bias", new long[] {WIDTH}, 200 + i, 0.1f);
        h = tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(h, w), b));
      }
      Operand<TFloat32> image = tf.reshape(h, tf.constant(new int[] {1, 64, 64, 1}));
      Variable<TFloat32> filter = variable(tf, "conv_kernel", new long[] {3, 3, 1, CONV_FILTERS}, 300, 0.3f);
      Variable<TFloat32> filterBias = variable(tf, "conv_bias", new long[] {CONV_FILTERS}, 301, 0.1f);
      Operand<TFloat32> y = tf.withName("y").nn.relu(
          tf.nn.biasAdd(tf.nn.conv2d(image, filter, List.of(1L, 1L, 1L, 1L), "SAME"), filterBias));
      session.initialize();
      SavedModelBundle.exporter(dir.toString())
          .withSession(session)
          .withSignature(Signature.builder().key(Signature.DEFAULT_KEY).input("x", x).output("y", y).build())
          .export();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the SavedModel to " + dir, e);
    }
  }

  /** A variable holding {@code scale * N(0, 1)} from a stateless generator seeded with {@code seed}. */
  private static Variable<TFloat32> variable(Ops tf, String name, long[] shape, long seed, float scale) {
    Operand<TFloat32> initial = tf.math.mul(
        tf.random.statelessRandomNormal(tf.constant(shape), tf.constant(new long[] {seed, 7})),
        tf.constant(scale));
    return tf.withName(name).variable(initial);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
