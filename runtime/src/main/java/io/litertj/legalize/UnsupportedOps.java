package io.litertj.legalize;

import io.litertj.ConversionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gathers every op type a signature needs but the converter cannot handle, so that one error
 * lists them all, each with the nodes that use it and what the user can do about it.
 */
final class UnsupportedOps {

  private static final Set<String> EXAMPLE_PARSING = Set.of("ParseExample", "ParseExampleV2", "ParseSingleExample",
      "ParseSequenceExample", "ParseSequenceExampleV2", "DecodeCSV", "DecodeRaw", "StringToNumber");
  private static final Set<String> V1_CONTROL_FLOW = Set.of("Switch", "Merge", "Enter", "Exit", "NextIteration",
      "LoopCond", "RefSwitch", "RefMerge");

  private final Map<String, List<String>> nodesByOp = new TreeMap<>();
  private final Map<String, String> reasonByOp = new TreeMap<>();

  void add(String op, String node) {
    nodesByOp.computeIfAbsent(op, k -> new ArrayList<>()).add(node);
  }

  /** Records an op that is known but unusable here for a specific reason. */
  void add(String op, String node, String reason) {
    add(op, node);
    reasonByOp.putIfAbsent(op, reason);
  }

  boolean isEmpty() {
    return nodesByOp.isEmpty();
  }

  ConversionException toException(String signature, Path file) {
    StringBuilder text = new StringBuilder("signature '").append(signature).append("' uses ")
        .append(nodesByOp.size()).append(nodesByOp.size() == 1 ? " op type" : " op types")
        .append(" that cannot be converted to LiteRT builtins:");
    for (Map.Entry<String, List<String>> e : nodesByOp.entrySet()) {
      List<String> nodes = e.getValue();
      text.append("\n  - ").append(e.getKey()).append(" (").append(explain(e.getKey())).append("), used by ")
          .append(nodes.size() == 1 ? "node " : nodes.size() + " nodes: ")
          .append(String.join(", ", nodes.subList(0, Math.min(5, nodes.size()))))
          .append(nodes.size() > 5 ? ", ..." : "");
    }
    return ConversionException.builder(text.toString())
        .file(file)
        .hint("Convert only the signatures that compute on dense tensors: name them with "
            + "--saved_model_signature_key (API: signatureKeys(...))")
        .build();
  }

  private String explain(String op) {
    String reason = reasonByOp.get(op);
    if (reason != null) {
      return reason;
    }
    if (EXAMPLE_PARSING.contains(op)) {
      return "parses serialized tf.Example strings; LiteRT has no string parsing ops";
    }
    if (V1_CONTROL_FLOW.contains(op)) {
      return "TF1 control flow (Switch/Merge) is not supported; export with tf.function control flow or without it";
    }
    if (op.startsWith("Apply") || op.startsWith("ResourceApply") || op.startsWith("ResourceSparseApply")) {
      return "a training op: it updates variables with gradients; convert the inference signature instead";
    }
    if (op.startsWith("Assign") || op.equals("ScatterUpdate") || op.startsWith("ResourceScatter")) {
      return "a stateful op: it changes a variable, and converted models hold weights as constants";
    }
    return "no LiteRT builtin equivalent is implemented";
  }
}
