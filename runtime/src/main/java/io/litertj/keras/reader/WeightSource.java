package io.litertj.keras.reader;

import java.util.List;
import java.util.Optional;

/** The weights of a Keras file, by layer name, in the order Keras lists them for that layer. */
public interface WeightSource {

  /** The layer's weights, or empty when the file stores none under that name. */
  Optional<List<Weight>> weights(String layerName);

  /**
   * The weights stored at a Keras 3 object path such as {@code dense_1} or {@code functional/dense}
   * (snake-case class names, numbered in layer order): the fallback for files whose groups do not
   * name their layer.
   */
  default Optional<List<Weight>> weightsAtPath(String path) {
    return Optional.empty();
  }

  /** A source with no weights at all (a model whose layers hold none). */
  static WeightSource empty() {
    return name -> Optional.empty();
  }
}
