package io.litertj.checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** Writes checkpoints with real TensorFlow: the SaveV2 and MergeV2Checkpoints kernels. */
final class TfCheckpoints {

  private TfCheckpoints() {}

  /** Tensors to save, built in the graph that saves them. */
  static final class Tensors {
    final Ops tf;
    final List<String> names = new ArrayList<>();
    final List<String> slices = new ArrayList<>();
    final List<Operand<?>> values = new ArrayList<>();

    Tensors(Ops tf) {
      this.tf = tf;
    }

    Tensors add(String name, Operand<?> value) {
      return addSlice(name, "", value);
    }

    /** A slice of a partitioned variable, e.g. spec {@code "4 2 0,2:-"} for rows 0-1 of a 4x2 variable. */
    Tensors addSlice(String name, String spec, Operand<?> value) {
      names.add(name);
      slices.add(spec);
      values.add(value);
      return this;
    }
  }

  /** Runs one SaveV2 op writing {@code <prefix>.index} and {@code <prefix>.data-00000-of-00001}. */
  static void save(Path prefix, Consumer<Tensors> build) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Tensors tensors = new Tensors(tf);
      build.accept(tensors);
      session.run(tf.train.save(tf.constant(prefix.toString()), tf.array(tensors.names.toArray(String[]::new)),
          tf.array(tensors.slices.toArray(String[]::new)), tensors.values));
    }
  }

  /** Merges single-shard checkpoints into one checkpoint with one shard per input, as sharded saves do. */
  static void merge(List<Path> parts, Path prefix) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      String[] inputs = parts.stream().map(Path::toString).toArray(String[]::new);
      session.run(tf.train.mergeV2Checkpoints(tf.array(inputs), tf.constant(prefix.toString())));
    }
  }
}
