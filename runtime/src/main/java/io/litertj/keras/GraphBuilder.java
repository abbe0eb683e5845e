package io.litertj.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ConversionException;
import io.litertj.ir.DataType;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.keras.config.ConfigParser;
import io.litertj.keras.config.InboundRef;
import io.litertj.keras.config.LayerCall;
import io.litertj.keras.config.LayerConfigChecks;
import io.litertj.keras.config.LayerNode;
import io.litertj.keras.config.LayerRanks;
import io.litertj.keras.config.ModelGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits a {@link ModelGraph} into a subgraph: layer calls in dependency order, nested models
 * inlined call by call, shared layers emitted once per call (with the same weights).
 */
final class GraphBuilder {

  /** Layer classes that are Python code or custom objects: never executed, always an error. */
  private static final Set<String> CODE_LAYERS = Set.of("Lambda", "TFOpLambda", "SlicingOpLambda");

  private final Subgraph subgraph;
  private final LayerTable table;
  private final KerasModel model;
  private final ConfigParser parser;

  GraphBuilder(Subgraph subgraph, LayerTable table, KerasModel model) {
    this.subgraph = subgraph;
    this.table = table;
    this.model = model;
    this.parser = new ConfigParser(model.file());
  }

  /** Builds the top-level model: its InputLayers become the subgraph's named inputs. */
  void buildTopLevel(ModelGraph graph) {
    List<Tensor> inputs = new ArrayList<>();
    for (InboundRef ref : graph.inputs()) {
      LayerNode input = graph.layer(ref.layer());
      if (input == null) {
        throw ConversionException.builder("the model input " + ref.layer() + " is not one of its layers")
            .file(model.file()).build();
      }
      Tensor t = inputTensor(input);
      subgraph.addInput(input.name(), t);
      inputs.add(t);
    }
    List<Tensor> outputs = build(graph, inputs, "");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      String name = graph.outputs().get(i).layer();
      int n = seen.merge(name, 1, Integer::sum);
      subgraph.addOutput(n == 1 ? name : name + "_" + (n - 1), outputs.get(i));
    }
  }

  /**
   * Emits the graph with its inputs bound to {@code inputs}; returns its outputs in order.
   * {@code weightPrefix} is the graph's Keras 3 object path (see {@link WeightPaths}).
   */
  List<Tensor> build(ModelGraph graph, List<Tensor> inputs, String weightPrefix) {
    Map<String, String> paths = WeightPaths.of(graph, weightPrefix);
    if (inputs.size() != graph.inputs().size()) {
      throw ConversionException.builder("model " + graph.name() + " takes " + graph.inputs().size()
          + " inputs, but is called with " + inputs.size()).file(model.file()).build();
    }
    Map<String, List<Tensor>> values = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      values.put(key(graph.inputs().get(i).layer(), 0), List.of(inputs.get(i)));
    }
    boolean progress = true;
    while (progress) {
      progress = false;
      for (LayerNode layer : graph.layers()) {
        for (int call = 0; call < layer.calls().size(); call++) {
          if (values.containsKey(key(layer.name(), call))) {
            continue;
          }
          LayerCall c = layer.calls().get(call);
          if (resolve(c.allRefs(), values) != null) {
            CallArguments arguments = new CallArguments(c, ref -> values.get(key(ref.layer(), ref.node()))
                .get(ref.tensor()));
            values.put(key(layer.name(), call),
                convert(layer, call, resolve(c.inputs(), values), arguments, paths.get(layer.name())));
            progress = true;
          }
        }
      }
    }
    List<Tensor> outputs = new ArrayList<>();
    for (InboundRef ref : graph.outputs()) {
      List<Tensor> v = values.get(key(ref.layer(), ref.node()));
      if (v == null || ref.tensor() >= v.size()) {
        throw ConversionException.builder("the output " + ref.layer() + " of model " + graph.name()
                + " cannot be computed from its inputs")
            .file(model.file()).node(ref.layer())
            .hint("the config's inbound_nodes are incomplete or cyclic").build();
      }
      outputs.add(v.get(ref.tensor()));
    }
    return outputs;
  }

  private List<Tensor> convert(LayerNode layer, int call, List<Tensor> args, CallArguments arguments,
      String path) {
    if (layer.isModel()) {
      return build(parser.parse(layer.config()), args, path + "/");
    }
    if (CODE_LAYERS.contains(layer.className())) {
      throw ConversionException.builder("Keras layer holds Python code, which this converter never runs")
          .file(model.file()).node(layer.name()).opType(layer.className())
          .hint("replace the " + layer.className() + " layer with built-in Keras layers and save the model again")
          .build();
    }
    LayerConverter converter = table.find(layer).orElseThrow(() -> unsupported(layer));
    LayerContext ctx = new LayerContext(subgraph, layer, model, call, path, arguments);
    checkInputs(layer, args);
    LayerConfigChecks.problem(layer).ifPresent(problem -> {
      throw ConversionException.builder("Keras layer " + problem)
          .file(model.file()).node(layer.name()).opType(layer.className())
          .hint("the config is damaged or was edited by hand; save the model again").build();
    });
    List<Tensor> outputs = converter.convert(ctx, args);
    arguments.requireAllRead(ctx);
    checkTensors(layer, outputs, "gives");
    if (layer.className().equals("Reshape") && !layer.isOperation()) {
      checkSampleSize(layer, args, outputs);
    }
    return outputs;
  }

  /** A Keras Reshape keeps each sample's elements; a target_shape that does not is a damaged config. */
  private void checkSampleSize(LayerNode layer, List<Tensor> in, List<Tensor> out) {
    if (in.size() != 1 || out.size() != 1) {
      return;
    }
    long a = sampleSize(in.get(0).shape());
    long b = sampleSize(out.get(0).shape());
    if (a > 0 && b > 0 && a != b) {
      throw layerError(layer, "turns samples of shape " + in.get(0).shape() + " (" + a + " elements) into "
          + out.get(0).shape() + " (" + b + " elements)");
    }
  }

  /** Elements per sample (all but the batch dimension); -1 when one of them is unknown. */
  private static long sampleSize(Shape s) {
    long n = 1;
    for (int i = 1; i < s.rank(); i++) {
      if (s.dim(i) < 0) {
        return -1;
      }
      n *= s.dim(i);
    }
    return s.rank() == 0 ? -1 : n;
  }

  /** Largest tensor a layer may make: LiteRT sizes tensors with 32-bit element counts. */
  static final long MAX_ELEMENTS = Integer.MAX_VALUE;

  /**
   * What a converter may assume of its inputs, whatever the config says: the rank the layer class
   * takes, and shapes that hold elements. A config that breaks this (a Reshape whose target_shape
   * leaves a following LSTM no timesteps) is refused here, by name.
   */
  private void checkInputs(LayerNode layer, List<Tensor> inputs) {
    checkTensors(layer, inputs, "gets");
    LayerRanks.inputCount(layer).ifPresent(count -> {
      if (!count.contains(inputs.size())) {
        throw layerError(layer, "is called with " + inputs.size() + " tensors, but " + layer.className() + " takes "
            + count);
      }
    });
    JsonNode dims = layer.config().path("dims");
    if (layer.className().equals("Permute") && !layer.isOperation() && inputs.size() == 1 && dims.isArray()
        && dims.size() != inputs.get(0).shape().rank() - 1) {
      throw layerError(layer, "permutes " + dims.size() + " dimensions " + dims + " of an input of shape "
          + inputs.get(0).shape());
    }
    // The data input; a recurrent layer's further positional inputs are its initial states.
    LayerRanks.of(layer).filter(ranks -> !inputs.isEmpty()).ifPresent(ranks -> {
      Tensor t = inputs.get(0);
      if (!ranks.contains(t.shape().rank())) {
        throw layerError(layer, "gets an input of shape " + t.shape() + " (rank " + t.shape().rank() + "), but "
            + layer.className() + " takes rank " + ranks);
      }
    });
  }

  private void checkTensors(LayerNode layer, List<Tensor> tensors, String verb) {
    for (Tensor t : tensors) {
      if (t == null) {
        throw layerError(layer, verb + " a tensor its converter did not make");
      }
      Shape s = t.shape();
      long elements = 1;
      for (int i = 0; i < s.rank(); i++) {
        int d = s.dim(i);
        if (d == 0 || d < Shape.DYNAMIC) {
          throw layerError(layer, verb + " a tensor of shape " + s + ", with no elements along dimension " + i);
        }
        elements *= Math.max(d, 1);
        if (elements > MAX_ELEMENTS) {
          throw layerError(layer, verb + " a tensor of shape " + s + ", more elements than LiteRT holds");
        }
      }
    }
  }

  private ConversionException layerError(LayerNode layer, String problem) {
    return ConversionException.builder("Keras layer " + problem)
        .file(model.file()).node(layer.name()).opType(layer.className())
        .hint("the model config does not fit this layer (check its inbound nodes, and the target_shape, units and"
            + " input shapes of the layers before it); save the model again, or fix the config")
        .build();
  }

  /** Names what is missing in the user's terms: an operation, a built-in layer, or a custom one. */
  private ConversionException unsupported(LayerNode layer) {
    if (layer.isOperation()) {
      return ConversionException.builder("Keras operation " + layer.className() + " (module " + layer.module()
              + ") is not supported")
          .file(model.file()).node(layer.name()).opType(layer.className())
          .hint("express it with supported keras.ops calls or layers, or export a SavedModel and convert that")
          .build();
    }
    if (layer.isBuiltIn() || table.isKnownBuiltIn(layer.className()) && layer.module() == null) {
      return ConversionException.builder("the built-in Keras layer " + layer.className() + " is not supported yet")
          .file(model.file()).node(layer.name()).opType(layer.className())
          .hint("export a SavedModel (model.export) and convert that, or replace the layer").build();
    }
    return ConversionException.builder("Keras layer class " + layer.className()
            + (layer.module() == null ? "" : " (module " + layer.module() + ")") + " is not supported")
        .file(model.file()).node(layer.name()).opType(layer.className())
        .hint("custom layers keep their code in Python and cannot be converted; use built-in Keras layers")
        .build();
  }

  private static List<Tensor> resolve(List<InboundRef> refs, Map<String, List<Tensor>> values) {
    List<Tensor> args = new ArrayList<>();
    for (InboundRef ref : refs) {
      List<Tensor> v = values.get(key(ref.layer(), ref.node()));
      if (v == null || ref.tensor() >= v.size()) {
        return null;
      }
      args.add(v.get(ref.tensor()));
    }
    return args;
  }

  private Tensor inputTensor(LayerNode input) {
    JsonNode cfg = input.config();
    JsonNode shape = cfg.hasNonNull("batch_input_shape") ? cfg.get("batch_input_shape") : cfg.get("batch_shape");
    if (shape == null || !shape.isArray() || shape.isEmpty()) {
      throw ConversionException.builder("the model input has no shape" + (shape != null && shape.isArray()
              ? " (an empty batch_shape: a Keras input has at least the batch dimension)" : ""))
          .file(model.file()).node(input.name()).opType(input.className())
          .hint("the config is damaged; save the model again").build();
    }
    int[] dims = new int[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      JsonNode d = shape.get(i);
      if (!d.isNull() && !(d.isIntegralNumber() && d.canConvertToInt())) {
        throw ConversionException.builder("the model input has an invalid shape " + shape).file(model.file())
            .node(input.name()).opType(input.className()).hint("dimensions are integers or null").build();
      }
      dims[i] = d.isNull() ? Shape.DYNAMIC : d.intValue();
      if (i > 0 && dims[i] == 0 || dims[i] < Shape.DYNAMIC) {
        throw ConversionException.builder("the model input has an invalid shape " + shape).file(model.file())
            .node(input.name()).opType(input.className()).build();
      }
    }
    if (dims.length > 0) {
      dims[0] = Shape.DYNAMIC; // batch stays resizable, whatever the model was built with
    }
    String dtype = cfg.path("dtype").isTextual() ? cfg.get("dtype").asText() : "float32";
    DataType type = switch (dtype) {
      case "float32" -> DataType.FLOAT32;
      // LiteRT has no unsigned 16-bit inputs; small integer inputs (embedding indices) widen to int32.
      case "int32", "int16", "uint16", "int8", "uint8" -> DataType.INT32;
      case "int64" -> DataType.INT64;
      default -> throw ConversionException.builder("the model input has dtype " + dtype + ", which is not supported")
          .file(model.file()).node(input.name()).build();
    };
    return new Tensor(input.name(), type, Shape.of(dims));
  }

  private static String key(String layer, int node) {
    return layer + "#" + node;
  }
}
