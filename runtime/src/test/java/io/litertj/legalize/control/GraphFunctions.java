package io.litertj.legalize.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/**
 * Library functions built from a TF Java graph and written out as {@link FunctionDef} protos,
 * for functions TF Java's {@code ConcreteFunction} cannot make: those that take or return element
 * lists (DT_VARIANT), whose Java type it has no class for. The graph's placeholders (in order) are
 * the arguments; node inputs are rewritten into the function form {@code node:output_arg:index}
 * with TensorFlow's registered op definitions. {@link #attach} adds the functions to a graph, which
 * then exports them with the SavedModel.
 */
public final class GraphFunctions {

  private static final Map<String, OpDef> OPS = new HashMap<>();

  private GraphFunctions() {}

  /**
   * Builds function {@code name}: {@code body} gets an {@link Ops} and one placeholder per
   * argument (typed as {@code args} say) and returns the outputs.
   */
  public static FunctionDef of(String name, List<Functions.Arg> args, Function<Functions.Body, List<? extends Operand<?>>> body) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<Operand<?>> placeholders = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        Functions.Arg a = args.get(i);
        var b = g.opBuilder("Placeholder", String.format("a%02d", i), tf.scope()).setAttr("dtype", a.type());
        if (a.shape() != null) {
          b.setAttr("shape", a.shape());
        }
        placeholders.add(b.build().output(0));
      }
      List<? extends Operand<?>> outputs = body.apply(new Functions.Body(tf, placeholders));
      return toFunction(name, g, placeholders, outputs);
    }
  }

  /** Adds the functions to {@code graph}'s library. */
  public static void attach(Graph graph, FunctionDef... functions) {
    graph.importGraphDef(GraphDef.newBuilder()
        .setLibrary(FunctionDefLibrary.newBuilder().addAllFunction(List.of(functions))).build());
  }

  /**
   * A While node (stateful: it may read variables) in {@code g} over {@code inputs}, running
   * {@code cond} and {@code body}, which it first adds to the graph's library.
   */
  public static org.tensorflow.Operation whileOp(io.litertj.testing.SavedModels.Context g,
      List<? extends Operand<?>> inputs, FunctionDef cond, FunctionDef body) {
    attach(g.graph(), cond, body);
    org.tensorflow.proto.DataType[] types = inputs.stream().map(i -> i.asOutput().dataType())
        .toArray(org.tensorflow.proto.DataType[]::new);
    return g.graph().opBuilder("While", g.tf().scope().makeUnique("while"), g.tf().scope())
        .addInputList(inputs.stream().map(Operand::asOutput).toArray(Output[]::new))
        .setAttr("T", types)
        .setAttr("cond", func(cond))
        .setAttr("body", func(body))
        .build();
  }

  /** A function-valued attribute naming {@code f}. */
  public static AttrValue func(FunctionDef f) {
    return AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName(f.getSignature().getName())).build();
  }

  private static FunctionDef toFunction(String name, Graph g, List<Operand<?>> args, List<? extends Operand<?>> outs) {
    GraphDef def = g.toGraphDef();
    Map<String, NodeDef> nodes = new HashMap<>();
    def.getNodeList().forEach(n -> nodes.put(n.getName(), n));
    FunctionDef.Builder f = FunctionDef.newBuilder();
    OpDef.Builder sig = f.getSignatureBuilder().setName(name);
    java.util.Set<String> argNames = new java.util.HashSet<>();
    for (Operand<?> a : args) {
      String n = a.op().name();
      argNames.add(n);
      sig.addInputArg(OpDef.ArgDef.newBuilder().setName(n).setType(a.asOutput().dataType()));
    }
    for (NodeDef n : def.getNodeList()) {
      if (argNames.contains(n.getName())) {
        continue;
      }
      NodeDef.Builder copy = n.toBuilder().clearInput();
      for (String in : n.getInputList()) {
        copy.addInput(in.startsWith("^") ? in : reference(in, nodes, argNames));
      }
      f.addNodeDef(copy);
    }
    for (int i = 0; i < outs.size(); i++) {
      Output<?> o = outs.get(i).asOutput();
      String out = String.format("o%02d", i);
      sig.addOutputArg(OpDef.ArgDef.newBuilder().setName(out).setType(o.dataType()));
      f.putRet(out, reference(o.op().name() + ":" + o.index(), nodes, argNames));
    }
    return f.build();
  }

  /** {@code node:index} of the graph as a function body names it. */
  private static String reference(String graphInput, Map<String, NodeDef> nodes, java.util.Set<String> args) {
    int colon = graphInput.lastIndexOf(':');
    String node = colon < 0 ? graphInput : graphInput.substring(0, colon);
    int index = colon < 0 ? 0 : Integer.parseInt(graphInput.substring(colon + 1));
    if (args.contains(node)) {
      return node;
    }
    NodeDef producer = nodes.get(node);
    OpDef op = opDef(producer.getOp());
    int offset = 0;
    for (OpDef.ArgDef out : op.getOutputArgList()) {
      int length = 1;
      if (!out.getNumberAttr().isEmpty()) {
        length = (int) producer.getAttrOrThrow(out.getNumberAttr()).getI();
      } else if (!out.getTypeListAttr().isEmpty()) {
        length = producer.getAttrOrThrow(out.getTypeListAttr()).getList().getTypeCount();
      }
      if (index < offset + length) {
        return node + ":" + out.getName() + ":" + (index - offset);
      }
      offset += length;
    }
    throw new IllegalArgumentException("op " + producer.getOp() + " has no output " + index);
  }

  private static synchronized OpDef opDef(String op) {
    if (OPS.isEmpty()) {
      TensorFlow.registeredOpList().getOpList().forEach(d -> OPS.put(d.getName(), d));
    }
    OpDef d = OPS.get(op);
    if (d == null) {
      throw new IllegalArgumentException("TensorFlow has no op " + op);
    }
    return d;
  }
}
