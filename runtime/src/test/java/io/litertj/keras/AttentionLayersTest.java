package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.litertj.ConversionException;
import io.litertj.keras.KerasAttentionReference.Mha;
import io.litertj.keras.KerasAttentionReference.Out;
import io.litertj.testing.Closeness;
import io.litertj.testing.ElementType;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorFlowOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MultiHeadAttention, Attention and AdditiveAttention in Keras files written here (Keras 3
 * {@code .keras} and tf.keras 2 {@code .h5}), converted and run in LiteRT, against the same layers
 * written out in TensorFlow ops ({@link KerasAttentionReference}) and run in real TensorFlow with
 * the same weights and inputs. Every converted model is also quantized in every mode.
 */
class AttentionLayersTest {

  private static final Logger LOG = Logger.getLogger(AttentionLayersTest.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 2;

  @TempDir
  Path dir;

  // ---------------------------------------------------------------- MultiHeadAttention

  @Test
  void selfAttentionWithBiases() throws Exception {
    Case c = new Case("mha_self").input("q", 5, 8);
    Mha m = mha(c, 2, 4, 0, true, null, false, 8, 8, 8);
    m.fused = true;
    c.layer("MultiHeadAttention", "mha", mhaConfig(m, true, null, null), args(c.ref("q"), c.ref("q")), kwargs());
    c.reference(g -> Map.of("mha", KerasAttentionReference.multiHeadAttention(g.tf(), g::constant, m, in(g, "q"),
        in(g, "q"), in(g, "q"), null, false).output()));
    c.check();
  }

  @Test
  void crossAttentionWithKeyAndFloatMaskWithoutBiases() throws Exception {
    Case c = new Case("mha_cross").input("q", 4, 6).input("v", 7, 5).input("k", 7, 3).mask("m", ElementType.FLOAT32,
        4, 7);
    Mha m = mha(c, 3, 2, 4, false, new int[] {5}, false, 6, 5, 3);
    m.fused = true;
    c.layer("MultiHeadAttention", "mha", mhaConfig(m, false, JsonNodeFactory.instance.numberNode(5), null),
        args(c.ref("q"), c.ref("v"), c.ref("k")), kwargs("attention_mask", c.ref("m")));
    c.reference(g -> Map.of("mha", KerasAttentionReference.multiHeadAttention(g.tf(), g::constant, m, in(g, "q"),
        in(g, "v"), in(g, "k"), KerasAttentionReference.keep(g.tf(), g.input("m")), false).output()));
    c.check();
  }

  @Test
  void causalWithIntegerMaskAndOutputShapeList() throws Exception {
    Case c = new Case("mha_causal").input("q", 6, 8).mask("m", ElementType.INT32, 6, 6);
    Mha m = mha(c, 2, 3, 0, true, new int[] {2, 3}, false, 8, 8, 8);
    m.fused = true;
    c.layer("MultiHeadAttention", "mha", mhaConfig(m, true, ints(2, 3), null), args(c.ref("q"), c.ref("q")),
        kwargs("attention_mask", c.ref("m"), "use_causal_mask", true));
    c.reference(g -> Map.of("mha", KerasAttentionReference.multiHeadAttention(g.tf(), g::constant, m, in(g, "q"),
        in(g, "q"), in(g, "q"), KerasAttentionReference.keep(g.tf(), g.input("m")), true).output()));
    c.check();
  }

  @Test
  void keywordTensorsAndAttentionScores() throws Exception {
    Case c = new Case("mha_scores").input("q", 4, 6).input("v", 5, 6).mask("m", ElementType.FLOAT32, 4, 5);
    Mha m = mha(c, 2, 3, 0, true, null, false, 6, 6, 6);
    c.layer("MultiHeadAttention", "mha", mhaConfig(m, true, null, null), JsonNodeFactory.instance.arrayNode(),
        kwargs("query", c.ref("q"), "value", c.ref("v"), "attention_mask", c.ref("m"), "return_attention_scores", true));
    c.outputs("mha:0", "mha:1");
    c.reference(g -> {
      Out o = KerasAttentionReference.multiHeadAttention(g.tf(), g::constant, m, in(g, "q"), in(g, "v"), in(g, "v"),
          KerasAttentionReference.keep(g.tf(), g.input("m")), false);
      return Map.of("mha", o.output(), "mha_1", o.scores());
    });
    c.check();
  }

  @Test
  void rank4InputsAttendOverBothPositionAxesByDefault() throws Exception {
    Case c = new Case("mha_image").input("q", 3, 4, 6).mask("m", ElementType.FLOAT32, 3, 4, 3, 4);
    Mha m = mha(c, 2, 3, 0, true, null, false, 6, 6, 6);
    c.layer("MultiHeadAttention", "mha", mhaConfig(m, true, null, null), args(c.ref("q"), c.ref("q")),
        kwargs("attention_mask", c.ref("m")));
    c.reference(g -> Map.of("mha", KerasAttentionReference.multiHeadAttention(g.tf(), g::constant, m, in(g, "q"),
        in(g, "q"), in(g, "q"), KerasAttentionReference.keep(g.tf(), g.input("m")), false).output()));
    c.check();
  }

  @Test
  void rank4InputsAttendOverOneNegativeAxis() throws Exception {
    Case c = new Case("mha_axis").input("q", 3, 4, 6).input("v", 3, 5, 6).mask("m", ElementType.FLOAT32, 4, 5);
    Mha m = mha(c, 2, 3, 2, true, null, false, 6, 6, 6);
    m.attentionAxes = new int[] {-2};
    c.layer("MultiHeadAttention", "mha", mhaConfig(m, true, null, JsonNodeFactory.instance.numberNode(-2)),
        args(c.ref("q"), c.ref("v")), kwargs("attention_mask", c.ref("m")));
    c.reference(g -> Map.of("mha", KerasAttentionReference.multiHeadAttention(g.tf(), g::constant, m, in(g, "q"),
        in(g, "v"), in(g, "v"), KerasAttentionReference.keep(g.tf(), g.input("m")), false).output()));
    c.check();
  }

  @Test
  void gatedWithDropoutSlidingWindowAndCausalMask() throws Exception {
    Case c = new Case("mha_gate").input("q", 5, 4).mask("m", ElementType.FLOAT32, 5, 5);
    Mha m = mha(c, 2, 2, 0, true, null, true, 4, 4, 4);
    m.slidingWindow = 2;
    ObjectNode config = mhaConfig(m, true, null, null);
    config.put("dropout", 0.1);
    config.put("use_gate", true);
    config.put("sliding_window", 2);
    c.layer("MultiHeadAttention", "mha", config, args(c.ref("q"), c.ref("q")),
        kwargs("attention_mask", c.ref("m"), "use_causal_mask", true));
    c.reference(g -> Map.of("mha", KerasAttentionReference.multiHeadAttention(g.tf(), g::constant, m, in(g, "q"),
        in(g, "q"), in(g, "q"), KerasAttentionReference.keep(g.tf(), g.input("m")), true).output()));
    c.check();
  }

  @Test
  void keras3H5FileWithKeyAndMask() throws Exception {
    Case c = new Case("mha_keras3_h5").input("q", 4, 6).input("v", 5, 4).mask("m", ElementType.FLOAT32, 4, 5);
    c.keras3H5 = true;
    Mha m = mha(c, 2, 3, 0, true, null, false, 6, 4, 4);
    m.fused = true;
    c.layer("MultiHeadAttention", "mha", mhaConfig(m, true, null, null), args(c.ref("q"), c.ref("v"), c.ref("v")),
        kwargs("attention_mask", c.ref("m")));
    c.reference(g -> Map.of("mha", KerasAttentionReference.multiHeadAttention(g.tf(), g::constant, m, in(g, "q"),
        in(g, "v"), in(g, "v"), KerasAttentionReference.keep(g.tf(), g.input("m")), false).output()));
    c.check();
  }

  @Test
  void keras2FileWithValueAsKeywordAndCausalMask() throws Exception {
    Case c = new Case("mha_keras2").input("q", 4, 6).input("v", 4, 5).mask("m", ElementType.FLOAT32, 4, 4);
    c.keras2 = true;
    Mha m = mha(c, 2, 3, 0, true, null, false, 6, 5, 5);
    m.keras3 = false;
    ObjectNode config = mhaConfig(m, true, null, null);
    config.remove("use_gate");
    config.remove("sliding_window");
    config.set("query_shape", ints(-1, 4, 6));
    c.layer("MultiHeadAttention", "mha", config, args(c.ref("q")),
        kwargs("value", c.ref("v"), "attention_mask", c.ref("m"), "use_causal_mask", true));
    c.reference(g -> Map.of("mha", KerasAttentionReference.multiHeadAttention(g.tf(), g::constant, m, in(g, "q"),
        in(g, "v"), in(g, "v"), KerasAttentionReference.keep(g.tf(), g.input("m")), true).output()));
    c.check();
  }

  // ---------------------------------------------------------------- Attention, AdditiveAttention

  @Test
  void attentionWithScaleMasksCausalAndScores() throws Exception {
    Case c = new Case("att_dot").input("q", 5, 4).input("v", 5, 4).mask("qm", ElementType.FLOAT32, 5)
        .mask("vm", ElementType.FLOAT32, 5);
    TensorData scale = TensorData.ofFloats(new long[0], 0.7f);
    c.weights.put("att", List.of(0.7f));
    ObjectNode config = JSON.createObjectNode().put("use_scale", true).put("score_mode", "dot").put("dropout", 0.0);
    c.layer("Attention", "att", config, args(list(c.ref("q"), c.ref("v"))),
        kwargs("mask", list(c.ref("qm"), c.ref("vm")), "use_causal_mask", true, "return_attention_scores", true));
    c.outputs("att:0", "att:1");
    c.reference(g -> {
      Out o = KerasAttentionReference.denseAttention(g.tf(), g::constant, "dot", scale, null, in(g, "q"), in(g, "v"),
          in(g, "v"), KerasAttentionReference.keep(g.tf(), g.input("qm")),
          KerasAttentionReference.keep(g.tf(), g.input("vm")), true);
      return Map.of("att", o.output(), "att_1", o.scores());
    });
    c.check();
  }

  @Test
  void attentionConcatScoresWithKey() throws Exception {
    Case c = new Case("att_concat").input("q", 4, 3).input("v", 6, 5).input("k", 6, 3);
    TensorData scale = TensorData.ofFloats(new long[0], 0.8f);
    TensorData weight = TensorData.ofFloats(new long[0], 1.3f);
    c.weights.put("att", List.of(0.8f, 1.3f));
    ObjectNode config = JSON.createObjectNode().put("use_scale", true).put("score_mode", "concat");
    c.layer("Attention", "att", config, args(list(c.ref("q"), c.ref("v"), c.ref("k"))), kwargs());
    c.reference(g -> Map.of("att", KerasAttentionReference.denseAttention(g.tf(), g::constant, "concat", scale, weight,
        in(g, "q"), in(g, "v"), in(g, "k"), null, null, false).output()));
    c.check();
  }

  @Test
  void additiveAttentionWithValueMask() throws Exception {
    Case c = new Case("att_additive").input("q", 4, 3).input("v", 6, 3).mask("vm", ElementType.INT32, 6);
    float[] s = random(3, 41);
    TensorData scale = TensorData.ofFloats(new long[] {3}, s);
    c.weights.put("add_att", List.of(s));
    ObjectNode config = JSON.createObjectNode().put("use_scale", true).put("dropout", 0.0);
    c.layer("AdditiveAttention", "add_att", config, args(list(c.ref("q"), c.ref("v"))),
        kwargs("mask", list(null, c.ref("vm"))));
    c.reference(g -> Map.of("add_att", KerasAttentionReference.denseAttention(g.tf(), g::constant, "additive", scale,
        null, in(g, "q"), in(g, "v"), in(g, "v"), null, KerasAttentionReference.keep(g.tf(), g.input("vm")),
        false).output()));
    c.check();
  }

  @Test
  void keras2AttentionWithMaskList() throws Exception {
    Case c = new Case("att_keras2").input("q", 4, 3).input("v", 5, 3).mask("qm", ElementType.FLOAT32, 4)
        .mask("vm", ElementType.FLOAT32, 5);
    c.keras2 = true;
    ObjectNode config = JSON.createObjectNode().put("use_scale", false).put("causal", false).put("dropout", 0.0);
    c.layer("Attention", "att", config, args(c.ref("q"), c.ref("v")), kwargs("mask", list(c.ref("qm"), c.ref("vm"))));
    c.reference(g -> Map.of("att", KerasAttentionReference.denseAttention(g.tf(), g::constant, "dot", null, null,
        in(g, "q"), in(g, "v"), in(g, "v"), KerasAttentionReference.keep(g.tf(), g.input("qm")),
        KerasAttentionReference.keep(g.tf(), g.input("vm")), false).output()));
    c.check();
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void anUnappliedMaskKeywordFailsByName() throws Exception {
    Case c = new Case("mha_value_mask").input("q", 4, 6).mask("vm", ElementType.FLOAT32, 4);
    Mha m = mha(c, 2, 3, 0, true, null, false, 6, 6, 6);
    c.layer("MultiHeadAttention", "mha", mhaConfig(m, true, null, null), args(c.ref("q"), c.ref("q")),
        kwargs("value_mask", c.ref("vm")));
    ConversionException e = assertThrows(ConversionException.class, () -> KerasPipeline.run(c.write()));
    assertTrue(e.getMessage().contains("value_mask") && e.getMessage().contains("mha"), e.getMessage());
  }

  @Test
  void aCausalMaskOverSeveralAxesIsRefused() throws Exception {
    Case c = new Case("mha_causal_axes").input("q", 3, 4, 6);
    Mha m = mha(c, 2, 3, 0, true, null, false, 6, 6, 6);
    c.layer("MultiHeadAttention", "mha", mhaConfig(m, true, null, null), args(c.ref("q"), c.ref("q")),
        kwargs("use_causal_mask", true));
    ConversionException e = assertThrows(ConversionException.class, () -> KerasPipeline.run(c.write()));
    assertTrue(e.getMessage().contains("causal") && e.getMessage().contains("attention_axes"), e.getMessage());
  }

  @Test
  void anAttentionAxisOutsideThePositionsIsRefused() throws Exception {
    Case c = new Case("mha_bad_axis").input("q", 4, 6);
    Mha m = mha(c, 2, 3, 0, true, null, false, 6, 6, 6);
    c.layer("MultiHeadAttention", "mha", mhaConfig(m, true, null, ints(2)), args(c.ref("q"), c.ref("q")), kwargs());
    ConversionException e = assertThrows(ConversionException.class, () -> KerasPipeline.run(c.write()));
    assertTrue(e.getMessage().contains("attention_axes [2]"), e.getMessage());
  }

  @Test
  void anUnknownSequenceLengthIsRefusedByName() throws Exception {
    Case c = new Case("mha_dynamic").input("q", -1, 6);
    Mha m = mha(c, 2, 3, 0, true, null, false, 6, 6, 6);
    c.layer("MultiHeadAttention", "mha", mhaConfig(m, true, null, null), args(c.ref("q"), c.ref("q")), kwargs());
    ConversionException e = assertThrows(ConversionException.class, () -> KerasPipeline.run(c.write()));
    assertTrue(e.getMessage().contains("mha") && e.getMessage().contains("fixed shape"), e.getMessage());
  }

  // ---------------------------------------------------------------- helpers

  private static Operand<TFloat32> in(SavedModels.Context g, String name) {
    return g.input(name);
  }

  /** Random MHA weights in Keras shapes, stored in the case under Keras 3 paths or Keras 2 names. */
  private static Mha mha(Case c, int heads, int keyDim, int valueDim, boolean bias, int[] outputShape, boolean gate,
      int dq, int dv, int dk) {
    Mha m = new Mha();
    m.heads = heads;
    m.keyDim = keyDim;
    m.valueDim = valueDim > 0 ? valueDim : keyDim;
    m.outputShape = outputShape;
    m.gate = gate;
    int[] out = outputShape == null ? new int[] {dq} : outputShape;
    int[] outKernel = new int[out.length + 2];
    outKernel[0] = heads;
    outKernel[1] = m.valueDim;
    System.arraycopy(out, 0, outKernel, 2, out.length);
    long seed = 100;
    m.qk = c.weight("query", "kernel", seed++, dq, heads, keyDim);
    m.qb = bias ? c.weight("query", "bias", seed++, heads, keyDim) : null;
    m.kk = c.weight("key", "kernel", seed++, dk, heads, keyDim);
    m.kb = bias ? c.weight("key", "bias", seed++, heads, keyDim) : null;
    if (gate) {
      m.gk = c.weight("gate", "kernel", seed++, dq, heads, m.valueDim);
      m.gb = bias ? c.weight("gate", "bias", seed++, heads, m.valueDim) : null;
    }
    m.vk = c.weight("value", "kernel", seed++, dv, heads, m.valueDim);
    m.vb = bias ? c.weight("value", "bias", seed++, heads, m.valueDim) : null;
    m.ok = c.weight("attention_output", "kernel", seed++, outKernel);
    m.ob = bias ? c.weight("attention_output", "bias", seed, out) : null;
    return m;
  }

  private static ObjectNode mhaConfig(Mha m, boolean bias, com.fasterxml.jackson.databind.JsonNode outputShape,
      com.fasterxml.jackson.databind.JsonNode axes) {
    ObjectNode n = JSON.createObjectNode();
    n.put("num_heads", m.heads).put("key_dim", m.keyDim).put("value_dim", m.valueDim).put("dropout", 0.0)
        .put("use_bias", bias).put("use_gate", false);
    n.set("output_shape", outputShape == null ? JsonNodeFactory.instance.nullNode() : outputShape);
    n.set("attention_axes", axes == null ? JsonNodeFactory.instance.nullNode() : axes);
    n.putNull("sliding_window");
    return n;
  }

  private static ArrayNode ints(int... v) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (int x : v) {
      a.add(x);
    }
    return a;
  }

  private static ArrayNode args(Object... items) {
    return list(items);
  }

  private static ArrayNode list(Object... items) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Object o : items) {
      a.add(o == null ? JsonNodeFactory.instance.nullNode() : (com.fasterxml.jackson.databind.JsonNode) o);
    }
    return a;
  }

  private static ObjectNode kwargs(Object... kv) {
    ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      o.set((String) kv[i], v instanceof Boolean b ? JsonNodeFactory.instance.booleanNode(b)
          : (com.fasterxml.jackson.databind.JsonNode) v);
    }
    return o;
  }

  static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextFloat() - 0.5f;
    }
    return x;
  }

  private static int count(int... dims) {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** One model: its inputs, one layer, its weights, and the TensorFlow reference of its outputs. */
  private final class Case {
    final String label;
    final Map<String, Object[]> inputs = new LinkedHashMap<>(); // name -> {ElementType, int[] dims}
    final Map<String, List<Object>> weights = new LinkedHashMap<>(); // Keras 3 path -> arrays
    final Map<String, Map<String, Object>> keras2Weights = new LinkedHashMap<>();
    final List<String> outputs = new ArrayList<>();
    ObjectNode layer;
    boolean keras2;
    boolean keras3H5; // a legacy .h5 written by Keras 3: Keras 3 config, weights named without ":0"
    Function<SavedModels.Context, Map<String, Operand<?>>> reference;

    Case(String label) {
      this.label = label;
    }

    Case input(String name, int... dims) {
      inputs.put(name, new Object[] {ElementType.FLOAT32, dims});
      return this;
    }

    Case mask(String name, ElementType type, int... dims) {
      inputs.put(name, new Object[] {type, dims});
      return this;
    }

    void outputs(String... refs) {
      outputs.clear();
      outputs.addAll(List.of(refs));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void reference(Function<SavedModels.Context, Map<String, Operand<TFloat32>>> f) {
      reference = (Function) f;
    }

    /** A random MHA weight, kept under both Keras 3's sublayer path and Keras 2's name. */
    TensorData weight(String sublayer, String kind, long seed, int... shape) {
      float[] v = random(count(shape), seed);
      String path = switch (sublayer) {
        case "attention_output" -> "output_dense";
        default -> sublayer + "_dense";
      };
      weights.computeIfAbsent("mha/" + path, k -> new ArrayList<>()).add(LayerZooTest.nested(shape, v));
      keras2Weights.computeIfAbsent("mha", k -> new LinkedHashMap<>())
          .put("mha/" + sublayer + "/" + kind + ":0", LayerZooTest.nested(shape, v));
      long[] s = new long[shape.length];
      for (int i = 0; i < shape.length; i++) {
        s[i] = shape[i];
      }
      return TensorData.ofFloats(s, v);
    }

    com.fasterxml.jackson.databind.JsonNode ref(String name) {
      Object[] spec = inputs.get(name);
      if (keras2) {
        return JsonNodeFactory.instance.textNode(name); // made a Keras 2 reference by rewriteKeras2Call
      }
      ObjectNode t = JSON.createObjectNode().put("class_name", "__keras_tensor__");
      ObjectNode cfg = t.putObject("config");
      ArrayNode shape = cfg.putArray("shape").addNull();
      for (int d : (int[]) spec[1]) {
        shape.add(d);
      }
      cfg.put("dtype", ((ElementType) spec[0]).name().toLowerCase());
      cfg.putArray("keras_history").add(name).add(0).add(0);
      return t;
    }

    void layer(String cls, String name, ObjectNode config, ArrayNode args, ObjectNode kwargs) {
      config.put("name", name);
      layer = JSON.createObjectNode().put("module", "keras.layers").put("class_name", cls).put("name", name);
      layer.set("config", config);
      layer.set("args", args);
      layer.set("kwargs", kwargs);
      if (outputs.isEmpty()) {
        outputs.add(name + ":0");
      }
    }

    Path write() throws Exception {
      ObjectNode root = JSON.createObjectNode().put("class_name", "Functional");
      ObjectNode cfg = root.putObject("config").put("name", label);
      ArrayNode layers = cfg.putArray("layers");
      ArrayNode in = cfg.putArray("input_layers");
      for (Map.Entry<String, Object[]> e : inputs.entrySet()) {
        ObjectNode l = layers.addObject().put("class_name", "InputLayer").put("name", e.getKey());
        ObjectNode lc = l.putObject("config").put("name", e.getKey())
            .put("dtype", ((ElementType) e.getValue()[0]).name().toLowerCase());
        ArrayNode shape = lc.putArray(keras2 ? "batch_input_shape" : "batch_shape").addNull();
        for (int d : (int[]) e.getValue()[1]) {
          shape.add(d);
        }
        l.putArray("inbound_nodes");
        in.addArray().add(e.getKey()).add(0).add(0);
      }
      ObjectNode l = layers.addObject();
      l.put("class_name", layer.get("class_name").asText()).put("name", layer.get("name").asText());
      if (!keras2) {
        l.put("module", "keras.layers");
      }
      l.set("config", layer.get("config"));
      ArrayNode nodes = l.putArray("inbound_nodes");
      if (keras2) {
        nodes.add(layer.get("args"));
      } else {
        nodes.addObject().set("args", layer.get("args"));
        ((ObjectNode) nodes.get(0)).set("kwargs", layer.get("kwargs"));
      }
      ArrayNode out = cfg.putArray("output_layers");
      for (String o : outputs) {
        String[] p = o.split(":");
        out.addArray().add(p[0]).add(0).add(Integer.parseInt(p[1]));
      }
      String json = JSON.writeValueAsString(root);
      Path d = Files.createDirectories(dir.resolve(label));
      if (keras2) {
        Map<String, Map<String, Object>> w = new LinkedHashMap<>(keras2Weights);
        weights.forEach((k, v) -> {
          if (!k.startsWith("mha/")) {
            Map<String, Object> named = new LinkedHashMap<>();
            named.put(k + "/" + (v.size() == 1 ? "scale:0" : "w:0"), v.get(0));
            w.put(k, named);
          }
        });
        return KerasFixtures.legacyH5Paths(d, label, json, "2.15.0", w);
      }
      if (keras3H5) {
        Map<String, Object> named = new LinkedHashMap<>();
        keras2Weights.get("mha").forEach((k, v) -> named.put(k.replace(":0", ""), v));
        return KerasFixtures.legacyH5Paths(d, label, json, "3.15.1", Map.of("mha", named));
      }
      return KerasFixtures.keras3Paths(d, label, json, weights);
    }

    void check() throws Exception {
      if (keras2) {
        rewriteKeras2Call();
      }
      Path file = write();
      byte[] tflite = KerasHarness.convert(file);
      Map<String, TensorData> data = inputData();
      SavedModels.Builder sm = SavedModels.builder();
      inputs.forEach((name, spec) -> {
        int[] dims = (int[]) spec[1];
        long[] shape = new long[dims.length + 1];
        shape[0] = -1;
        for (int i = 0; i < dims.length; i++) {
          shape[i + 1] = dims[i];
        }
        sm.input(name, (ElementType) spec[0], shape);
      });
      sm.outputs(reference);
      Path saved = sm.export(dir.resolve(label + "_tf"));
      Map<String, TensorData> expected;
      try (TensorFlowOracle tf = TensorFlowOracle.load(saved)) {
        expected = tf.run("serving_default", data);
      }
      try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
        Map<String, TensorData> ours = lite.run(KerasPipeline.SIGNATURE_KEY, data);
        assertEquals(expected.keySet(), ours.keySet(), label + " outputs");
        for (String name : expected.keySet()) {
          Closeness.Comparison cmp = Closeness.standard().compare(expected.get(name), ours.get(name));
          LOG.info(label + " " + name + ": " + cmp.describe());
          assertTrue(cmp.passed(), label + " " + name + ": " + cmp.describe());
        }
      }
      QuantizesInEveryMode.check(label, tflite, data);
    }

    /** Keras 2 writes {@code [[name, 0, 0, kwargs], ...]}: tensors in kwargs are {@code [name, 0, 0]}. */
    private void rewriteKeras2Call() {
      ObjectNode kw = JSON.createObjectNode();
      layer.get("kwargs").fields().forEachRemaining(e -> kw.set(e.getKey(), keras2Value(e.getValue())));
      ArrayNode call = JsonNodeFactory.instance.arrayNode();
      for (var a : layer.get("args")) {
        call.addArray().add(a.asText()).add(0).add(0).add(kw);
      }
      layer.set("args", call);
    }

    private com.fasterxml.jackson.databind.JsonNode keras2Value(com.fasterxml.jackson.databind.JsonNode v) {
      if (v.isTextual() && inputs.containsKey(v.asText())) {
        return JsonNodeFactory.instance.arrayNode().add(v.asText()).add(0).add(0);
      }
      if (v.isArray()) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        v.forEach(e -> a.add(keras2Value(e)));
        return a;
      }
      return v;
    }

    /** Floats in [-1, 1]; masks of 0 and 1 (0, 1, 2 for integers), the first row of the first entry all 0. */
    private Map<String, TensorData> inputData() {
      Map<String, TensorData> out = new LinkedHashMap<>();
      long seed = 7;
      for (Map.Entry<String, Object[]> e : inputs.entrySet()) {
        int[] dims = (int[]) e.getValue()[1];
        long[] shape = new long[dims.length + 1];
        shape[0] = BATCH;
        for (int i = 0; i < dims.length; i++) {
          shape[i + 1] = dims[i];
        }
        int n = BATCH * count(dims);
        Random r = new Random(seed++);
        boolean isMask = e.getKey().startsWith("m") || e.getKey().endsWith("m");
        int row = dims[dims.length - 1];
        if (e.getValue()[0] == ElementType.INT32) {
          int[] v = new int[n];
          for (int i = 0; i < n; i++) {
            v[i] = i < row ? 0 : r.nextInt(3);
          }
          out.put(e.getKey(), TensorData.ofInts(shape, v).named(e.getKey()));
        } else {
          float[] v = new float[n];
          for (int i = 0; i < n; i++) {
            v[i] = isMask ? (i < row ? 0 : r.nextInt(3) == 0 ? 0 : 1) : 2 * r.nextFloat() - 1;
          }
          out.put(e.getKey(), TensorData.ofFloats(shape, v).named(e.getKey()));
        }
      }
      return out;
    }
  }
}
