package io.litertj.cli;

import io.litertj.LiteRtConverter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The v1 converter's frozen-graph flags, as {@code tflite_convert} spells them:
 * {@code --graph_def_file} with {@code --input_arrays}, {@code --output_arrays} and
 * {@code --input_shapes} (one shape per input array, separated by ':', e.g. {@code 1,224,224,3:1,10};
 * an empty shape is a scalar). Misuse is a usage error (exit 2).
 */
final class GraphDefFlags {

  private final CommandLine cli;
  private final String inputArrays;
  private final String outputArrays;
  private final String inputShapes;

  GraphDefFlags(CommandLine cli, String inputArrays, String outputArrays, String inputShapes) {
    this.cli = cli;
    this.inputArrays = inputArrays;
    this.outputArrays = outputArrays;
    this.inputShapes = inputShapes;
  }

  /** Refuses the GraphDef flags when the model is not a GraphDef. */
  void requireAbsent() {
    for (String[] flag : new String[][] {{"--input_arrays", inputArrays}, {"--output_arrays", outputArrays},
        {"--input_shapes", inputShapes}}) {
      if (flag[1] != null) {
        throw usage(flag[0] + " applies to --graph_def_file only; for a SavedModel, --input_shape NAME=D1,D2 sets"
            + " the shape of an input");
      }
    }
  }

  LiteRtConverter.Builder builder(Path graphDefFile) {
    if (inputArrays == null || outputArrays == null) {
      throw usage("--graph_def_file needs --input_arrays and --output_arrays: the names of the graph's input and"
          + " output tensors, comma-separated (e.g. --input_arrays input --output_arrays MobilenetV1/Predictions/Reshape_1)");
    }
    List<String> inputs = names("--input_arrays", inputArrays);
    List<String> outputs = names("--output_arrays", outputArrays);
    Map<String, int[]> shapes = new LinkedHashMap<>();
    if (inputShapes != null) {
      String[] parts = inputShapes.split(":", -1);
      if (parts.length != inputs.size()) {
        throw usage("--input_shapes gives " + parts.length + (parts.length == 1 ? " shape" : " shapes") + " for "
            + inputs.size() + " input arrays: give one per input array, in the same order, separated by ':'"
            + " (e.g. 1,224,224,3:1,10)");
      }
      for (int i = 0; i < parts.length; i++) {
        shapes.put(inputs.get(i), dims(parts[i]));
      }
    }
    return LiteRtConverter.fromGraphDef(graphDefFile, inputs, outputs, shapes);
  }

  private List<String> names(String flag, String text) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (part.isBlank()) {
        throw usage(flag + " has an empty name in '" + text + "': give tensor names separated by commas");
      }
      out.add(part.trim());
    }
    return out;
  }

  private int[] dims(String shape) {
    String trimmed = shape.trim();
    if (trimmed.isEmpty()) {
      return new int[0];
    }
    String[] parts = trimmed.split(",", -1);
    int[] dims = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        dims[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw usage("--input_shapes dimensions must be integers, but '" + shape + "' has '" + parts[i].trim() + "'");
      }
      if (dims[i] < -1) {
        throw usage("--input_shapes dimension " + dims[i] + " in '" + shape + "': use a size, or -1 for a dynamic one");
      }
    }
    return dims;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(cli, message);
  }
}
