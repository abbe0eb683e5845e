package io.litertj.tfgraph;

import java.util.List;
import java.util.Map;

/**
 * Output arguments of the TensorFlow ops that have more than one, for function bodies whose ops
 * the SavedModel's op list leaves out. Every other op has a single output argument (possibly a
 * list), whose {@code name:i} is flat output {@code i}.
 */
final class MultiOutputOps {

  private static final Map<String, List<String>> OUTPUT_ARGS = Map.ofEntries(
      Map.entry("FusedBatchNorm", List.of("y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2")),
      Map.entry("FusedBatchNormV2", List.of("y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2")),
      Map.entry("FusedBatchNormV3",
          List.of("y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2", "reserve_space_3")),
      Map.entry("TopKV2", List.of("values", "indices")),
      Map.entry("Unique", List.of("y", "idx")),
      Map.entry("UniqueWithCounts", List.of("y", "idx", "count")),
      Map.entry("Switch", List.of("output_false", "output_true")),
      Map.entry("Merge", List.of("output", "value_index")),
      Map.entry("MaxPoolWithArgmax", List.of("output", "argmax")),
      Map.entry("QuantizeV2", List.of("output", "output_min", "output_max")),
      Map.entry("BroadcastGradientArgs", List.of("r0", "r1")),
      Map.entry("Svd", List.of("s", "u", "v")),
      Map.entry("Qr", List.of("q", "r")),
      Map.entry("TensorListPopBack", List.of("output_handle", "tensor")),
      Map.entry("TensorListConcat", List.of("tensor", "lengths")),
      Map.entry("TensorListConcatV2", List.of("tensor", "lengths")),
      Map.entry("TensorArrayV3", List.of("handle", "flow")),
      Map.entry("TensorArrayGradV3", List.of("grad_handle", "flow_out")),
      Map.entry("TensorArrayConcatV3", List.of("value", "lengths")));

  private MultiOutputOps() {}

  /** The flat output index of {@code argName:index}, or -1 when the op has no such argument. */
  static int flatIndex(String op, String argName, int index) {
    List<String> args = OUTPUT_ARGS.get(op);
    if (args == null) {
      return index;
    }
    int position = args.indexOf(argName);
    return position < 0 ? -1 : position + index;
  }
}
