package io.litertj.tfgraph;

import io.litertj.ConversionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/**
 * Turns a GraphDef and its function library into one flat dataflow graph, on demand: only nodes
 * that a requested tensor depends on are materialized. Function calls (PartitionedCall,
 * StatefulPartitionedCall, or a node whose op names a library function) are inlined, their body
 * nodes renamed {@code callNode/bodyNode}.
 */
public final class GraphFlattener {

  private static final Set<String> CALL_OPS = Set.of("PartitionedCall", "StatefulPartitionedCall");

  private final Map<String, FunctionDef> functions = new HashMap<>();
  private final OpDefs opDefs;
  private final Path file;
  private final Scope root;

  public GraphFlattener(GraphDef graph, List<OpDef> opList, Path file) {
    for (FunctionDef f : graph.getLibrary().getFunctionList()) {
      functions.put(f.getSignature().getName(), f);
    }
    this.opDefs = new OpDefs(opList);
    this.file = file;
    Map<String, NodeDef> nodes = new HashMap<>();
    for (NodeDef n : graph.getNodeList()) {
      nodes.put(n.getName(), n);
    }
    this.root = new Scope("", nodes, Map.of(), null);
  }

  public OpDefs opDefs() {
    return opDefs;
  }

  /** Whether the main graph has a node of this name. */
  public boolean hasNode(String name) {
    return root.nodes.containsKey(name);
  }

  /** The main graph's node definition, or null. */
  public NodeDef mainNode(String name) {
    return root.nodes.get(name);
  }

  /** Resolves a main-graph tensor name such as {@code x:0} or {@code StatefulPartitionedCall:1}. */
  public TfRef resolve(String tensorName) {
    String name = tensorName;
    int index = 0;
    int colon = tensorName.lastIndexOf(':');
    if (colon > 0) {
      try {
        index = Integer.parseInt(tensorName.substring(colon + 1));
        name = tensorName.substring(0, colon);
      } catch (NumberFormatException e) {
        // not an index: a plain node name that contains ':'
      }
    }
    if (!root.nodes.containsKey(name)) {
      throw ConversionException.builder("the graph has no node '" + name + "' for tensor '" + tensorName + "'")
          .file(file)
          .hint("the SavedModel's signature refers to a missing node; re-export the SavedModel")
          .build();
    }
    return root.output(name, index);
  }

  /** Whether the library defines a function of this name. */
  public boolean hasFunction(String name) {
    return functions.containsKey(name);
  }

  /**
   * Flattens library function {@code name} on its own, as a control-flow op runs it: its arguments
   * become {@code _Arg} nodes, its nodes are named {@code prefix + node}, and calls inside it are
   * inlined. Each call gives new nodes.
   *
   * @param caller the node that runs the function, for messages
   */
  public FunctionGraph function(String name, String prefix, String caller) {
    FunctionDef f = functions.get(name);
    if (f == null) {
      throw ConversionException.builder("function '" + name + "' is not in the SavedModel's library")
          .node(caller)
          .file(file)
          .hint("the SavedModel is malformed; re-export it")
          .build();
    }
    List<OpDef.ArgDef> formals = f.getSignature().getInputArgList();
    List<TfNode> args = new ArrayList<>();
    Map<String, TfRef> bound = new HashMap<>();
    for (int i = 0; i < formals.size(); i++) {
      OpDef.ArgDef formal = formals.get(i);
      Map<String, AttrValue> attrs = Map.of("T", AttrValue.newBuilder().setType(formal.getType()).build(),
          "index", AttrValue.newBuilder().setI(i).build());
      TfNode arg = new TfNode(prefix + formal.getName(), FunctionGraph.ARG_OP, attrs, List.of(), List.of());
      args.add(arg);
      bound.put(formal.getName(), arg.output(0));
    }
    Map<String, NodeDef> body = new HashMap<>();
    for (NodeDef n : f.getNodeDefList()) {
      body.put(n.getName(), n);
    }
    Scope scope = new Scope(prefix, body, bound, name);
    List<TfRef> outs = new ArrayList<>();
    for (OpDef.ArgDef out : f.getSignature().getOutputArgList()) {
      String ret = f.getRetMap().get(out.getName());
      if (ret == null) {
        throw ConversionException.builder("function '" + name + "' does not say what it returns as '"
                + out.getName() + "'")
            .node(caller)
            .file(file)
            .build();
      }
      outs.add(scope.input(ret, null));
    }
    List<TfNode> controlReturns = new ArrayList<>();
    for (String controlRet : f.getControlRetMap().values()) {
      controlReturns.addAll(scope.controlTargets(controlRet, null));
    }
    return new FunctionGraph(name, args, formals, outs, f.getSignature().getOutputArgList(), controlReturns);
  }

  /** A graph (the main one, or one function call's body) in which names resolve. */
  private final class Scope {
    final String prefix;
    final Map<String, NodeDef> nodes;
    final Map<String, TfRef> args;
    final String functionName;
    final Map<String, TfNode> made = new HashMap<>();
    final Map<String, List<TfRef>> callOutputs = new HashMap<>();
    final Map<String, List<TfNode>> callControlReturns = new HashMap<>();
    final Set<String> inProgress = new HashSet<>();

    Scope(String prefix, Map<String, NodeDef> nodes, Map<String, TfRef> args, String functionName) {
      this.prefix = prefix;
      this.nodes = nodes;
      this.args = args;
      this.functionName = functionName;
    }

    /** Resolves an input string of a node in this scope; null for control inputs. */
    TfRef input(String spec, NodeDef consumer) {
      if (spec.startsWith("^")) {
        return null;
      }
      if (functionName == null) {
        int colon = spec.lastIndexOf(':');
        if (colon > 0) {
          return output(spec.substring(0, colon), parseIndex(spec.substring(colon + 1), consumer));
        }
        return output(spec, 0);
      }
      String[] parts = spec.split(":");
      if (parts.length == 1) {
        TfRef arg = args.get(spec);
        if (arg != null) {
          return arg;
        }
        return output(spec, 0);
      }
      String nodeName = parts[0];
      NodeDef producer = nodes.get(nodeName);
      if (producer == null) {
        throw missing(nodeName, consumer);
      }
      if (parts.length == 2) {
        return output(nodeName, parseIndex(parts[1], consumer));
      }
      int argIndex = parseIndex(parts[2], consumer);
      Map<String, AttrValue> attrs = opDefs.attrsWithDefaults(producer);
      int flat = isCall(producer)
          ? argIndex
          : opDefs.flatOutputIndex(producer.getOp(), attrs, parts[1], argIndex);
      if (flat < 0) {
        throw ConversionException.builder("cannot resolve output '" + parts[1] + "' of node '" + nodeName
                + "' in function " + functionName)
            .node(consumer == null ? null : prefix + consumer.getName())
            .opType(producer.getOp())
            .file(file)
            .hint("the SavedModel does not define op " + producer.getOp() + " in its op list")
            .build();
      }
      return output(nodeName, flat);
    }

    TfRef output(String nodeName, int index) {
      NodeDef def = nodes.get(nodeName);
      if (def == null) {
        throw missing(nodeName, null);
      }
      if (isCall(def)) {
        List<TfRef> outs = inline(def);
        if (index < 0 || index >= outs.size()) {
          throw ConversionException.builder("output " + index + " of call '" + prefix + nodeName
                  + "' does not exist; the function returns " + outs.size())
              .file(file)
              .build();
        }
        return outs.get(index);
      }
      return new TfRef(node(def), index);
    }

    TfNode node(NodeDef def) {
      TfNode done = made.get(def.getName());
      if (done != null) {
        return done;
      }
      if (!inProgress.add(def.getName())) {
        throw ConversionException.builder("the graph has a cycle through node '" + prefix + def.getName() + "'")
            .opType(def.getOp())
            .file(file)
            .hint("loops built from v1 control flow (Enter/Exit/NextIteration) are not supported; "
                + "export the model with TF2 control flow or without loops")
            .build();
      }
      List<TfRef> inputs = new ArrayList<>();
      List<TfNode> controls = new ArrayList<>();
      for (String spec : def.getInputList()) {
        if (spec.startsWith("^")) {
          controls.addAll(controlTargets(spec.substring(1), def));
          continue;
        }
        inputs.add(input(spec, def));
      }
      TfNode node = new TfNode(prefix + def.getName(), def.getOp(), opDefs.attrsWithDefaults(def), inputs, controls);
      inProgress.remove(def.getName());
      made.put(def.getName(), node);
      return node;
    }

    /** The nodes a control edge on {@code name} waits for: the node, or a call's control returns. */
    List<TfNode> controlTargets(String name, NodeDef consumer) {
      NodeDef target = nodes.get(name);
      if (target == null) {
        TfRef arg = args.get(name);
        if (arg != null) {
          return List.of(arg.node());
        }
        throw missing(name, consumer);
      }
      if (!isCall(target)) {
        return List.of(node(target));
      }
      List<TfNode> targets = new ArrayList<>();
      for (TfRef out : inline(target)) {
        targets.add(out.node());
      }
      targets.addAll(callControlReturns.getOrDefault(target.getName(), List.of()));
      return targets;
    }

    List<TfRef> inline(NodeDef call) {
      List<TfRef> done = callOutputs.get(call.getName());
      if (done != null) {
        return done;
      }
      if (CALL_OPS.contains(call.getOp()) && (!call.containsAttr("f") || !call.getAttrOrThrow("f").hasFunc())) {
        throw ConversionException.builder("call '" + prefix + call.getName() + "' names no function (attribute f)")
            .node(prefix + call.getName())
            .opType(call.getOp())
            .file(file)
            .hint("the SavedModel is malformed; re-export it")
            .build();
      }
      String calleeName = CALL_OPS.contains(call.getOp()) ? call.getAttrOrThrow("f").getFunc().getName() : call.getOp();
      FunctionDef callee = functions.get(calleeName);
      if (callee == null) {
        throw ConversionException.builder("function '" + calleeName + "' is not in the SavedModel's library")
            .node(prefix + call.getName())
            .opType(call.getOp())
            .file(file)
            .build();
      }
      if (!inProgress.add(call.getName())) {
        throw ConversionException.builder("function '" + calleeName + "' calls itself").file(file).build();
      }
      List<TfRef> actuals = new ArrayList<>();
      for (String spec : call.getInputList()) {
        TfRef ref = input(spec, call);
        if (ref != null) {
          actuals.add(ref);
        }
      }
      List<OpDef.ArgDef> formals = callee.getSignature().getInputArgList();
      if (formals.size() != actuals.size()) {
        throw ConversionException.builder("call '" + prefix + call.getName() + "' passes " + actuals.size()
                + " inputs to function '" + calleeName + "', which takes " + formals.size())
            .file(file)
            .build();
      }
      Map<String, TfRef> bound = new HashMap<>();
      for (int i = 0; i < formals.size(); i++) {
        bound.put(formals.get(i).getName(), actuals.get(i));
      }
      Map<String, NodeDef> body = new HashMap<>();
      for (NodeDef n : callee.getNodeDefList()) {
        body.put(n.getName(), n);
      }
      Scope inner = new Scope(prefix + call.getName() + "/", body, bound, calleeName);
      List<TfRef> outs = new ArrayList<>();
      for (OpDef.ArgDef out : callee.getSignature().getOutputArgList()) {
        String ret = callee.getRetMap().get(out.getName());
        if (ret == null) {
          throw ConversionException.builder("function '" + calleeName + "' does not say what it returns as '"
                  + out.getName() + "'")
              .file(file)
              .build();
        }
        outs.add(inner.input(ret, call));
      }
      List<TfNode> controlReturns = new ArrayList<>();
      for (String controlRet : callee.getControlRetMap().values()) {
        controlReturns.addAll(inner.controlTargets(controlRet, call));
      }
      inProgress.remove(call.getName());
      callOutputs.put(call.getName(), outs);
      callControlReturns.put(call.getName(), controlReturns);
      return outs;
    }

    boolean isCall(NodeDef def) {
      return CALL_OPS.contains(def.getOp()) || functions.containsKey(def.getOp());
    }

    int parseIndex(String text, NodeDef consumer) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw ConversionException.builder("malformed input reference ':" + text + "'")
            .node(consumer == null ? null : prefix + consumer.getName())
            .file(file)
            .build();
      }
    }

    ConversionException missing(String nodeName, NodeDef consumer) {
      return ConversionException.builder("node '" + prefix + nodeName + "' is referenced but not defined"
              + (functionName != null ? " in function " + functionName : ""))
          .node(consumer == null ? null : prefix + consumer.getName())
          .file(file)
          .hint("the SavedModel is malformed; re-export it")
          .build();
    }
  }
}
