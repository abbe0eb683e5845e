package io.litertj.graphdef;

import io.litertj.ConversionException;
import io.litertj.legalize.LegalizerTable;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.proto.NodeDef;

/**
 * Checks the part of a frozen graph between its inputs and outputs before it is legalized, and
 * names every node that cannot be converted, with a fix in GraphDef terms. TF1 graphs hold ops
 * that SavedModels from TF2 never show: v1 control flow (Switch/Merge, reached through data or
 * control edges: a control edge from a dead branch kills its consumer), variables of a graph that
 * was not frozen, function arguments outside functions, and graph inputs that were not named.
 */
final class FrozenGraphCheck {

  static final String FREEZE_HINT = "freeze the graph first (tf.compat.v1.graph_util.convert_variables_to_constants"
      + " turns variables into Const nodes), or convert the SavedModel with --saved_model_dir";

  private static final Set<String> V1_CONTROL_FLOW = Set.of("Switch", "Merge", "Enter", "Exit", "NextIteration",
      "LoopCond", "RefSwitch", "RefMerge", "RefEnter", "RefExit", "RefNextIteration", "ControlTrigger");
  private static final Set<String> VARIABLES = Set.of("VariableV2", "Variable", "VarHandleOp", "ReadVariableOp",
      "VarIsInitializedOp", "ResourceGather", "TemporaryVariable");
  private static final Set<String> FUNCTION_PLUMBING = Set.of("_Arg", "_Retval", "_DeviceArg", "_DeviceRetval");

  /** Calls the flattener inlines; what they call is checked when the legalizer flattens it. */
  private static final Set<String> CALL_OPS = Set.of("PartitionedCall", "StatefulPartitionedCall");

  private final Map<String, NodeDef> nodes;
  private final Set<String> functions;
  private final Path file;
  private final LegalizerTable table;

  FrozenGraphCheck(Map<String, NodeDef> nodes, Set<String> functions, Path file, LegalizerTable table) {
    this.nodes = nodes;
    this.functions = functions;
    this.file = file;
    this.table = table;
  }

  /** The node of a tensor name ({@code node}, {@code node:1}). */
  static String nodeName(String tensor) {
    int colon = tensor.lastIndexOf(':');
    if (colon > 0 && tensor.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < tensor.length() - 1) {
      return tensor.substring(0, colon);
    }
    return tensor;
  }

  private static String tensorKey(String tensor) {
    String node = nodeName(tensor);
    return node.equals(tensor) ? node + ":0" : tensor;
  }

  void check(List<String> inputArrays, List<String> outputArrays) {
    Set<String> inputs = new HashSet<>();
    for (String in : inputArrays) {
      inputs.add(tensorKey(in));
    }
    Map<String, List<String>> v1 = new TreeMap<>();
    Map<String, List<String>> variables = new TreeMap<>();
    Map<String, List<String>> plumbing = new TreeMap<>();
    Map<String, List<String>> unsupported = new TreeMap<>();
    Map<String, List<String>> fakeQuant = new TreeMap<>();
    List<String> unnamedInputs = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    Set<String> dataReached = new HashSet<>();
    Deque<Edge> work = new ArrayDeque<>();
    for (String out : outputArrays) {
      if (!inputs.contains(tensorKey(out))) {
        work.push(new Edge(nodeName(out), true));
      }
    }
    while (!work.isEmpty()) {
      Edge edge = work.pop();
      NodeDef node = nodes.get(edge.node());
      if (node == null) {
        throw ConversionException.builder("the graph has no node '" + edge.node() + "', which another node reads")
            .file(file)
            .hint("the GraphDef is incomplete; write it again")
            .build();
      }
      boolean firstVisit = visited.add(edge.node());
      boolean firstData = edge.data() && dataReached.add(edge.node());
      if (!firstVisit && !firstData) {
        continue;
      }
      String op = node.getOp();
      if (firstVisit && V1_CONTROL_FLOW.contains(op)) {
        add(v1, op, node.getName());
      }
      if (firstData) {
        if (VARIABLES.contains(op)) {
          add(variables, op, node.getName());
        } else if (FUNCTION_PLUMBING.contains(op)) {
          add(plumbing, op, node.getName());
        } else if (op.equals("Placeholder") || op.equals("PlaceholderV2")) {
          unnamedInputs.add(node.getName());
        } else if (op.startsWith("FakeQuant")) {
          add(fakeQuant, op, node.getName());
        } else if (!V1_CONTROL_FLOW.contains(op) && table.get(op) == null && !CALL_OPS.contains(op)
            && !functions.contains(op)) {
          add(unsupported, op, node.getName());
        }
      }
      for (String in : node.getInputList()) {
        boolean control = in.startsWith("^");
        String tensor = control ? in.substring(1) : in;
        if (!control && inputs.contains(tensorKey(tensor))) {
          continue;
        }
        work.push(new Edge(nodeName(tensor), edge.data() && !control));
      }
    }
    List<String> problems = new ArrayList<>();
    List<String> hints = new ArrayList<>();
    if (!v1.isEmpty()) {
      problems.add("TF1 control flow, which LiteRT cannot run: " + describe(v1));
      hints.add("export the model with TF2 control flow (tf.cond and tf.while_loop in a tf.function, saved as a"
          + " SavedModel) or choose --output_arrays before the tf.cond");
    }
    if (!variables.isEmpty()) {
      problems.add("variables, so the graph is not frozen: " + describe(variables));
      hints.add(FREEZE_HINT);
    }
    if (!plumbing.isEmpty()) {
      problems.add("function arguments or results outside a function: " + describe(plumbing));
      hints.add("the file is a function body, not a graph: write the graph itself (tf.Graph.as_graph_def)");
    }
    if (!unnamedInputs.isEmpty()) {
      problems.add("placeholders that are not input arrays: " + String.join(", ", unnamedInputs.stream().sorted().toList()));
      hints.add("add them to --input_arrays (with their shapes in --input_shapes)");
    }
    if (!fakeQuant.isEmpty()) {
      problems.add("fake quantization from quantization-aware training, which litertj does not read: "
          + describe(fakeQuant));
      hints.add("convert the float graph (without the FakeQuant ops) and quantize it with --quantize int8 and a"
          + " representative dataset");
    }
    if (!unsupported.isEmpty()) {
      problems.add("ops without a LiteRT builtin: " + describe(unsupported));
      hints.add("choose --output_arrays that stop before them");
    }
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder("the graph between the input and output arrays cannot be converted:");
    for (String p : problems) {
      text.append("\n  - ").append(p);
    }
    throw ConversionException.builder(text.toString())
        .file(file)
        .hint(String.join("; ", hints))
        .build();
  }

  /** A node to visit, and whether a value flows from it (false: reached through control edges only). */
  private record Edge(String node, boolean data) {}

  private static void add(Map<String, List<String>> byOp, String op, String node) {
    byOp.computeIfAbsent(op, k -> new ArrayList<>()).add(node);
  }

  private static String describe(Map<String, List<String>> byOp) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, List<String>> e : byOp.entrySet()) {
      List<String> names = e.getValue().stream().sorted().toList();
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(e.getKey()).append(" (").append(names.size() == 1 ? "node " : names.size() + " nodes: ")
          .append(String.join(", ", names.subList(0, Math.min(5, names.size()))))
          .append(names.size() > 5 ? ", ..." : "").append(')');
    }
    return text.toString();
  }
}
