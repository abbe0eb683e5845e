package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Subgraph;
import io.litertj.tflite.TfliteWriter;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Functional graphs (shared layers, nested models, several inputs and outputs) from files written here. */
class KerasGraphTest {

  @TempDir
  Path dir;

  static final float[][] SHARED_K = {{0.5f, -1f}, {0.25f, 0.75f}, {-0.5f, 1.5f}};
  static final float[] SHARED_B = {0.1f, -0.2f};
  static final float[][] INNER_K = {{1f, 2f}, {-3f, 0.5f}};
  static final float[] INNER_B = {0.01f, 0.02f};

  private static String kt(String layer, int node) {
    return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 2], \"dtype\": \"float32\","
        + " \"keras_history\": [\"" + layer + "\", " + node + ", 0]}}";
  }

  static final String FUNCTIONAL = """
      {"module": "keras", "class_name": "Functional", "config": {"name": "f", "layers": [
       {"class_name": "InputLayer", "name": "a", "config": {"batch_shape": [null, 3], "dtype": "float32", "name": "a"}, "inbound_nodes": []},
       {"class_name": "InputLayer", "name": "b", "config": {"batch_shape": [null, 3], "dtype": "float32", "name": "b"}, "inbound_nodes": []},
       {"class_name": "Dense", "name": "shared", "config": {"name": "shared", "units": 2, "activation": "relu", "use_bias": true},
        "inbound_nodes": [{"args": [%s], "kwargs": {}}, {"args": [%s], "kwargs": {}}]},
       {"class_name": "Sequential", "name": "inner", "config": {"name": "inner", "layers": [
          {"class_name": "InputLayer", "config": {"batch_shape": [null, 2], "dtype": "float32", "name": "inner_in"}},
          {"class_name": "Dense", "config": {"name": "inner_dense", "units": 2, "activation": "linear", "use_bias": true}}]},
        "inbound_nodes": [{"args": [%s], "kwargs": {}}]},
       {"class_name": "Concatenate", "name": "concat", "config": {"name": "concat", "axis": -1},
        "inbound_nodes": [{"args": [[%s, %s]], "kwargs": {}}]},
       {"class_name": "Subtract", "name": "diff", "config": {"name": "diff"},
        "inbound_nodes": [{"args": [[%s, %s]], "kwargs": {}}]}],
       "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [["concat", 0, 0], ["diff", 0, 0]]}}
      """.formatted(kt("a", 0), kt("b", 0), kt("shared", 0), kt("inner", 0), kt("shared", 1), kt("shared", 0),
      kt("shared", 1));

  @Test
  void functionalWithSharedLayerNestedModelAndTwoOutputs() throws Exception {
    var w = KerasFixtures.weights();
    w.put("shared", List.of(SHARED_K, SHARED_B));
    w.put("inner_dense", List.of(INNER_K, INNER_B));
    Path file = KerasFixtures.keras3(dir, "functional", FUNCTIONAL, w);
    LiteRtModel model = KerasPipeline.run(file);
    Subgraph g = model.subgraphs().get(0);
    assertEquals("serving_default", g.name());
    assertEquals(List.of("a", "b"), List.copyOf(g.inputs().keySet()));
    assertEquals(List.of("concat", "diff"), List.copyOf(g.outputs().keySet()));

    float[] a = {1f, 2f, 3f, -1f, 0.5f, 2f};
    float[] b = {0f, -1f, 1f, 2f, 2f, -2f};
    try (LiteRtOracle lite = LiteRtOracle.load(new TfliteWriter().toBytes(model))) {
      Map<String, TensorData> out = lite.run("serving_default", Map.of(
          "a", TensorData.ofFloats(new long[] {2, 3}, a).named("a"),
          "b", TensorData.ofFloats(new long[] {2, 3}, b).named("b")));
      float[] concat = new float[8];
      float[] diff = new float[4];
      for (int r = 0; r < 2; r++) {
        float[] sa = ReferenceMath.relu(ReferenceMath.dense(row(a, r), SHARED_K, SHARED_B));
        float[] sb = ReferenceMath.relu(ReferenceMath.dense(row(b, r), SHARED_K, SHARED_B));
        float[] in = ReferenceMath.dense(sa, INNER_K, INNER_B);
        System.arraycopy(in, 0, concat, r * 4, 2);
        System.arraycopy(sb, 0, concat, r * 4 + 2, 2);
        diff[r * 2] = sa[0] - sb[0];
        diff[r * 2 + 1] = sa[1] - sb[1];
      }
      assertArrayEquals(concat, out.get("concat").asFloats(), 1e-5f);
      assertArrayEquals(diff, out.get("diff").asFloats(), 1e-5f);
    }
  }

  @Test
  void legacySequentialH5() throws Exception {
    String config = """
        {"class_name": "Sequential", "config": [
          {"class_name": "Dense", "config": {"name": "d1", "units": 2, "activation": "tanh", "use_bias": true,
            "batch_input_shape": [null, 3], "dtype": "float32"}},
          {"class_name": "Dropout", "config": {"name": "drop", "rate": 0.5}},
          {"class_name": "Dense", "config": {"name": "d2", "units": 2, "activation": "softmax", "use_bias": true}}]}
        """;
    var w = KerasFixtures.weights();
    w.put("d1", List.of(SHARED_K, SHARED_B));
    w.put("drop", List.of());
    w.put("d2", List.of(INNER_K, INNER_B));
    Path file = KerasFixtures.legacyH5(dir, "seq", config, w,
        Map.of("d1", List.of("kernel:0", "bias:0"), "drop", List.of(), "d2", List.of("kernel:0", "bias:0")));
    LiteRtModel model = KerasPipeline.run(file);
    assertEquals(List.of("d1_input"), List.copyOf(model.subgraphs().get(0).inputs().keySet()));
    assertEquals(List.of("FULLY_CONNECTED", "TANH", "FULLY_CONNECTED", "SOFTMAX"), KerasHarness.ops(model));
    float[] x = {1f, -2f, 0.5f};
    try (LiteRtOracle lite = LiteRtOracle.load(new TfliteWriter().toBytes(model))) {
      float[] ours = lite.run("serving_default", Map.of("d1_input", TensorData.ofFloats(new long[] {1, 3}, x)
          .named("d1_input"))).get("d2").asFloats();
      float[] expected = ReferenceMath.softmax(ReferenceMath.dense(
          ReferenceMath.tanh(ReferenceMath.dense(x, SHARED_K, SHARED_B)), INNER_K, INNER_B));
      assertArrayEquals(expected, ours, 1e-6f);
    }
  }

  @Test
  void keras3WeightsFoundByObjectPathWhenGroupsAreUnnamed() throws Exception {
    String config = """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "InputLayer", "config": {"batch_shape": [null, 3], "dtype": "float32", "name": "x"}},
          {"class_name": "Dense", "config": {"name": "first", "units": 2, "activation": "relu"}},
          {"class_name": "Dense", "config": {"name": "second", "units": 2, "activation": "linear"}}]}}
        """;
    var w = KerasFixtures.weights();
    w.put("dense", List.of(SHARED_K, SHARED_B));
    w.put("dense_1", List.of(INNER_K, INNER_B));
    LiteRtModel model = KerasPipeline.run(KerasFixtures.keras3(dir, "unnamed", config, w, false));
    float[] x = {1f, -2f, 0.5f};
    try (LiteRtOracle lite = LiteRtOracle.load(new TfliteWriter().toBytes(model))) {
      float[] ours = lite.run("serving_default", Map.of("x", TensorData.ofFloats(new long[] {1, 3}, x).named("x")))
          .get("second").asFloats();
      float[] expected = ReferenceMath.dense(ReferenceMath.relu(ReferenceMath.dense(x, SHARED_K, SHARED_B)), INNER_K, INNER_B);
      assertArrayEquals(expected, ours, 1e-6f);
    }
  }

  private static float[] row(float[] m, int r) {
    return java.util.Arrays.copyOfRange(m, r * 3, r * 3 + 3);
  }
}
