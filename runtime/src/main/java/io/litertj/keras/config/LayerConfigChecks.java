package io.litertj.keras.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shape of the config values that layer converters read as raw JSON (not through
 * {@code LayerContext}'s typed accessors): a Reshape's {@code target_shape}, a Permute's
 * {@code dims}, paddings, croppings, upsampling sizes, normalization axes, activations. Checked
 * before the converter runs, so a damaged value is refused by name instead of being read as 0.
 */
public final class LayerConfigChecks {

  /** What one value must be: a phrase for the message, and the test. */
  private record Expectation(String what, java.util.function.Predicate<JsonNode> test) {}

  private static final Expectation INTS = new Expectation("a list of integers",
      n -> n.isArray() && all(n, LayerConfigChecks::isInt));
  private static final Expectation TARGET_SHAPE = new Expectation(
      "a list of positive integers (one of them may be -1)", n -> n.isArray() && !n.isEmpty() && all(n,
          e -> isInt(e) && (e.intValue() > 0 || e.intValue() == -1)) && count(n, -1) <= 1);
  private static final Expectation PADDING = new Expectation(
      "a non-negative integer, or a list of them or of pairs of them", n -> isCount(n, 0)
          || n.isArray() && all(n, e -> isCount(e, 0) || e.isArray() && e.size() == 2 && all(e, x -> isCount(x, 0))));
  private static final Expectation SIZE = new Expectation("a positive integer or a list of them",
      n -> isCount(n, 1) || n.isArray() && !n.isEmpty() && all(n, e -> isCount(e, 1)));
  private static final Expectation AXIS = new Expectation("an integer or a list of integers",
      n -> isInt(n) || n.isArray() && !n.isEmpty() && all(n, LayerConfigChecks::isInt));
  private static final Expectation FUNCTION = new Expectation("a function name or a serialized function",
      n -> n.isTextual() || n.isObject());
  private static final Expectation LAYER = new Expectation("a layer: {\"class_name\": ..., \"config\": {...}}",
      n -> n.isObject() && n.path("class_name").isTextual() && n.path("config").isObject());

  private static final Map<String, Map<String, Expectation>> BY_CLASS = Map.ofEntries(
      Map.entry("Reshape", Map.of("target_shape", TARGET_SHAPE)),
      Map.entry("Permute", Map.of("dims", INTS)),
      Map.entry("ZeroPadding1D", Map.of("padding", PADDING)),
      Map.entry("ZeroPadding2D", Map.of("padding", PADDING)),
      Map.entry("ZeroPadding3D", Map.of("padding", PADDING)),
      Map.entry("Cropping1D", Map.of("cropping", PADDING)),
      Map.entry("Cropping2D", Map.of("cropping", PADDING)),
      Map.entry("Cropping3D", Map.of("cropping", PADDING)),
      Map.entry("UpSampling1D", Map.of("size", SIZE)),
      Map.entry("UpSampling2D", Map.of("size", SIZE)),
      Map.entry("UpSampling3D", Map.of("size", SIZE)),
      Map.entry("BatchNormalization", Map.of("axis", AXIS)),
      Map.entry("LayerNormalization", Map.of("axis", AXIS)),
      Map.entry("Bidirectional", Map.of("layer", LAYER, "backward_layer", LAYER)),
      Map.entry("TimeDistributed", Map.of("layer", LAYER)));

  /** Values every layer class reads the same way, if present. */
  private static final Map<String, Expectation> ANY_CLASS = Map.of("activation", FUNCTION,
      "recurrent_activation", FUNCTION);

  /** Keys whose absence leaves a converter nothing to read. */
  private static final Map<String, List<String>> REQUIRED = Map.of("Reshape", List.of("target_shape"),
      "Permute", List.of("dims"), "Bidirectional", List.of("layer"), "TimeDistributed", List.of("layer"));

  private LayerConfigChecks() {}

  /** The first problem with the layer's raw-read config values, as a phrase; empty if none. */
  public static Optional<String> problem(LayerNode layer) {
    if (layer.isOperation() || layer.isModel()) {
      return Optional.empty();
    }
    JsonNode cfg = layer.config();
    for (String key : REQUIRED.getOrDefault(layer.className(), List.of())) {
      if (!cfg.hasNonNull(key)) {
        return Optional.of("has no " + key);
      }
    }
    Map<String, Expectation> own = BY_CLASS.getOrDefault(layer.className(), Map.of());
    for (Map.Entry<String, Expectation> e : own.entrySet()) {
      Optional<String> p = check(cfg, e.getKey(), e.getValue());
      if (p.isPresent()) {
        return p;
      }
    }
    for (Map.Entry<String, Expectation> e : ANY_CLASS.entrySet()) {
      Optional<String> p = check(cfg, e.getKey(), e.getValue());
      if (p.isPresent()) {
        return p;
      }
    }
    if (layer.className().equals("Permute")) {
      JsonNode dims = cfg.get("dims");
      boolean[] seen = new boolean[dims.size() + 1];
      for (JsonNode d : dims) {
        int v = d.intValue();
        if (v < 1 || v > dims.size() || seen[v]) {
          return Optional.of("has dims = " + dims + "; expected a permutation of 1 to " + dims.size());
        }
        seen[v] = true;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> check(JsonNode cfg, String key, Expectation e) {
    JsonNode n = cfg.get(key);
    if (n == null || n.isNull() || e.test().test(n)) {
      return Optional.empty();
    }
    String shown = n.toString();
    return Optional.of("has " + key + " = " + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown)
        + "; expected " + e.what());
  }

  private static boolean isInt(JsonNode n) {
    return n.isIntegralNumber() && n.canConvertToInt();
  }

  private static boolean isCount(JsonNode n, int min) {
    return isInt(n) && n.intValue() >= min && n.intValue() <= 1_000_000;
  }

  private static boolean all(JsonNode list, java.util.function.Predicate<JsonNode> test) {
    for (JsonNode e : list) {
      if (!test.test(e)) {
        return false;
      }
    }
    return true;
  }

  private static long count(JsonNode list, int value) {
    long n = 0;
    for (JsonNode e : list) {
      n += e.intValue() == value ? 1 : 0;
    }
    return n;
  }
}
