package io.litertj.keras.reader;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Weights of a legacy (Keras 2 / tf.keras) HDF5 file: group {@code model_weights} (or the root of a
 * weights-only file) holds one group per layer whose {@code weight_names} attribute lists its
 * datasets in order. A nested model's group lists the weights of all its layers, named
 * {@code inner_layer/kernel:0}; those are also indexed by the inner layer's name.
 */
final class LegacyH5Weights implements WeightSource {

  private final Map<String, List<Weight>> byLayer = new HashMap<>();
  private final Map<String, List<Weight>> byPrefix = new HashMap<>();

  LegacyH5Weights(Group root, Path file, long fileBytes) {
    for (String layer : H5Reading.stringList(root, "layer_names", file)) {
      Node node = H5Reading.child(root, layer, file);
      if (!(node instanceof Group group)) {
        continue;
      }
      List<Weight> all = new ArrayList<>();
      Map<String, List<Weight>> prefixed = new LinkedHashMap<>();
      for (String weightName : H5Reading.stringList(group, "weight_names", file)) {
        Node w = stored(group, weightName, file);
        if (!(w instanceof Dataset d)) {
          throw H5Reading.corrupt(file, "layer " + layer + " lists weight " + weightName + ", which is not stored",
              null);
        }
        Weight weight = H5Reading.readWeight(d, weightName, file, fileBytes);
        all.add(weight);
        int slash = weightName.indexOf('/');
        if (slash > 0) {
          prefixed.computeIfAbsent(weightName.substring(0, slash), k -> new ArrayList<>()).add(weight);
        }
      }
      byLayer.put(layer, all);
      prefixed.forEach(byPrefix::putIfAbsent);
    }
  }

  /** The node at a relative path, or null (jHDF's getByPath throws, and cannot name in-memory files). */
  private static Node stored(Group group, String path, Path file) {
    Node node = group;
    for (String part : path.split("/")) {
      if (!(node instanceof Group g) || part.isEmpty()) {
        return null;
      }
      node = H5Reading.child(g, part, file);
    }
    return node;
  }

  @Override
  public Optional<List<Weight>> weights(String layerName) {
    List<Weight> w = byLayer.get(layerName);
    if (w == null || w.isEmpty()) {
      w = byPrefix.getOrDefault(layerName, w);
    }
    return Optional.ofNullable(w);
  }
}
