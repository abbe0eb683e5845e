package io.litertj.pipeline;

import io.litertj.ir.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to convert: the SavedModel directory, the MetaGraph's tag set, the signatures (empty: all)
 * and shapes that replace the signature's own for some inputs (needed for unknown ranks).
 */
public record ConversionSettings(Path savedModelDir, Set<String> tags, List<String> signatureKeys,
    Map<String, Shape> inputShapes) {

  public ConversionSettings {
    tags = Set.copyOf(tags);
    signatureKeys = List.copyOf(signatureKeys);
    inputShapes = Map.copyOf(inputShapes);
  }
}
