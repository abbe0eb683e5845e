package io.litertj.legalize;

import io.litertj.ConversionException;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.tfgraph.FunctionGraph;
import io.litertj.tfgraph.TfNode;
import io.litertj.tfgraph.TfRef;
import io.litertj.tfgraph.TfTypes;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.AttrValue;

/**
 * What a legalizer sees of one TensorFlow node: its legalized inputs, its attributes, and the
 * means to emit LiteRT operators and constants. Emitted operators whose inputs are constant are
 * folded on the spot.
 */
public final class NodeContext {

  private final SignatureLegalizer driver;
  private final TfNode node;
  private final List<Tensor> inputs;
  private final List<Tensor> created = new ArrayList<>();
  private int counter;

  NodeContext(SignatureLegalizer driver, TfNode node, List<Tensor> inputs) {
    this.driver = driver;
    this.node = node;
    this.inputs = inputs;
  }

  public TfNode node() {
    return node;
  }

  public String name() {
    return node.name();
  }

  public String op() {
    return node.op();
  }

  public int inputCount() {
    return inputs.size();
  }

  public Tensor input(int index) {
    if (index < 0 || index >= inputs.size()) {
      throw error("expects at least " + (Math.max(index, 0) + 1) + " inputs but has " + inputs.size(), null);
    }
    return inputs.get(index);
  }

  public List<Tensor> inputs() {
    return List.copyOf(inputs);
  }

  /** Input {@code index}, which the LiteRT op needs as a constant at conversion time. */
  public Tensor constantInput(int index, String what) {
    Tensor t = input(index);
    if (!t.isConstant()) {
      throw error("needs its " + what + " (input " + index + ") to be a constant, but it is computed at run time",
          "LiteRT fixes the " + what + " when the model is converted; make it a constant in the model");
    }
    return t;
  }

  /** Integer values of a constant input (INT32 or INT64). */
  public long[] constantInts(int index, String what) {
    Tensor t = constantInput(index, what);
    if (t.type() != DataType.INT32 && t.type() != DataType.INT64) {
      throw error("needs an integer " + what + ", got " + t.type(), null);
    }
    return t.constantLongs();
  }

  /**
   * The values of a shape-like integer input, which may depend on dynamic dimensions: entries
   * that do are {@link Shape#DYNAMIC}. Returns null when the values are not known at all.
   */
  public long[] partialInts(int index) {
    return driver.partialInts(input(index));
  }

  /**
   * The per-probe values of a shape-like integer input ({@code [probe][entry]}), one row per
   * stand-in value of the dynamic dimensions ({@link SignatureLegalizer#probeDim(int)}); null when
   * the input is neither constant nor probed. Unlike {@link #partialInts(int)} this tells an
   * entry that depends on a dynamic dimension from a literal -1.
   */
  public long[][] probeValues(int index) {
    return driver.probeValues(input(index));
  }

  /**
   * The legalized value of an earlier node's output, for legalizers that match a pattern of TF
   * nodes above this one (they are legalized before it); null for a node this signature does not
   * compute.
   */
  public Tensor valueOf(TfRef ref) {
    return driver.value(ref);
  }

  // ---- attributes ----

  public AttrValue attr(String key) {
    AttrValue v = node.attr(key);
    if (v == null) {
      throw error("lacks attribute '" + key + "'", "the SavedModel is malformed or from an unsupported TF version");
    }
    return v;
  }

  public boolean hasAttr(String key) {
    return node.hasAttr(key);
  }

  public long attrInt(String key) {
    return attr(key).getI();
  }

  public long attrInt(String key, long orElse) {
    return node.hasAttr(key) ? node.attr(key).getI() : orElse;
  }

  public float attrFloat(String key, float orElse) {
    return node.hasAttr(key) ? node.attr(key).getF() : orElse;
  }

  public boolean attrBool(String key, boolean orElse) {
    return node.hasAttr(key) ? node.attr(key).getB() : orElse;
  }

  public String attrString(String key, String orElse) {
    return node.hasAttr(key) ? node.attr(key).getS().toStringUtf8() : orElse;
  }

  public long[] attrInts(String key) {
    return attr(key).getList().getIList().stream().mapToLong(Long::longValue).toArray();
  }

  /** A type attribute mapped to the IR; an error if LiteRT has no such type. */
  public DataType attrType(String key) {
    org.tensorflow.proto.DataType tf = attr(key).getType();
    DataType type = TfTypes.toIr(tf);
    if (type == null) {
      throw error("uses type " + tf + ", which LiteRT does not have", null);
    }
    return type;
  }

  // ---- emitting ----

  /** Emits a single-output operator; folds it when every input is constant. */
  public Tensor emit(BuiltinOp op, List<Tensor> opInputs, DataType outType, Shape outShape, OpOptions options) {
    return emit(op, opInputs, List.of(outType), List.of(outShape), options).get(0);
  }

  public List<Tensor> emit(BuiltinOp op, List<Tensor> opInputs, List<DataType> outTypes, List<Shape> outShapes,
      OpOptions options) {
    List<Tensor> outs = new ArrayList<>();
    for (int i = 0; i < outTypes.size(); i++) {
      Tensor t = new Tensor(freshName(op), outTypes.get(i), outShapes.get(i));
      outs.add(t);
      created.add(t);
    }
    driver.emit(this, op, opInputs, outs, options);
    return outs;
  }

  /** A constant tensor named after this node. */
  public Tensor constant(String suffix, DataType type, Shape shape, ConstantData data) {
    Tensor t = Tensor.constant(name() + "/" + suffix, type, shape, data);
    created.add(t);
    return t;
  }

  public Tensor constInt32(String suffix, int... values) {
    return constant(suffix, DataType.INT32, Shape.of(values.length), ConstantData.ofInts(values));
  }

  public Tensor scalarFloat(String suffix, float value) {
    return constant(suffix, DataType.FLOAT32, Shape.scalar(), ConstantData.ofFloats(value));
  }

  /** Records that a computed integer tensor's values are known up to dynamic dimensions. */
  public void recordPartialValues(Tensor tensor, long[][] probes) {
    driver.recordProbes(tensor, probes);
  }

  /** The variable a VarHandleOp or VariableV2 node stands for, as a constant. */
  public Tensor variable() {
    return driver.variables().read(node);
  }

  // ---- control flow ----

  /** The library functions attribute {@code key} names (a {@code func} or a list of them). */
  public List<FunctionGraph> functions(String key) {
    List<FunctionGraph> fs = driver.functionsOf(node).get(key);
    if (fs == null) {
      throw error("lacks function attribute '" + key + "'", "the SavedModel is malformed; re-export it");
    }
    return fs;
  }

  /** The one library function attribute {@code key} names. */
  public FunctionGraph function(String key) {
    List<FunctionGraph> fs = functions(key);
    if (fs.size() != 1) {
      throw error("attribute '" + key + "' names " + fs.size() + " functions, expected one", null);
    }
    return fs.get(0);
  }

  /**
   * Legalizes {@code f} into a new subgraph named {@code subgraphName}, binding its arguments as
   * {@code args} say; the subgraph being built for this node's graph is not affected.
   */
  public FunctionBody legalizeFunction(FunctionGraph f, String subgraphName, List<FunctionArg> args) {
    return driver.legalizeFunction(f, subgraphName, args, node);
  }

  /** Legalizes {@code f}'s nodes in place, its arguments bound to {@code args}; returns its outputs. */
  public List<Tensor> inlineFunction(FunctionGraph f, List<Tensor> args) {
    return driver.inlineFunction(f, args, node);
  }

  /**
   * Attaches a legalizer's own fact to a tensor (such as "an element list whose element shape is
   * not known yet"). Subgraph inputs bound to a tensor by {@link #legalizeFunction} get its note too.
   */
  public void annotate(Tensor tensor, Object note) {
    driver.annotate(tensor, note);
  }

  /** The note of that kind on {@code tensor}, or null. */
  public <T> T annotation(Tensor tensor, Class<T> kind) {
    return driver.annotation(tensor, kind);
  }

  /** An error about this node, naming it and its op. */
  public ConversionException error(String problem, String hint) {
    return ConversionException.builder(node.op() + " " + problem)
        .node(node.name())
        .opType(node.op())
        .file(driver.file())
        .hint(hint)
        .build();
  }

  boolean createdHere(Tensor t) {
    return created.stream().anyMatch(c -> c == t);
  }

  private String freshName(BuiltinOp op) {
    return name() + "/" + op.name().toLowerCase() + (counter++ == 0 ? "" : "_" + counter);
  }
}
