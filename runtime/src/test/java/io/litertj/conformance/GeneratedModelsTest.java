package io.litertj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.LiteRtConverter;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.tflite.TfliteReader;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.NpzReader;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real-world models of {@code ../shared/models/gen_keras3_*} (made by real Keras 3.15 and TF
 * 2.21), converted from every format each ships in, run in LiteRT on {@code inputs.npz} and checked
 * against Keras's own {@code outputs.npz} within {@code 1e-5 + 1e-3·max|ref|}. The op set is
 * compared with the official converter's float file where it made one.
 */
class GeneratedModelsTest {

  private static final Logger LOG = Logger.getLogger(GeneratedModelsTest.class.getName());
  private static final Closeness BOUND = Closeness.of(1e-5, 1e-3);

  /** Folders of the non-recurrent generated models (the recurrent ones are covered elsewhere). */
  private static final List<String> MODELS = List.of(
      "gen_keras3_op_layers/ops_arith",
      "gen_keras3_op_layers/ops_reduce",
      "gen_keras3_op_layers/ops_select",
      "gen_keras3_op_layers/ops_erf",
      "gen_keras3_op_layers/ops_int_bias_add",
      "gen_keras3_attention",
      "gen_keras3_transformer/text_encoder",
      "gen_keras3_transformer/tiny_vit",
      "gen_keras3_modern_cnn/mobilenet_v3_large_075",
      "gen_keras3_modern_cnn/convnext_mini");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String model : MODELS) {
      for (String format : List.of("model.keras", "model.h5", "saved_model")) {
        out.add(Arguments.of(model, format));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("cases")
  void convertsAndMatchesKeras(String model, String format) throws Exception {
    Path dir = SharedModels.path(model);
    Path source = dir.resolve(format);
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(source),
        model + " does not ship " + format + " (its README says why)");
    byte[] tflite = format.equals("saved_model")
        ? LiteRtConverter.fromSavedModel(source).signatureKeys("serving_default").convert().bytes()
        : LiteRtConverter.fromKeras(source).convert().bytes();

    Map<String, TensorData> inputs = new LinkedHashMap<>(NpzReader.read(dir.resolve("inputs.npz")));
    Map<String, TensorData> expected = NpzReader.read(dir.resolve("outputs.npz"));
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      String key = lite.signatureKeys().get(0);
      List<TensorSpec> outs = lite.signature(key).outputs();
      Map<String, TensorData> named = new LinkedHashMap<>();
      for (TensorSpec in : lite.signature(key).inputs()) {
        // A Keras file names its input after the InputLayer; the arrays use the exported signature's
        // name, which may be the KerasTensor's (MobileNetV3: input_layer vs keras_tensor).
        TensorData data = inputs.size() == 1 ? inputs.values().iterator().next() : inputs.get(in.name());
        assertTrue(data != null, "inputs.npz has no array " + in.name() + ": " + inputs.keySet());
        named.put(in.name(), data.named(in.name()));
      }
      Map<String, TensorData> ours = lite.run(key, named);
      assertEquals(expected.size(), outs.size(), "output count");
      // Keras files name outputs after their layers, in model.outputs order in the subgraph (the
      // signature lists them by name); the arrays are output_0.. in model.outputs order.
      List<String> order = format.equals("saved_model") ? List.copyOf(ours.keySet())
          : List.copyOf(TfliteReader.read(tflite).subgraphs().get(0).outputs().keySet());
      int i = 0;
      for (String outName : order) {
        TensorData got = ours.get(outName);
        assertTrue(got != null, "LiteRT gives no output " + outName + ": " + ours.keySet());
        String name = format.equals("saved_model") ? got.name() : "output_" + i;
        TensorData ref = expected.get(name);
        assertTrue(ref != null, "outputs.npz has no " + name + ": " + expected.keySet());
        Closeness.Comparison c = BOUND.compare(ref, got);
        LOG.info(model + " " + format + " " + name + ": " + c.describe());
        assertTrue(c.passed(), model + " " + format + " " + name + ": " + c.describe());
        i++;
      }
    }
    Path reference = dir.resolve("reference/model_float32.tflite");
    if (Files.exists(reference)) {
      Set<String> official = opSet(TfliteReader.read(reference));
      Set<String> mine = opSet(TfliteReader.read(tflite));
      LOG.info(model + " " + format + ": official ops " + official + ", ours " + mine);
      Set<String> missing = new TreeSet<>(official);
      missing.removeAll(mine);
      missing.removeAll(WHY_OFFICIAL_HAS.keySet());
      Set<String> extra = new TreeSet<>(mine);
      extra.removeAll(official);
      extra.removeAll(WHY_WE_HAVE.keySet());
      assertTrue(missing.isEmpty() && extra.isEmpty(), model + " " + format + ": op set differs from the official "
          + "file without a reason in this test: official only " + missing + ", ours only " + extra);
    }
  }

  /** Builtins the official files use and ours may not, and why. */
  private static final Map<String, String> WHY_OFFICIAL_HAS = Map.ofEntries(
      // It computes reshape targets of a dynamic batch at run time; we fold them to -1 at conversion.
      Map.entry("SHAPE", "run-time shape arithmetic"), Map.entry("PACK", "run-time shape arithmetic"),
      Map.entry("REDUCE_PROD", "run-time shape arithmetic"), Map.entry("STRIDED_SLICE", "run-time shape arithmetic"),
      Map.entry("GATHER", "run-time shape arithmetic"), Map.entry("CONCATENATION", "run-time shape arithmetic"),
      Map.entry("BROADCAST_TO", "run-time shapes of ones_like; ours fills a folded shape"),
      Map.entry("RESHAPE", "MultiHeadAttention projections: ours are FULLY_CONNECTED keeping dims"),
      // Keras files are converted from the layer definitions, not from TF's traced graph.
      Map.entry("SQUARED_DIFFERENCE", "Keras path: normalization variance as MUL of the centred input"),
      Map.entry("SQUARE", "Keras path: normalization variance as MUL of the centred input"),
      Map.entry("ZEROS_LIKE", "Keras path: masks and zeros built from constants"),
      Map.entry("LESS", "Keras path: masks built as CAST/SELECT_V2 from the layer definition"),
      Map.entry("NEG", "Keras path: masks built from the layer definition"),
      Map.entry("SELECT_V2", "Keras path: masks built from the layer definition"),
      Map.entry("LOGICAL_AND", "Keras path: the causal and padding masks combined by SELECT_V2"),
      // Fused by us where the official converter keeps the primitive.
      Map.entry("RELU6", "fused into the ADD before it, or into HARD_SWISH"));

  /** Builtins ours may use that the official files do not, and why. */
  private static final Map<String, String> WHY_WE_HAVE = Map.ofEntries(
      Map.entry("FILL", "ones_like / zeros_like / broadcast of a folded shape"),
      Map.entry("HARD_SWISH", "x * relu6(x + 3) / 6 fused (the official converter fuses MobileNet's, not this one)"),
      Map.entry("TRANSPOSE", "attention scores transposed for BATCH_MATMUL"),
      Map.entry("ABS", "attention masks fill with the row's minimum (keeps int8 scales usable)"),
      Map.entry("REDUCE_MIN", "attention masks fill with the row's minimum (keeps int8 scales usable)"),
      Map.entry("SUB", "attention mask fill; Keras-path normalization"),
      // Speed-only canonical forms the official converter applies: issue 14.
      Map.entry("POW", "x ** 2 kept as POW (issue 14)"));

  private static Set<String> opSet(LiteRtModel model) {
    Set<String> ops = new TreeSet<>();
    model.subgraphs().forEach(s -> s.operators().stream().map(Operator::op).map(Enum::name).forEach(ops::add));
    return ops;
  }
}
