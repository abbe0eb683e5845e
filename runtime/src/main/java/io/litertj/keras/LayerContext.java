package io.litertj.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ConversionException;
import io.litertj.compose.Emitter;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.keras.config.LayerNode;
import io.litertj.keras.reader.Weight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a layer converter sees of one layer call: the layer's config and weights, and the subgraph
 * it emits operators into. Errors name the layer, its class and the model file.
 */
public final class LayerContext {

  private final Subgraph subgraph;
  private final LayerNode layer;
  private final KerasModel model;
  private final int call;
  private final String weightPath;
  private final List<Weight> weightOverride;
  private final CallArguments arguments;
  /** Inserted after the layer's name in tensor names: "" for the layer's own subgraph. */
  private final String scope;
  private int counter;

  LayerContext(Subgraph subgraph, LayerNode layer, KerasModel model, int call, String weightPath,
      CallArguments arguments) {
    this.subgraph = subgraph;
    this.layer = layer;
    this.model = model;
    this.call = call;
    this.weightPath = weightPath;
    this.weightOverride = null;
    this.arguments = arguments;
    this.scope = "";
  }

  private LayerContext(LayerContext outer, LayerNode inner, List<Weight> weights) {
    this.subgraph = outer.subgraph;
    this.layer = inner;
    this.model = outer.model;
    this.call = outer.call;
    this.weightPath = outer.weightPath;
    this.weightOverride = List.copyOf(weights);
    this.arguments = CallArguments.none();
    this.scope = "";
  }

  private LayerContext(LayerContext outer, Subgraph subgraph, String scope) {
    this.subgraph = subgraph;
    this.layer = outer.layer;
    this.model = outer.model;
    this.call = outer.call;
    this.weightPath = outer.weightPath;
    this.weightOverride = outer.weightOverride;
    this.arguments = outer.arguments;
    this.scope = outer.scope + "/" + scope;
  }

  /**
   * This layer's context emitting into {@code subgraph} (a loop body the layer builds), its
   * tensors named under {@code scope}.
   */
  public LayerContext in(Subgraph subgraph, String scope) {
    return new LayerContext(this, subgraph, scope);
  }

  /**
   * A context for a layer wrapped by this one (TimeDistributed, Bidirectional): its own class and
   * config, the given share of this layer's weights, and tensor names under this layer's name.
   */
  public LayerContext wrapped(JsonNode innerConfig, String className, String suffix, List<Weight> weights) {
    return new LayerContext(this, new LayerNode(className, layer.name() + "/" + suffix, innerConfig, List.of()), weights);
  }

  public String name() {
    return layer.name();
  }

  /**
   * The call's arguments beyond its positional tensors (keyword tensors and literals, the literal
   * operands of operation nodes). What a converter does not read here, but could change the
   * result, fails the conversion by name.
   */
  public CallArguments call() {
    return arguments;
  }

  public String className() {
    return layer.className();
  }

  public JsonNode config() {
    return layer.config();
  }

  /** Whether the file was written by Keras 3 (some functions changed meaning, e.g. hard_sigmoid). */
  public boolean keras3() {
    return model.keras3();
  }

  /** The conversion's choices that the file does not make. */
  public KerasOptions options() {
    return model.options();
  }

  // ---- config values

  public boolean has(String key) {
    return layer.config().hasNonNull(key);
  }

  /** An integer config value (the first, if it is a list); {@code fallback} when absent or null. */
  public int intValue(String key, int fallback) {
    JsonNode n = layer.config().get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (n.isArray()) {
      if (n.isEmpty()) {
        throw badValue(key, n, "an integer");
      }
      n = n.get(0);
    }
    return integer(key, n);
  }

  public double doubleValue(String key, double fallback) {
    JsonNode n = layer.config().get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isNumber()) {
      throw badValue(key, n, "a number");
    }
    return n.asDouble();
  }

  public boolean bool(String key, boolean fallback) {
    JsonNode n = layer.config().get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber() && (n.asLong() == 0 || n.asLong() == 1)) {
      return n.asLong() == 1; // older configs write flags as 0 and 1
    }
    throw badValue(key, n, "true or false");
  }

  public String string(String key, String fallback) {
    JsonNode n = layer.config().get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isValueNode()) {
      throw badValue(key, n, "a string");
    }
    return n.asText();
  }

  /** An int or list-of-int config value as {@code count} ints (a scalar is repeated). */
  public int[] ints(String key, int count, int fallback) {
    JsonNode n = layer.config().get(key);
    int[] out = new int[count];
    Arrays.fill(out, fallback);
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      Arrays.fill(out, integer(key, n));
      return out;
    }
    if (n.size() != count) {
      throw error("has " + key + " " + n + "; expected " + count + " values", null);
    }
    for (int i = 0; i < count; i++) {
      out[i] = integer(key, n.get(i));
    }
    return out;
  }

  /** An integral number that fits an int (Keras writes some as 3.0); anything else is a damaged config. */
  private int integer(String key, JsonNode n) {
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return n.intValue();
    }
    if (n.isFloatingPointNumber() && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
      return (int) n.doubleValue();
    }
    throw badValue(key, n, "an integer");
  }

  private ConversionException badValue(String key, JsonNode n, String expected) {
    String shown = n.toString();
    return error("has " + key + " = " + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown)
        + "; expected " + expected, "the config is damaged or was edited by hand; save the model again");
  }

  /** Rejects channels-first layouts, which LiteRT kernels do not take. */
  public void requireChannelsLast() {
    String format = string("data_format", "channels_last");
    if (!format.equals("channels_last")) {
      throw error("uses data_format " + format + "; only channels_last is supported",
          "rebuild the model with data_format='channels_last'");
    }
  }

  // ---- weights

  /** The layer's weights; fails unless there are at least {@code min} (their order is Keras's). */
  public List<Weight> weights(int min) {
    List<Weight> w = weightOverride != null ? weightOverride : model.weights().weights(layer.name())
        .or(() -> model.weights().weightsAtPath(weightPath))
        .orElse(List.of());
    if (w.size() < min) {
      throw error("needs " + min + " weights, but the file stores " + w.size() + (w.isEmpty() ? "" : " " + w),
          "the file is incomplete: save the model again");
    }
    return w;
  }

  /** Checks a weight's shape; a mismatch means the file's config and weights disagree. */
  public Weight checkShape(Weight w, int... expected) {
    if (!Arrays.equals(w.shape(), expected)) {
      throw error("weight " + w.name() + " has shape " + Arrays.toString(w.shape()) + ", but the config needs "
          + Arrays.toString(expected), "the config and the weights disagree: save the model again");
    }
    return w;
  }

  // ---- emitting

  /** Emits one operator with a single FLOAT32 output of {@code shape}. */
  public Tensor emit(BuiltinOp op, List<Tensor> inputs, Shape shape, OpOptions options) {
    return emit(op, inputs, DataType.FLOAT32, shape, options);
  }

  public Tensor emit(BuiltinOp op, List<Tensor> inputs, DataType type, Shape shape, OpOptions options) {
    checkBudget(1);
    Tensor out = new Tensor(tensorName(op.name().toLowerCase()), type, shape);
    subgraph.addOperator(new Operator(op, new ArrayList<>(inputs), List.of(out), options));
    return out;
  }

  /** Emits one operator with several FLOAT32 outputs. */
  public List<Tensor> emitMulti(BuiltinOp op, List<Tensor> inputs, List<Shape> shapes, OpOptions options) {
    checkBudget(shapes.size());
    List<Tensor> outs = new ArrayList<>();
    for (Shape s : shapes) {
      outs.add(new Tensor(tensorName(op.name().toLowerCase()), DataType.FLOAT32, s));
    }
    subgraph.addOperator(new Operator(op, new ArrayList<>(inputs), outs, options));
    return outs;
  }

  /** Emits one operator with outputs of the given types and shapes (a WHILE's loop values). */
  public List<Tensor> emitTyped(BuiltinOp op, List<Tensor> inputs, List<DataType> types, List<Shape> shapes,
      OpOptions options) {
    checkBudget(shapes.size());
    List<Tensor> outs = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      outs.add(new Tensor(tensorName(op.name().toLowerCase()), types.get(i), shapes.get(i)));
    }
    subgraph.addOperator(new Operator(op, new ArrayList<>(inputs), outs, options));
    return outs;
  }

  /** A fresh tensor named under this layer, for a subgraph input the layer builds. */
  public Tensor placeholder(String suffix, DataType type, Shape shape) {
    return new Tensor(tensorName(suffix), type, shape);
  }

  /**
   * This context as an {@link Emitter}, for compositions shared with the TF front end
   * ({@link io.litertj.compose.ErfExpansion}); tensors are named under the layer.
   */
  public Emitter emitter() {
    return new Emitter() {
      @Override
      public Tensor emit(String step, BuiltinOp op, List<Tensor> inputs, DataType outType, Shape outShape,
          OpOptions options) {
        return LayerContext.this.emit(op, inputs, outType, outShape, options);
      }

      @Override
      public Tensor constant(String step, float value) {
        return scalar(step, value);
      }
    };
  }

  /** The operator that computes {@code tensor}, or null for inputs and constants. */
  public Operator producer(Tensor tensor) {
    return subgraph.producer(tensor);
  }

  public Tensor constant(String suffix, Shape shape, ConstantData data) {
    return Tensor.constant(tensorName(suffix), DataType.FLOAT32, shape, data);
  }

  /** A constant of any type (BOOL masks, INT32 indices), named under this layer. */
  public Tensor constant(String suffix, DataType type, Shape shape, ConstantData data) {
    return Tensor.constant(tensorName(suffix), type, shape, data);
  }

  public Tensor constant(String suffix, Shape shape, float[] values) {
    return constant(suffix, shape, ConstantData.ofFloats(values));
  }

  public Tensor scalar(String suffix, float value) {
    return constant(suffix, Shape.scalar(), new float[] {value});
  }

  public Tensor int32(String suffix, int... values) {
    return Tensor.constant(tensorName(suffix), DataType.INT32, Shape.of(values.length), ConstantData.ofInts(values));
  }

  public Tensor int32Matrix(String suffix, int rows, int cols, int... values) {
    return Tensor.constant(tensorName(suffix), DataType.INT32, Shape.of(rows, cols), ConstantData.ofInts(values));
  }

  private String tensorName(String suffix) {
    String base = (call == 0 ? layer.name() : layer.name() + "_call" + call) + scope;
    return base + "/" + suffix + (counter++ == 0 ? "" : "_" + counter);
  }

  /**
   * More operators (or outputs) than this is not a model but a config that makes a layer unroll
   * without end (an LSTM over a million timesteps): refused before it fills the memory.
   */
  public static final int MAX_OPERATORS = 200_000;

  private void checkBudget(int adding) {
    if (subgraph.operators().size() + (long) adding > MAX_OPERATORS) {
      throw error("makes the model exceed " + MAX_OPERATORS + " LiteRT operators (" + subgraph.operators().size()
              + " so far); a recurrent layer over very many timesteps is unrolled step by step",
          "check the shapes the config gives this layer's input (e.g. a Reshape's target_shape); "
              + "shorten the sequence or export a SavedModel and convert that");
    }
  }

  public ConversionException error(String message, String hint) {
    return ConversionException.builder((layer.isOperation() ? "Keras operation " + layer.className() + " " : "Keras layer ") + message)
        .file(model.file())
        .node(layer.name())
        .opType(layer.className())
        .hint(hint)
        .build();
  }
}
