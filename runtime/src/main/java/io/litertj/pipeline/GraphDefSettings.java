package io.litertj.pipeline;

import io.litertj.ir.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to convert of a frozen GraphDef: the file, the tensors that become the model's inputs and
 * outputs (in order), and shapes for inputs by name (-1 keeps a dimension dynamic).
 */
public record GraphDefSettings(Path file, List<String> inputArrays, List<String> outputArrays,
    Map<String, Shape> inputShapes) {

  public GraphDefSettings {
    inputArrays = List.copyOf(inputArrays);
    outputArrays = List.copyOf(outputArrays);
    inputShapes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputShapes));
  }
}
