package io.litertj.savedmodel;

import com.google.protobuf.InvalidProtocolBufferException;
import io.litertj.ConversionException;
import io.litertj.checkpoint.CheckpointReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedConcreteFunction;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;

/**
 * Finds the checkpoint key of each variable node of the main graph.
 *
 * <p>TF2 SavedModels capture variables into functions: a call's trailing inputs are the captured
 * handles, and the function's {@code bound_inputs} name the object-graph nodes they stand for; the
 * checkpoint's own object graph then gives each node's key. TF1 SavedModels restore variables
 * with {@code Assign(var, RestoreV2:i)}, where {@code tensor_names[i]} is the key. When neither
 * applies, TF1's convention holds: the key is the variable's name.
 */
final class VariableKeys {

  static final String OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";
  private static final Set<String> CALL_OPS = Set.of("PartitionedCall", "StatefulPartitionedCall");

  private final Map<String, String> keyByNode = new HashMap<>();

  VariableKeys(MetaGraphDef meta, CheckpointReader checkpoint, Path file) {
    Map<String, NodeDef> nodes = new HashMap<>();
    for (NodeDef n : meta.getGraphDef().getNodeList()) {
      nodes.put(n.getName(), n);
    }
    if (meta.hasObjectGraphDef() && checkpoint.contains(OBJECT_GRAPH_KEY)) {
      addObjectGraphKeys(meta, nodes, checkpoint, file);
    }
    addRestoreGraphKeys(nodes);
  }

  /** The checkpoint key of a main-graph variable node; falls back to the node's name. */
  String keyOf(String variableNode) {
    return keyByNode.getOrDefault(variableNode, variableNode);
  }

  private void addObjectGraphKeys(MetaGraphDef meta, Map<String, NodeDef> nodes, CheckpointReader checkpoint,
      Path file) {
    TrackableObjectGraph objects;
    try {
      List<byte[]> serialized = checkpoint.readStrings(OBJECT_GRAPH_KEY);
      if (serialized.size() != 1) {
        throw new InvalidProtocolBufferException("expected one serialized object graph, found " + serialized.size());
      }
      objects = TrackableObjectGraph.parseFrom(serialized.get(0));
    } catch (InvalidProtocolBufferException e) {
      throw ConversionException.builder("the checkpoint's object graph is corrupt: " + e.getMessage())
          .file(file)
          .hint("re-export the SavedModel")
          .cause(e)
          .build();
    }
    Map<String, SavedConcreteFunction> functions = meta.getObjectGraphDef().getConcreteFunctionsMap();
    for (NodeDef call : nodes.values()) {
      if (!CALL_OPS.contains(call.getOp()) || !call.containsAttr("f")) {
        continue;
      }
      SavedConcreteFunction fn = functions.get(call.getAttrOrThrow("f").getFunc().getName());
      if (fn == null || fn.getBoundInputsCount() == 0) {
        continue;
      }
      List<String> dataInputs = new ArrayList<>();
      for (String in : call.getInputList()) {
        if (!in.startsWith("^")) {
          dataInputs.add(in);
        }
      }
      int captured = fn.getBoundInputsCount();
      int first = dataInputs.size() - captured;
      for (int i = 0; i < captured && first >= 0; i++) {
        String handle = stripIndex(dataInputs.get(first + i));
        int objectId = fn.getBoundInputs(i);
        if (objectId < 0 || objectId >= objects.getNodesCount()) {
          continue;
        }
        for (TrackableObjectGraph.TrackableObject.SerializedTensor attr : objects.getNodes(objectId).getAttributesList()) {
          if (attr.getName().equals("VARIABLE_VALUE")) {
            keyByNode.putIfAbsent(handle, attr.getCheckpointKey());
          }
        }
      }
    }
  }

  private void addRestoreGraphKeys(Map<String, NodeDef> nodes) {
    for (NodeDef assign : nodes.values()) {
      if (!assign.getOp().equals("Assign") && !assign.getOp().equals("AssignVariableOp")) {
        continue;
      }
      if (assign.getInputCount() < 2) {
        continue;
      }
      String value = assign.getInput(1);
      NodeDef source = nodes.get(stripIndex(value));
      // Bounded: a damaged graph can chain Identity nodes in a circle.
      for (int hops = 0; source != null && source.getOp().equals("Identity") && source.getInputCount() > 0
          && hops <= nodes.size(); hops++) {
        value = source.getInput(0);
        source = nodes.get(stripIndex(value));
      }
      if (source == null || !source.getOp().equals("RestoreV2") || source.getInputCount() < 2) {
        continue;
      }
      NodeDef names = nodes.get(stripIndex(source.getInput(1)));
      if (names == null || !names.getOp().equals("Const") || !names.containsAttr("value")) {
        continue;
      }
      TensorProto namesTensor = names.getAttrOrThrow("value").getTensor();
      int index = outputIndex(value);
      if (index >= 0 && index < namesTensor.getStringValCount()) {
        keyByNode.putIfAbsent(stripIndex(assign.getInput(0)), namesTensor.getStringVal(index).toStringUtf8());
      }
    }
  }

  private static String stripIndex(String input) {
    int colon = input.indexOf(':');
    return colon < 0 ? input : input.substring(0, colon);
  }

  private static int outputIndex(String input) {
    int colon = input.lastIndexOf(':');
    if (colon < 0) {
      return 0;
    }
    try {
      return Integer.parseInt(input.substring(colon + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
