package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.LayerTable;
import io.litertj.keras.reader.Weight;
import java.util.ArrayList;
import java.util.List;

/**
 * TimeDistributed (the inner layer over {@code [batch * steps, ...]}) and Bidirectional (a forward
 * and a backward recurrent layer, outputs merged).
 */
public final class WrapperLayers {

  private WrapperLayers() {}

  public static void register(LayerTable t) {
    t.register((LayerConverter.Unary) (ctx, x) -> timeDistributed(t, ctx, x), "TimeDistributed");
    t.register((ctx, in) -> bidirectional(t, ctx, in), "Bidirectional");
  }

  private static LayerConverter inner(LayerTable t, LayerContext ctx, JsonNode spec) {
    String cls = spec.path("class_name").asText();
    return t.find(cls).orElseThrow(() -> ctx.error("wraps a " + cls + ", which is not supported", null));
  }

  private static Tensor timeDistributed(LayerTable t, LayerContext ctx, Tensor x) {
    JsonNode spec = ctx.config().path("layer");
    LayerConverter converter = inner(t, ctx, spec);
    LayerContext innerCtx = ctx.wrapped(spec.path("config"), spec.path("class_name").asText(), "inner", ctx.weights(0));
    Shape s = x.shape();
    int steps = s.dim(1);
    if (steps < 0) {
      throw ctx.error("needs a known number of steps, got " + s, "give the model input a fixed sequence length");
    }
    int[] flat = new int[s.rank() - 1];
    flat[0] = -1;
    for (int i = 2; i < s.rank(); i++) {
      flat[i - 1] = s.dim(i);
    }
    Tensor merged = Shapes.reshape(ctx, x, Shape.of(flat));
    Tensor y = converter.convert(innerCtx, List.of(merged)).get(0);
    int[] back = new int[y.shape().rank() + 1];
    back[0] = s.dim(0);
    back[1] = steps;
    for (int i = 1; i < y.shape().rank(); i++) {
      back[i + 1] = y.shape().dim(i);
    }
    return Shapes.reshape(ctx, y, Shape.of(back));
  }

  private static List<Tensor> bidirectional(LayerTable t, LayerContext ctx, List<Tensor> in) {
    JsonNode spec = ctx.config().path("layer");
    LayerConverter converter = inner(t, ctx, spec);
    String cls = spec.path("class_name").asText();
    List<Weight> all = ctx.weights(2);
    if (all.size() % 2 != 0) {
      throw ctx.error("stores " + all.size() + " weights, not a forward and a backward half", null);
    }
    int half = all.size() / 2;
    ObjectNode forwardCfg = spec.path("config").deepCopy();
    JsonNode backwardSpec = ctx.config().hasNonNull("backward_layer") ? ctx.config().get("backward_layer") : spec;
    ObjectNode backwardCfg = backwardSpec.path("config").deepCopy();
    backwardCfg.put("go_backwards", !forwardCfg.path("go_backwards").asBoolean(false));
    // Initial states, as inputs or the initial_state argument: the first half is the forward layer's.
    List<Tensor> states = new ArrayList<>(in.subList(1, in.size()));
    states.addAll(ctx.call().tensors("initial_state"));
    if (states.size() % 2 != 0) {
      throw ctx.error("is called with " + states.size() + " initial states, not a forward and a backward half", null);
    }
    List<Tensor> fwdIn = new ArrayList<>(List.of(in.get(0)));
    fwdIn.addAll(states.subList(0, states.size() / 2));
    List<Tensor> bwdIn = new ArrayList<>(List.of(in.get(0)));
    bwdIn.addAll(states.subList(states.size() / 2, states.size()));
    List<Tensor> fwd = converter.convert(ctx.wrapped(forwardCfg, cls, "forward", all.subList(0, half)), fwdIn);
    List<Tensor> bwd = converter.convert(ctx.wrapped(backwardCfg, cls, "backward", all.subList(half, all.size())),
        bwdIn);
    Tensor b = bwd.get(0);
    if (forwardCfg.path("return_sequences").asBoolean(false)) {
      // The backward layer emits its sequence last step first; Keras flips it back to time order.
      b = ctx.emit(BuiltinOp.REVERSE_V2, List.of(b, ctx.int32("time_axis", 1)), b.shape(), null);
    }
    Tensor f = fwd.get(0);
    String mode = ctx.string("merge_mode", "concat");
    List<Tensor> out = new ArrayList<>();
    switch (mode) {
      case "concat" -> {
        int axis = f.shape().rank() - 1;
        out.add(ctx.emit(BuiltinOp.CONCATENATION, List.of(f, b),
            f.shape().withDim(axis, f.shape().dim(axis) + b.shape().dim(axis)), new OpOptions.Concatenation(axis, Activation.NONE)));
      }
      case "sum" -> out.add(Activations.add(ctx, f, b));
      case "mul" -> out.add(Activations.mul(ctx, f, b));
      case "ave" -> out.add(Activations.mul(ctx, Activations.add(ctx, f, b), ctx.scalar("half", 0.5f)));
      default -> throw ctx.error("has merge_mode " + mode + ", which is not supported", null);
    }
    out.addAll(fwd.subList(1, fwd.size()));
    out.addAll(bwd.subList(1, bwd.size()));
    return out;
  }
}
