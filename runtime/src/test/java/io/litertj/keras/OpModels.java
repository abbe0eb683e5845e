package io.litertj.keras;

import io.litertj.legalize.shape.Graphs;
import io.litertj.testing.Closeness;
import io.litertj.testing.ElementType;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorFlowOracle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
import org.tensorflow.proto.DataType;

/**
 * Keras 3 functional models made of operation nodes, written here as Keras writes them
 * ({@code {"module": "keras.src.ops.numpy", "class_name": "Add", "inbound_nodes": [{"args": [...]}]}}),
 * and checked against an independent reference: a TF Java graph computing what Keras's TensorFlow
 * backend computes for those ops. Both run on the same seeded inputs (dynamic batch fed as 3), in
 * real TensorFlow and real LiteRT; then the conversion is quantized in every mode.
 */
final class OpModels {

  private OpModels() {}

  /** A model input; the first dimension (-1) is the batch. */
  record Input(String name, ElementType type, long... shape) {}

  static Input in(String name, ElementType type, long... shape) {
    return new Input(name, type, shape);
  }

  /**
   * One case: the model's inputs, its op nodes (JSON), the layers whose outputs it returns
   * ({@code "name"} or {@code "name:1"} for a second output), and the reference graph, whose
   * outputs carry the names our conversion gives them (the layer name; a repeated name gets _1).
   */
  record Case(String name, List<Input> inputs, List<String> nodes, List<String> outputs,
      Function<Tf, Map<String, Operand<?>>> reference, UnaryOperator<RandomInputs> random, Map<String, TensorData> fixed) {

    Case inputs(UnaryOperator<RandomInputs> adjust) {
      return new Case(name, inputs, nodes, outputs, reference, adjust, fixed);
    }

    /** Feeds these inputs instead of random ones. */
    Case fixed(Map<String, TensorData> values) {
      return new Case(name, inputs, nodes, outputs, reference, random, values);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Case of(String name, List<Input> inputs, List<String> nodes, List<String> outputs,
      Function<Tf, Map<String, Operand<?>>> reference) {
    return new Case(name, inputs, nodes, outputs, reference, r -> r, null);
  }

  // ---- Keras JSON

  /** A reference to output {@code index} of a layer's first call. */
  static String t(String layer, int index) {
    return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": null, \"dtype\": null, \"keras_history\": [\""
        + layer + "\", 0, " + index + "]}}";
  }

  static String t(String layer) {
    return t(layer, 0);
  }

  /** A {@code __tensor__} constant as Keras writes a concrete tensor operand. */
  static String tensor(String dtype, String value) {
    return "{\"class_name\": \"__tensor__\", \"config\": {\"value\": " + value + ", \"dtype\": \"" + dtype + "\"}}";
  }

  /** A Python slice. */
  static String slice(Object start, Object stop, Object step) {
    return "{\"class_name\": \"__slice__\", \"config\": {\"start\": " + start + ", \"stop\": " + stop + ", \"step\": "
        + step + "}}";
  }

  static final String ELLIPSIS = "{\"class_name\": \"__ellipsis__\", \"config\": {}}";

  /** An operation node: class, module, layer name, extra config fields, the call's args and kwargs. */
  static String node(String module, String cls, String name, String config, String args, String kwargs) {
    return "{\"module\": \"" + module + "\", \"class_name\": \"" + cls + "\", \"config\": {\"name\": \"" + name + "\""
        + (config.isEmpty() ? "" : ", " + config) + "}, \"registered_name\": null, \"name\": \"" + name
        + "\", \"inbound_nodes\": [{\"args\": [" + args + "], \"kwargs\": {" + kwargs + "}}]}";
  }

  static String np(String cls, String name, String config, String args) {
    return node("keras.src.ops.numpy", cls, name, config, args, "");
  }

  static String nn(String cls, String name, String config, String args) {
    return node("keras.src.ops.nn", cls, name, config, args, "");
  }

  static String core(String cls, String name, String config, String args) {
    return node("keras.src.ops.core", cls, name, config, args, "");
  }

  static String math(String cls, String name, String config, String args) {
    return node("keras.src.ops.math", cls, name, config, args, "");
  }

  /** The Functional model config. */
  static String functional(List<Input> inputs, List<String> nodes, List<String> outputs) {
    List<String> layers = new ArrayList<>();
    for (Input in : inputs) {
      String shape = Arrays.stream(in.shape()).mapToObj(d -> d < 0 ? "null" : Long.toString(d))
          .collect(Collectors.joining(", ", "[", "]"));
      layers.add("{\"class_name\": \"InputLayer\", \"name\": \"" + in.name() + "\", \"config\": {\"batch_shape\": "
          + shape + ", \"dtype\": \"" + in.type().name().toLowerCase() + "\", \"name\": \"" + in.name()
          + "\"}, \"inbound_nodes\": []}");
    }
    layers.addAll(nodes);
    String ins = inputs.stream().map(i -> "[\"" + i.name() + "\", 0, 0]").collect(Collectors.joining(", "));
    String outs = outputs.stream().map(o -> {
      String[] p = o.split(":");
      return "[\"" + p[0] + "\", 0, " + (p.length > 1 ? p[1] : "0") + "]";
    }).collect(Collectors.joining(", "));
    return "{\"module\": \"keras\", \"class_name\": \"Functional\", \"config\": {\"name\": \"ops\", \"layers\": ["
        + String.join(",\n", layers) + "], \"input_layers\": [" + ins + "], \"output_layers\": [" + outs + "]}}";
  }

  /** Writes the case's {@code .keras} file (no weights: operation nodes have none). */
  static Path write(Case c, Path dir) {
    try {
      Files.createDirectories(dir);
      return KerasFixtures.keras3(dir, c.name(), functional(c.inputs(), c.nodes(), c.outputs()),
          KerasFixtures.weights());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- running

  static void run(Case c, Path dir) {
    byte[] tflite = KerasHarness.convert(write(c, dir));
    SavedModels.Builder b = SavedModels.builder();
    for (Input in : c.inputs()) {
      b.input(in.name(), in.type(), in.shape());
    }
    b.outputs(g -> c.reference().apply(new Tf(g)));
    Path saved = b.export(dir.resolve("reference"));
    Map<String, TensorData> inputs;
    try (TensorFlowOracle tf = TensorFlowOracle.load(saved); LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      inputs = c.fixed() != null ? c.fixed()
          : c.random().apply(RandomInputs.seeded(20261205).batch(3)).forSignature(tf.signature("serving_default"));
      Map<String, TensorData> reference = tf.run("serving_default", inputs);
      Map<String, TensorData> ours = lite.run(KerasPipeline.SIGNATURE_KEY, inputs);
      Closeness.standard().assertAllClose(reference, ours);
    }
    QuantizesInEveryMode.check(c.name(), tflite, inputs);
  }

  // ---- the reference graph

  /** Builds the reference with raw TF ops, named as TensorFlow names them. */
  static final class Tf {
    final SavedModels.Context g;

    Tf(SavedModels.Context g) {
      this.g = g;
    }

    Operand<?> in(String name) {
      return g.input(name);
    }

    Operand<?> op(String type, Object... inputs) {
      return Graphs.raw(g, type, List.of(inputs), b -> {});
    }

    Operand<?> op(String type, Consumer<OperationBuilder> attrs, Object... inputs) {
      return Graphs.raw(g, type, List.of(inputs), attrs);
    }

    Graphs.InputList list(Operand<?>... values) {
      return Graphs.list(values);
    }

    Operand<?> f(float v) {
      return g.tf().constant(v);
    }

    Operand<?> f(float... v) {
      return g.tf().constant(v);
    }

    Operand<?> f(float[][] v) {
      return g.tf().constant(v);
    }

    Operand<?> i(int v) {
      return g.tf().constant(v);
    }

    Operand<?> i(int... v) {
      return g.tf().constant(v);
    }

    Operand<?> i(int[][] v) {
      return g.tf().constant(v);
    }

    Operand<?> b(boolean v) {
      return g.tf().constant(v);
    }

    Operand<?> cast(Operand<?> x, DataType to) {
      return op("Cast", b -> b.setAttr("DstT", to), x);
    }

    Operand<?> reduce(String type, Operand<?> x, boolean keepDims, int... axes) {
      return op(type, b -> b.setAttr("keep_dims", keepDims), x, i(axes));
    }
  }

  /** The reference's outputs, in order: name, operand, name, operand, ... */
  static Map<String, Operand<?>> outs(Object... pairs) {
    Map<String, Operand<?>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Operand<?>) pairs[i + 1]);
    }
    return m;
  }
}
