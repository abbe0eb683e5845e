package io.litertj.keras.reader;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Weights of a Keras 3 {@code model.weights.h5}: {@code layers/<path>/vars/0..n}, with sublayers
 * (an LSTM's {@code cell}) in child groups and nested models under their own {@code layers}. Each
 * {@code vars} group names its layer in the {@code name} attribute; that is the key used here.
 */
final class Keras3Weights implements WeightSource {

  private final Map<String, List<Weight>> byLayer = new HashMap<>();
  private final Map<String, List<Weight>> byPath = new HashMap<>();

  Keras3Weights(Group root) {
    Node layers = root.getChild("layers");
    if (layers instanceof Group g) {
      indexLayers(g, "");
    }
  }

  private void indexLayers(Group layers, String prefix) {
    for (Node child : layers.getChildren().values()) {
      if (child instanceof Group layer) {
        String name = layerName(layer);
        List<Weight> weights = collect(layer, name);
        byLayer.putIfAbsent(name, weights);
        byPath.put(prefix + layer.getName(), weights);
        if (layer.getChild("layers") instanceof Group inner) {
          indexLayers(inner, prefix + layer.getName() + "/");
        }
      }
    }
  }

  private static String layerName(Group layer) {
    if (layer.getChild("vars") instanceof Group vars) {
      String name = H5Reading.stringAttribute(vars, "name");
      if (name != null) {
        return name;
      }
    }
    return layer.getName();
  }

  /** The layer's own variables, then its sublayers' (not a nested model's layers). */
  private static List<Weight> collect(Group layer, String prefix) {
    List<Weight> out = new ArrayList<>();
    if (layer.getChild("vars") instanceof Group vars) {
      List<Node> datasets = new ArrayList<>(vars.getChildren().values());
      datasets.sort(Comparator.comparingInt(n -> index(n.getName())));
      for (Node n : datasets) {
        if (n instanceof Dataset d) {
          out.add(H5Reading.readWeight(d, prefix + "/" + n.getName()));
        }
      }
    }
    List<Node> children = new ArrayList<>(layer.getChildren().values());
    // A Bidirectional layer lists its forward layer's weights first.
    children.sort(Comparator.comparing((Node n) -> !n.getName().startsWith("forward")).thenComparing(Node::getName));
    for (Node n : children) {
      if (n instanceof Group g && !n.getName().equals("vars") && !n.getName().equals("layers")) {
        out.addAll(collect(g, prefix + "/" + n.getName()));
      }
    }
    return out;
  }

  private static int index(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  @Override
  public Optional<List<Weight>> weights(String layerName) {
    return Optional.ofNullable(byLayer.get(layerName));
  }

  @Override
  public Optional<List<Weight>> weightsAtPath(String path) {
    return Optional.ofNullable(byPath.get(path));
  }
}
