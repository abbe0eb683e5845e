package io.litertj.keras;

import io.litertj.keras.config.LayerNode;
import io.litertj.keras.config.ModelGraph;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keras 3 stores each layer's weights under an object path made of its class name in snake case,
 * numbered per class in layer order ({@code dense}, {@code dense_1}, ...; InputLayers are not
 * counted). Used when a weights file does not name the layer in its groups.
 */
final class WeightPaths {

  private WeightPaths() {}

  /** Layer name → object path, each prefixed by {@code prefix}. */
  static Map<String, String> of(ModelGraph graph, String prefix) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, String> paths = new HashMap<>();
    for (LayerNode layer : graph.layers()) {
      if (layer.className().equals("InputLayer")) {
        continue;
      }
      String base = snakeCase(layer.className());
      int n = counts.merge(base, 1, Integer::sum) - 1;
      paths.put(layer.name(), prefix + (n == 0 ? base : base + "_" + n));
    }
    return paths;
  }

  /** Keras's {@code to_snake_case}: {@code Conv2DTranspose} → {@code conv2d_transpose}. */
  static String snakeCase(String name) {
    String s = name.replaceAll("\\W+", "");
    s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
