package io.litertj.legalize;

import io.litertj.ConversionException;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.savedmodel.SignatureInfo;
import io.litertj.tfgraph.FunctionGraph;
import io.litertj.tfgraph.GraphFlattener;
import io.litertj.tfgraph.TfNode;
import io.litertj.tfgraph.TfRef;
import io.litertj.tfgraph.TfTypes;
import io.litertj.tfgraph.VariableSource;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Legalizes one signature of a TensorFlow graph into a LiteRT subgraph: resolves the signature's
 * tensors, checks that every op it needs is supported (reporting all that are not at once), then
 * visits the nodes in dependency order, letting each op's legalizer emit LiteRT operators.
 */
public final class SignatureLegalizer {

  private static final Logger LOG = Logger.getLogger(SignatureLegalizer.class.getName());

  /**
   * Stand-in values for dynamic dimensions. Shape arithmetic is evaluated twice, once with each;
   * results that agree do not depend on the dynamic dimension and fold to constants.
   */
  static final long[] PROBE_DIMS = {97, 89};

  private final GraphFlattener graph;
  private final VariableSource variables;
  private final LegalizerTable table;
  private final ConstantEvaluator folder;
  private final Path file;
  private final Map<String, Shape> inputShapes;

  private final Map<Tensor, long[][]> probes = new IdentityHashMap<>();
  private final Map<Tensor, Object> annotations = new IdentityHashMap<>();
  private final Map<TfNode, Map<String, List<FunctionGraph>>> functions = new IdentityHashMap<>();
  /** The subgraph being built: the signature's, or a function's that control flow runs. */
  private Scope scope = new Scope();

  /** Values and operators of one subgraph under construction. */
  private static final class Scope {
    final Map<TfRef, Tensor> values = new HashMap<>();
    final List<Operator> operators = new ArrayList<>();
  }

  /**
   * @param inputShapes shapes that override the signature's, by input name (for unknown ranks)
   */
  public SignatureLegalizer(GraphFlattener graph, VariableSource variables, LegalizerTable table,
      ConstantEvaluator folder, Path file, Map<String, Shape> inputShapes) {
    this.graph = graph;
    this.variables = variables;
    this.table = table;
    this.folder = folder;
    this.file = file;
    this.inputShapes = Map.copyOf(inputShapes);
  }

  Path file() {
    return file;
  }

  VariableSource variables() {
    return variables;
  }

  public Subgraph legalize(SignatureInfo signature) {
    scope = new Scope();
    Map<TfRef, Tensor> values = scope.values;
    Subgraph subgraph = new Subgraph(signature.key());
    UnsupportedOps unsupported = new UnsupportedOps();
    Set<TfRef> inputRefs = new HashSet<>();
    for (SignatureInfo.TensorSpec spec : signature.inputs()) {
      TfRef ref = graph.resolve(spec.graphTensor());
      inputRefs.add(ref);
      DataType type = TfTypes.toIr(spec.dtype());
      if (type == null || type == DataType.STRING) {
        unsupported.add("input of type " + spec.dtype(), spec.graphTensor() + " (signature input '" + spec.name() + "')",
            "LiteRT builtins cannot take " + spec.dtype() + " inputs");
        continue;
      }
      Tensor input = new Tensor(spec.graphTensor(), type, inputShape(signature.key(), spec));
      values.put(ref, input);
      subgraph.addInput(spec.name(), input);
    }
    List<TfRef> outputRefs = new ArrayList<>();
    for (SignatureInfo.TensorSpec spec : signature.outputs()) {
      if (TfTypes.toIr(spec.dtype()) == DataType.STRING) {
        unsupported.add("output of type " + spec.dtype(), spec.name(),
            "LiteRT builtins cannot produce string outputs");
      }
      outputRefs.add(graph.resolve(spec.graphTensor()));
    }
    List<TfNode> order = dependencyOrder(outputRefs, inputRefs);
    check(order, inputRefs, List.of(), unsupported, 0);
    if (!unsupported.isEmpty()) {
      throw unsupported.toException(signature.key(), file);
    }
    for (TfNode node : order) {
      legalizeNode(node);
    }
    for (int i = 0; i < outputRefs.size(); i++) {
      Tensor out = values.get(outputRefs.get(i));
      SignatureInfo.TensorSpec spec = signature.outputs().get(i);
      if (out == null) {
        throw ConversionException.builder("signature '" + signature.key() + "' output '" + spec.name() + "' is "
                + spec.graphTensor() + ", a tensor the graph does not produce")
            .node(outputRefs.get(i).node().name())
            .opType(outputRefs.get(i).node().op())
            .file(file)
            .hint("the node has fewer outputs than the signature names; re-export the SavedModel")
            .build();
      }
      subgraph.addOutput(spec.name(), out);
    }
    subgraph.replaceOperators(scope.operators);
    return subgraph;
  }

  /** Control flow nested deeper than this is refused. */
  static final int MAX_NESTING = 32;

  /**
   * Records every op of {@code order} the converter cannot handle, and those in the functions that
   * its control-flow nodes run (recursively), so that one error names them all.
   */
  private void check(List<TfNode> order, Set<TfRef> inputs, List<TfNode> controlReturns, UnsupportedOps unsupported,
      int depth) {
    for (TfNode node : order) {
      if (table.get(node.op()) == null) {
        unsupported.add(node.op(), node.name());
      } else if (node.op().equals("Placeholder")) {
        unsupported.add("Placeholder", node.name(), "a graph input that is not an input of this signature");
      } else if (depth < MAX_NESTING) {
        for (List<FunctionGraph> fs : functionsOf(node).values()) {
          for (FunctionGraph f : fs) {
            Set<TfRef> args = argRefs(f);
            check(dependencyOrder(f.outputs(), args), args, f.controlReturns(), unsupported, depth + 1);
          }
        }
      } else if (!functionsOf(node).isEmpty()) {
        unsupported.add(node.op(), node.name(), "control flow nested more than " + MAX_NESTING + " deep");
      }
    }
    for (TfNode effect : SideEffects.behindControlEdges(order, inputs)) {
      unsupported.add(effect.op(), effect.name());
    }
    for (TfNode ret : controlReturns) {
      if (SideEffects.changesState(ret.op())) {
        unsupported.add(ret.op(), ret.name());
      }
    }
  }

  private static Set<TfRef> argRefs(FunctionGraph f) {
    Set<TfRef> args = new HashSet<>();
    for (int i = 0; i < f.args().size(); i++) {
      args.add(f.arg(i));
    }
    return args;
  }

  /**
   * The library functions a node runs, by attribute (a {@code func} or a list of them), flattened
   * once per node so that the check and the legalizer see the same nodes.
   */
  Map<String, List<FunctionGraph>> functionsOf(TfNode node) {
    Map<String, List<FunctionGraph>> done = functions.get(node);
    if (done != null) {
      return done;
    }
    Map<String, List<FunctionGraph>> found = new java.util.TreeMap<>();
    for (Map.Entry<String, org.tensorflow.proto.AttrValue> e : new java.util.TreeMap<>(node.attrs()).entrySet()) {
      org.tensorflow.proto.AttrValue v = e.getValue();
      List<String> names = new ArrayList<>();
      if (v.hasFunc()) {
        names.add(v.getFunc().getName());
      } else if (v.hasList()) {
        v.getList().getFuncList().forEach(fn -> names.add(fn.getName()));
      }
      List<FunctionGraph> graphs = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String prefix = node.name() + "/" + e.getKey() + (names.size() > 1 || v.hasList() ? "_" + i : "") + "/";
        graphs.add(graph.function(names.get(i), prefix, node.name()));
      }
      if (!graphs.isEmpty()) {
        found.put(e.getKey(), List.copyOf(graphs));
      }
    }
    functions.put(node, found);
    return found;
  }

  /**
   * Legalizes a function into a new subgraph. Each argument is bound to a constant (copied into
   * the subgraph) or becomes one of the subgraph's inputs, in argument order; the function's
   * outputs are returned, not yet added as the subgraph's outputs. The subgraph being built before
   * is left as it was.
   */
  FunctionBody legalizeFunction(FunctionGraph f, String subgraphName, List<FunctionArg> args, TfNode caller) {
    if (args.size() != f.args().size()) {
      throw ConversionException.builder(caller.op() + " passes " + args.size() + " values to function '" + f.name()
              + "', which takes " + f.args().size())
          .node(caller.name())
          .opType(caller.op())
          .file(file)
          .build();
    }
    Scope outer = scope;
    scope = new Scope();
    try {
      Subgraph subgraph = new Subgraph(subgraphName);
      List<Tensor> inputs = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        FunctionArg arg = args.get(i);
        Tensor bound;
        if (arg.isConstant()) {
          Tensor c = arg.value();
          bound = Tensor.constant(c.name(), c.type(), c.shape(), c.data());
          bound.setQuantization(c.quantization());
          inputs.add(null);
        } else {
          bound = new Tensor(f.args().get(i).name(), arg.value().type(), arg.value().shape());
          String key = f.argDefs().get(i).getName();
          subgraph.addInput(key, bound);
          inputs.add(bound);
        }
        if (arg.sameValue()) {
          long[][] p = probes.get(arg.value());
          if (p != null) {
            probes.put(bound, p);
          }
        }
        Object note = annotations.get(arg.value());
        if (note != null) {
          annotations.put(bound, note);
        }
        scope.values.put(f.arg(i), bound);
      }
      for (TfNode node : dependencyOrder(f.outputs(), argRefs(f))) {
        legalizeNode(node);
      }
      List<Tensor> outputs = new ArrayList<>();
      for (int i = 0; i < f.outputs().size(); i++) {
        Tensor out = scope.values.get(f.outputs().get(i));
        if (out == null) {
          throw ConversionException.builder("function '" + f.name() + "' output '" + f.outputDefs().get(i).getName()
                  + "' has no value")
              .node(caller.name())
              .opType(caller.op())
              .file(file)
              .build();
        }
        outputs.add(out);
      }
      subgraph.replaceOperators(scope.operators);
      return new FunctionBody(subgraph, inputs, outputs);
    } finally {
      scope = outer;
    }
  }

  /** Legalizes a function's nodes into the current subgraph, its arguments bound to {@code args}. */
  List<Tensor> inlineFunction(FunctionGraph f, List<Tensor> args, TfNode caller) {
    if (args.size() != f.args().size()) {
      throw ConversionException.builder(caller.op() + " passes " + args.size() + " values to function '" + f.name()
              + "', which takes " + f.args().size())
          .node(caller.name())
          .opType(caller.op())
          .file(file)
          .build();
    }
    for (int i = 0; i < args.size(); i++) {
      scope.values.put(f.arg(i), args.get(i));
    }
    for (TfNode node : dependencyOrder(f.outputs(), argRefs(f))) {
      legalizeNode(node);
    }
    List<Tensor> outputs = new ArrayList<>();
    for (TfRef ref : f.outputs()) {
      outputs.add(scope.values.get(ref));
    }
    return outputs;
  }

  void annotate(Tensor tensor, Object note) {
    annotations.put(tensor, note);
  }

  <T> T annotation(Tensor tensor, Class<T> kind) {
    Object note = annotations.get(tensor);
    return kind.isInstance(note) ? kind.cast(note) : null;
  }

  private Shape inputShape(String signatureKey, SignatureInfo.TensorSpec spec) {
    Shape override = inputShapes.get(spec.name());
    if (override != null) {
      return override;
    }
    if (spec.shape() == null) {
      LOG.warning(() -> "input '" + spec.name() + "' of signature '" + signatureKey
          + "' has unknown rank; converting it as a scalar. Set its shape to convert it otherwise.");
      return Shape.scalar();
    }
    return spec.shape();
  }

  /** Nodes the outputs depend on, inputs before their consumers; iterative for deep graphs. */
  private List<TfNode> dependencyOrder(List<TfRef> outputs, Set<TfRef> stopAt) {
    List<TfNode> order = new ArrayList<>();
    Set<TfNode> visited = new HashSet<>();
    Deque<Object[]> stack = new ArrayDeque<>();
    for (TfRef out : outputs) {
      if (!stopAt.contains(out) && visited.add(out.node())) {
        stack.push(new Object[] {out.node(), 0});
      }
      while (!stack.isEmpty()) {
        Object[] frame = stack.peek();
        TfNode node = (TfNode) frame[0];
        int next = (Integer) frame[1];
        if (next < node.inputs().size()) {
          frame[1] = next + 1;
          TfRef in = node.inputs().get(next);
          if (!stopAt.contains(in) && visited.add(in.node())) {
            stack.push(new Object[] {in.node(), 0});
          }
        } else {
          stack.pop();
          order.add(node);
        }
      }
    }
    return order;
  }

  private void legalizeNode(TfNode node) {
    Map<TfRef, Tensor> values = scope.values;
    if (values.containsKey(node.output(0)) && node.op().equals(FunctionGraph.ARG_OP)) {
      return; // bound by the caller
    }
    List<Tensor> inputs = new ArrayList<>();
    for (TfRef ref : node.inputs()) {
      Tensor t = values.get(ref);
      if (t == null) {
        throw ConversionException.builder("input '" + ref + "' of node '" + node.name() + "' has no value")
            .node(node.name())
            .opType(node.op())
            .file(file)
            .hint("it is an output the producing op does not have, or an unsupported input type")
            .build();
      }
      inputs.add(t);
    }
    NodeContext ctx = new NodeContext(this, node, inputs);
    List<Tensor> outputs;
    try {
      outputs = table.get(node.op()).legalize(ctx);
    } catch (ConversionException e) {
      throw e;
    } catch (RuntimeException e) {
      // Legalizers check what they read; anything else escaping one is our bug, named by node.
      throw ConversionException.internalBuilder("legalizing", file, String.valueOf(e))
          .node(node.name())
          .opType(node.op())
          .cause(e)
          .build();
    }
    for (int i = 0; i < outputs.size(); i++) {
      Tensor out = outputs.get(i);
      if (out != null && ctx.createdHere(out)) {
        out.setName(i == 0 ? node.name() : node.name() + ":" + i);
      }
      values.put(new TfRef(node, i), out);
    }
  }

  void emit(NodeContext ctx, BuiltinOp op, List<Tensor> ins, List<Tensor> outs, OpOptions options) {
    if (folder != null && foldable(ins)) {
      boolean probed = ins.stream().anyMatch(t -> t != null && !t.isConstant());
      if (!probed) {
        List<ConstantData> data = folder.evaluate(op, ins, options, outs);
        if (data != null) {
          for (int i = 0; i < outs.size(); i++) {
            outs.get(i).setData(data.get(i));
          }
          return;
        }
      } else if (foldWithProbes(op, ins, outs, options)) {
        return;
      }
    }
    scope.operators.add(new Operator(op, ins, outs, options));
  }

  private boolean foldable(List<Tensor> ins) {
    for (Tensor t : ins) {
      if (t != null && !t.isConstant() && !probes.containsKey(t)) {
        return false;
      }
    }
    return true;
  }

  /** Folds an op on partially known inputs; true when every output turned out constant. */
  private boolean foldWithProbes(BuiltinOp op, List<Tensor> ins, List<Tensor> outs, OpOptions options) {
    List<List<ConstantData>> results = new ArrayList<>();
    for (int p = 0; p < PROBE_DIMS.length; p++) {
      List<Tensor> substituted = new ArrayList<>();
      for (Tensor t : ins) {
        substituted.add(t == null || t.isConstant() ? t : probeTensor(t, probes.get(t)[p]));
      }
      List<Tensor> probeOuts = new ArrayList<>();
      for (Tensor o : outs) {
        probeOuts.add(new Tensor(o.name(), o.type(), o.shape()));
      }
      List<ConstantData> data = folder.evaluate(op, substituted, options, probeOuts);
      if (data == null) {
        return false;
      }
      results.add(data);
    }
    boolean allSame = true;
    for (int i = 0; i < outs.size(); i++) {
      long[] a = longs(outs.get(i).type(), results.get(0).get(i));
      long[] b = longs(outs.get(i).type(), results.get(1).get(i));
      if (a == null || b == null) {
        return false;
      }
      if (!java.util.Arrays.equals(a, b)) {
        allSame = false;
      }
    }
    if (allSame) {
      for (int i = 0; i < outs.size(); i++) {
        outs.get(i).setData(results.get(0).get(i));
      }
      return true;
    }
    for (int i = 0; i < outs.size(); i++) {
      long[] first = longs(outs.get(i).type(), results.get(0).get(i));
      long[] second = longs(outs.get(i).type(), results.get(1).get(i));
      // An output whose length depends on the dynamic dimension (a Range to it) is simply unknown.
      if (first.length == second.length) {
        probes.put(outs.get(i), new long[][] {first, second});
      }
    }
    return false;
  }

  private static Tensor probeTensor(Tensor like, long[] values) {
    ConstantData data = like.type() == DataType.INT64 ? ConstantData.ofLongs(values) : ConstantData.ofInts(toInts(values));
    Shape shape = like.shape().isStatic() ? like.shape() : Shape.of(values.length);
    return Tensor.constant(like.name(), like.type(), shape, data);
  }

  private static int[] toInts(long[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (int) values[i];
    }
    return out;
  }

  private static long[] longs(DataType type, ConstantData data) {
    ByteBuffer b = data.bytes();
    if (type == DataType.INT32) {
      long[] out = new long[b.remaining() / 4];
      for (int i = 0; i < out.length; i++) {
        out[i] = b.getInt();
      }
      return out;
    }
    if (type == DataType.INT64) {
      long[] out = new long[b.remaining() / 8];
      for (int i = 0; i < out.length; i++) {
        out[i] = b.getLong();
      }
      return out;
    }
    return null;
  }

  void recordProbes(Tensor tensor, long[][] values) {
    if (values.length != PROBE_DIMS.length) {
      throw new IllegalArgumentException("need one value set per probe");
    }
    probes.put(tensor, values);
  }

  /** The legalized value of {@code ref}, or null if its node is not legalized (yet). */
  Tensor value(TfRef ref) {
    return scope.values.get(ref);
  }

  long[] partialInts(Tensor t) {
    if (t.isConstant() && (t.type() == DataType.INT32 || t.type() == DataType.INT64)) {
      return t.constantLongs();
    }
    long[][] p = probes.get(t);
    if (p == null) {
      return null;
    }
    long[] out = new long[p[0].length];
    for (int i = 0; i < out.length; i++) {
      out[i] = p[0][i] == p[1][i] ? p[0][i] : Shape.DYNAMIC;
    }
    return out;
  }

  long[][] probeValues(Tensor t) {
    if (t.isConstant() && (t.type() == DataType.INT32 || t.type() == DataType.INT64)) {
      long[] values = t.constantLongs();
      return new long[][] {values, values};
    }
    return probes.get(t);
  }

  /** The probe values of a dynamic dimension, for legalizers of shape-reading ops. */
  public static long probeDim(int probe) {
    return PROBE_DIMS[probe];
  }
}
