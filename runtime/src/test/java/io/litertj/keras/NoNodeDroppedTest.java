package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every layer class and operation node the Keras reader knows, and unknown ones, either becomes
 * operators or is refused by name: no node, and no argument of a call, is dropped silently.
 */
class NoNodeDroppedTest {

  /** Layers whose inference result is their input: the only ones allowed to emit nothing. */
  private static final Set<String> IDENTITY_AT_INFERENCE = Set.of("Dropout", "SpatialDropout1D", "SpatialDropout2D",
      "SpatialDropout3D", "GaussianDropout", "GaussianNoise", "AlphaDropout", "ActivityRegularization", "Identity",
      "Masking", "InputLayer",
      // a merge of a list of one tensor is that tensor (Keras 3 accepts such a list)
      "Add", "Multiply", "Maximum", "Minimum", "Concatenate");

  @TempDir
  Path dir;

  @TestFactory
  Stream<DynamicTest> everyKnownLayerBecomesOperatorsOrIsRefusedByName() {
    LayerTable table = LayerTable.standard();
    List<DynamicTest> tests = new ArrayList<>();
    for (String cls : new TreeSet<>(table.classNames())) {
      tests.add(DynamicTest.dynamicTest(cls, () -> probe(cls, "keras.layers", "[" + tensor("x") + "]")));
    }
    for (String cls : new TreeSet<>(table.operationNames())) {
      tests.add(DynamicTest.dynamicTest("operation " + cls,
          () -> probe(cls, "keras.src.ops.numpy", "[" + tensor("x") + ", 2.0]")));
    }
    return tests.stream();
  }

  @Test
  void unknownClassesAreRefusedByNameAndKind() {
    assertRefused("Frobnicate", "my_package.layers", "[" + tensor("x") + "]", "Frobnicate", "Custom layers");
    assertRefused("Frobnicate", "keras.layers", "[" + tensor("x") + "]", "Frobnicate", "built-in");
    assertRefused("Fft2", "keras.src.ops.math", "[" + tensor("x") + "]", "operation Fft2 (module keras.src.ops.math)",
        "is not supported");
    assertRefused("Frobnicate", "keras.src.ops.numpy", "[" + tensor("x") + ", 3.0]", "operation Frobnicate", "module");
  }

  @Test
  void aTensorArgumentNoConverterReadsIsRefusedByName() {
    ConversionException e = assertThrows(ConversionException.class,
        () -> convert(node("ReLU", "keras.layers", "[" + tensor("x") + "]", "{\"frobnicate_mask\": " + tensor("x") + "}")));
    assertTrue(e.getMessage().contains("frobnicate_mask") && e.getMessage().contains("probe"), e.getMessage());
  }

  @Test
  void aLiteralArgumentNoConverterReadsIsRefusedByName() {
    ConversionException e = assertThrows(ConversionException.class,
        () -> convert(node("ReLU", "keras.layers", "[" + tensor("x") + ", 3.0]", "{}")));
    assertTrue(e.getMessage().contains("3.0") && e.getMessage().contains("probe"), e.getMessage());
    ConversionException kw = assertThrows(ConversionException.class,
        () -> convert(node("ReLU", "keras.layers", "[" + tensor("x") + "]", "{\"scale\": 0.5}")));
    assertTrue(kw.getMessage().contains("scale=0.5"), kw.getMessage());
  }

  @Test
  void inferenceNeutralArgumentsAreAccepted() throws Exception {
    LiteRtModel m = convert(node("ReLU", "keras.layers", "[" + tensor("x") + "]",
        "{\"training\": false, \"mask\": null, \"verbose\": false}"));
    assertFalse(m.subgraphs().get(0).operators().isEmpty());
    // training=True keeps dropout and noise layers active at inference: not ours to ignore.
    ConversionException e = assertThrows(ConversionException.class,
        () -> convert(node("Dropout", "keras.layers", "[" + tensor("x") + "]", "{\"training\": true}")));
    assertTrue(e.getMessage().contains("training=true"), e.getMessage());
  }

  @Test
  void anImplicitMaskIsRefused() {
    String config = node("Embedding", "keras.layers", "[" + tensor("x") + "]", "{}")
        .replace("\"config\": {\"name\": \"probe\"}",
            "\"config\": {\"name\": \"probe\", \"input_dim\": 4, \"output_dim\": 2, \"mask_zero\": true}");
    ConversionException e = assertThrows(ConversionException.class, () -> convert(config));
    assertTrue(e.getMessage().contains("mask_zero") && e.getMessage().contains("probe"), e.getMessage());
  }

  @Test
  void keras2KeywordTensorsAreSeenToo() {
    String config = """
        {"class_name": "Functional", "config": {"name": "m",
          "layers": [
            {"class_name": "InputLayer", "name": "x", "config": {"batch_input_shape": [null, 6], "dtype": "float32", "name": "x"}, "inbound_nodes": []},
            {"class_name": "ReLU", "name": "probe", "config": {"name": "probe"}, "inbound_nodes": [[["x", 0, 0, {"mask": ["x", 0, 0]}]]]}],
          "input_layers": [["x", 0, 0]], "output_layers": [["probe", 0, 0]]}}
        """;
    ConversionException e = assertThrows(ConversionException.class, () -> convertConfig(config));
    assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("probe"), e.getMessage());
  }

  /** Converts a one-node model; it must emit operators (or be an identity layer) or be refused by name. */
  private void probe(String cls, String module, String args) throws Exception {
    LiteRtModel model;
    try {
      model = convert(node(cls, module, args, "{}"));
    } catch (ConversionException e) {
      assertTrue(e.node().orElse("").contains("probe") || e.getMessage().contains("probe"),
          cls + ": refused without naming the node: " + e.getMessage());
      assertFalse(e.getMessage().matches("(?s).*\\bjava\\.[a-z]+\\.\\w+(Exception|Error)\\b.*"),
          cls + ": the message names a JDK exception: " + e.getMessage());
      return;
    }
    Subgraph g = model.subgraphs().get(0);
    Tensor out = g.outputs().values().iterator().next();
    Tensor in = g.inputs().values().iterator().next();
    if (g.operators().isEmpty() || out == in) {
      assertTrue(IDENTITY_AT_INFERENCE.contains(cls), cls + " converted to no operators: a dropped node");
    }
  }

  private void assertRefused(String cls, String module, String args, String... fragments) {
    ConversionException e = assertThrows(ConversionException.class, () -> convert(node(cls, module, args, "{}")));
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
    }
  }

  private static String tensor(String layer) {
    return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 6, 6, 4], \"dtype\": \"float32\", "
        + "\"keras_history\": [\"" + layer + "\", 0, 0]}}";
  }

  /** A Keras 3 functional model: input x [-1, 6, 6, 4], then one node "probe" called with these arguments. */
  private static String node(String cls, String module, String args, String kwargs) {
    return """
        {"module": "keras.src.models.functional", "class_name": "Functional", "config": {"name": "m",
          "layers": [
            {"module": "keras.layers", "class_name": "InputLayer", "name": "x",
             "config": {"batch_shape": [null, 6, 6, 4], "dtype": "float32", "name": "x"}, "inbound_nodes": []},
            {"module": "%s", "class_name": "%s", "name": "probe", "config": {"name": "probe"},
             "inbound_nodes": [{"args": %s, "kwargs": %s}]}],
          "input_layers": [["x", 0, 0]], "output_layers": [["probe", 0, 0]]}}
        """.formatted(module, cls, args, kwargs);
  }

  private LiteRtModel convert(String config) throws Exception {
    return convertConfig(config);
  }

  private LiteRtModel convertConfig(String config) throws Exception {
    Path file = KerasFixtures.keras3(dir, "m" + System.nanoTime(), config, KerasFixtures.weights());
    return KerasPipeline.run(file);
  }
}
