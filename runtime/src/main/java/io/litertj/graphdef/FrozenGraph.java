package io.litertj.graphdef;

import io.litertj.ConversionException;
import io.litertj.ir.Shape;
import io.litertj.legalize.LegalizerTable;
import io.litertj.savedmodel.SignatureInfo;
import io.litertj.tfgraph.GraphFlattener;
import io.litertj.tfgraph.TfTypes;
import io.litertj.tfgraph.VariableSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * A frozen GraphDef with the tensors the user named as its inputs and outputs
 * ({@code --input_arrays}, {@code --output_arrays}), seen as one signature so that it goes through
 * the same legalizer as a SavedModel's. Its weights are {@code Const} nodes; it has no variables.
 * As {@code tflite_convert} does, an input of unknown batch size gets batch 1 unless its shape is
 * given.
 */
public final class FrozenGraph {

  private static final Logger LOG = Logger.getLogger(FrozenGraph.class.getName());

  /** The signature key of the converted graph. */
  public static final String SIGNATURE_KEY = "serving_default";

  private static final Set<String> PLACEHOLDERS = Set.of("Placeholder", "PlaceholderV2", "PlaceholderWithDefault");

  private final Path file;
  private final GraphDef graph;
  private final Map<String, NodeDef> nodes = new HashMap<>();
  private final GraphFlattener flattener;

  private FrozenGraph(Path file, GraphDef graph) {
    this.file = file;
    this.graph = graph;
    for (NodeDef n : graph.getNodeList()) {
      if (nodes.put(n.getName(), n) != null) {
        throw ConversionException.builder("the GraphDef has two nodes named '" + n.getName() + "'")
            .file(file)
            .hint("the file is malformed; write the graph again")
            .build();
      }
    }
    // A GraphDef carries no op list: attributes a writer left out are read with each op's default.
    this.flattener = new GraphFlattener(graph, List.of(), file);
  }

  /** Reads the file (binary or text). */
  public static FrozenGraph read(Path file) {
    return new FrozenGraph(file, GraphDefFile.read(file));
  }

  public static FrozenGraph of(Path file, GraphDef graph) {
    return new FrozenGraph(file, graph);
  }

  public Path file() {
    return file;
  }

  public GraphFlattener flattener() {
    return flattener;
  }

  /** A frozen graph has no variables; the check refuses them before any is read. */
  public VariableSource variables() {
    return node -> {
      throw ConversionException.builder("the graph reads variable '" + node.name() + "': it is not frozen")
          .node(node.name())
          .opType(node.op())
          .file(file)
          .hint(FrozenGraphCheck.FREEZE_HINT)
          .build();
    };
  }

  /**
   * The signature of the named tensors, checked: every name exists, every input has a type and a
   * shape, and everything between inputs and outputs can be converted.
   *
   * @param inputShapes shapes by input name (as given, or without {@code :0}); -1 keeps a
   *                    dimension dynamic
   */
  public SignatureInfo signature(List<String> inputArrays, List<String> outputArrays, Map<String, Shape> inputShapes,
      LegalizerTable table) {
    if (inputArrays.isEmpty() || outputArrays.isEmpty()) {
      throw ConversionException.builder("a GraphDef needs its input and output tensors named")
          .file(file)
          .hint("pass --input_arrays and --output_arrays (API: fromGraphDef(file, inputs, outputs, shapes))"
              + placeholderHint())
          .build();
    }
    Set<String> shapeNames = new TreeSet<>(inputShapes.keySet());
    List<SignatureInfo.TensorSpec> inputs = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String array : inputArrays) {
      String name = displayName(array);
      if (!seen.add(name)) {
        throw ConversionException.builder("input '" + name + "' is named twice in the input arrays").file(file).build();
      }
      NodeDef node = node(array, "input");
      Shape given = inputShapes.containsKey(array) ? inputShapes.get(array) : inputShapes.get(name);
      shapeNames.remove(array);
      shapeNames.remove(name);
      inputs.add(new SignatureInfo.TensorSpec(name, array, inputType(node, array), inputShape(node, array, given)));
    }
    if (!shapeNames.isEmpty()) {
      throw ConversionException.builder("input shapes are given for " + shapeNames + ", which are not input arrays")
          .file(file)
          .hint("the input arrays are " + inputArrays + "; give one shape per input array, in the same order")
          .build();
    }
    List<SignatureInfo.TensorSpec> outputs = new ArrayList<>();
    seen.clear();
    for (String array : outputArrays) {
      String name = displayName(array);
      if (!seen.add(name)) {
        throw ConversionException.builder("output '" + name + "' is named twice in the output arrays").file(file).build();
      }
      NodeDef node = node(array, "output");
      outputs.add(new SignatureInfo.TensorSpec(name, array, declaredType(node), null));
    }
    Set<String> functions = new java.util.HashSet<>();
    graph.getLibrary().getFunctionList().forEach(f -> functions.add(f.getSignature().getName()));
    new FrozenGraphCheck(nodes, functions, file, table).check(inputArrays, outputArrays);
    return new SignatureInfo(SIGNATURE_KEY, inputs, outputs);
  }

  /** The name a tensor gets in the model: the node name, with {@code :0} dropped. */
  static String displayName(String array) {
    return array.endsWith(":0") ? array.substring(0, array.length() - 2) : array;
  }

  private NodeDef node(String array, String role) {
    String nodeName = FrozenGraphCheck.nodeName(array);
    NodeDef node = nodes.get(nodeName);
    if (node == null) {
      throw ConversionException.builder("the graph has no node '" + nodeName + "' for " + role + " array '" + array + "'")
          .file(file)
          .hint(role.equals("input") ? "name graph inputs" + placeholderHint()
              : "name the tensors the graph computes" + outputHint())
          .build();
    }
    return node;
  }

  private DataType inputType(NodeDef node, String array) {
    DataType type = declaredType(node);
    if (type == DataType.DT_INVALID) {
      throw ConversionException.builder("the type of input '" + array + "' is not recorded in its node")
          .node(node.getName())
          .opType(node.getOp())
          .file(file)
          .hint("name a Placeholder as the input" + placeholderHint())
          .build();
    }
    return type;
  }

  /** The output type a node records in its attributes: dtype (placeholders, constants), else T. */
  private static DataType declaredType(NodeDef node) {
    for (String key : List.of("dtype", "T", "out_type")) {
      AttrValue v = node.getAttrMap().get(key);
      if (v != null && v.getValueCase() == AttrValue.ValueCase.TYPE) {
        return v.getType();
      }
    }
    return DataType.DT_INVALID;
  }

  private Shape inputShape(NodeDef node, String array, Shape given) {
    AttrValue attr = PLACEHOLDERS.contains(node.getOp()) ? node.getAttrMap().get("shape") : null;
    Shape declared = attr != null && attr.hasShape() ? TfTypes.toIr(attr.getShape()) : null;
    if (given != null) {
      if (declared != null && !compatible(declared, given)) {
        throw ConversionException.builder("the shape given for input '" + displayName(array) + "', " + given
                + ", does not fit the placeholder's shape " + declared)
            .node(node.getName())
            .file(file)
            .hint("give a shape of rank " + declared.rank() + " that keeps its fixed dimensions")
            .build();
      }
      return given;
    }
    if (declared == null) {
      throw ConversionException.builder("input '" + displayName(array) + "' has no shape in the graph")
          .node(node.getName())
          .opType(node.getOp())
          .file(file)
          .hint("give it with --input_shapes (e.g. 1,224,224,3; one shape per input array, separated by ':')")
          .build();
    }
    if (declared.rank() > 0 && declared.dim(0) == Shape.DYNAMIC) {
      Shape batch1 = declared.withDim(0, 1);
      LOG.info(() -> "input '" + displayName(array) + "' has shape " + declared + "; converting it with batch size 1, as"
          + " tflite_convert does (give -1 in --input_shapes to keep the batch dynamic)");
      return batch1;
    }
    return declared;
  }

  private static boolean compatible(Shape declared, Shape given) {
    if (declared.rank() != given.rank()) {
      return false;
    }
    for (int i = 0; i < declared.rank(); i++) {
      if (declared.dim(i) != Shape.DYNAMIC && declared.dim(i) != given.dim(i)) {
        return false;
      }
    }
    return true;
  }

  /** Names the graph's placeholders, the usual inputs, for a hint. */
  private String placeholderHint() {
    List<String> found = new ArrayList<>();
    for (NodeDef n : graph.getNodeList()) {
      if (n.getOp().equals("Placeholder")) {
        found.add(n.getName());
      }
    }
    return found.isEmpty() ? "" : "; the graph's placeholders are " + limited(found);
  }

  /** Names nodes that nothing consumes, the usual outputs, for a hint. */
  private String outputHint() {
    Set<String> consumed = new java.util.HashSet<>();
    for (NodeDef n : graph.getNodeList()) {
      for (String in : n.getInputList()) {
        consumed.add(FrozenGraphCheck.nodeName(in.startsWith("^") ? in.substring(1) : in));
      }
    }
    List<String> found = new ArrayList<>();
    for (NodeDef n : graph.getNodeList()) {
      if (!consumed.contains(n.getName()) && !n.getOp().equals("NoOp") && !n.getOp().equals("Const")) {
        found.add(n.getName());
      }
    }
    return found.isEmpty() ? "" : "; nodes nothing in the graph consumes: " + limited(found);
  }

  private static String limited(List<String> names) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(names));
    return sorted.size() <= 10 ? String.valueOf(sorted) : sorted.subList(0, 10) + " and " + (sorted.size() - 10) + " more";
  }
}
