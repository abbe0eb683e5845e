package io.litertj.keras.reader;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
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

  /** Deeper nesting than this is not a Keras model but a damaged (or cyclic) group structure. */
  static final int MAX_DEPTH = 64;

  private final Map<String, List<Weight>> byLayer = new HashMap<>();
  private final Map<String, List<Weight>> byPath = new HashMap<>();
  private final Path file;
  private final long fileBytes;

  Keras3Weights(Group root, Path file, long fileBytes) {
    this.file = file;
    this.fileBytes = fileBytes;
    Node layers = H5Reading.child(root, "layers", file);
    if (layers instanceof Group g) {
      indexLayers(g, "", 0);
    }
  }

  private void indexLayers(Group layers, String prefix, int depth) {
    for (Node child : H5Reading.children(layers, file)) {
      if (child instanceof Group layer) {
        String name = layerName(layer);
        List<Weight> weights = collect(layer, name, depth + 1);
        byLayer.putIfAbsent(name, weights);
        byPath.put(prefix + layer.getName(), weights);
        if (H5Reading.child(layer, "layers", file) instanceof Group inner) {
          indexLayers(inner, prefix + layer.getName() + "/", checkDepth(depth + 1, inner));
        }
      }
    }
  }

  private int checkDepth(int depth, Group group) {
    if (depth > MAX_DEPTH) {
      throw H5Reading.corrupt(file, "the weight groups nest deeper than " + MAX_DEPTH + " levels at "
          + group.getPath() + " (a damaged or cyclic group structure)", null);
    }
    return depth;
  }

  private String layerName(Group layer) {
    if (H5Reading.child(layer, "vars", file) instanceof Group vars) {
      String name = H5Reading.stringAttribute(vars, "name", file);
      if (name != null) {
        return name;
      }
    }
    return layer.getName();
  }

  /** The layer's own variables, then its sublayers' (not a nested model's layers). */
  private List<Weight> collect(Group layer, String prefix, int depth) {
    checkDepth(depth, layer);
    List<Weight> out = new ArrayList<>();
    if (H5Reading.child(layer, "vars", file) instanceof Group vars) {
      List<Node> datasets = new ArrayList<>(H5Reading.children(vars, file));
      datasets.sort(Comparator.comparingInt(n -> index(n.getName())));
      for (Node n : datasets) {
        if (n instanceof Dataset d) {
          out.add(H5Reading.readWeight(d, prefix + "/" + n.getName(), file, fileBytes));
        }
      }
    }
    List<Node> children = new ArrayList<>(H5Reading.children(layer, file));
    // A Bidirectional layer lists its forward layer's weights first.
    children.sort(Comparator.comparing((Node n) -> !n.getName().startsWith("forward")).thenComparing(Node::getName));
    for (Node n : children) {
      if (n instanceof Group g && !n.getName().equals("vars") && !n.getName().equals("layers")) {
        out.addAll(collect(g, prefix + "/" + n.getName(), depth + 1));
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
