package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.layers.MhaWeights.Dense;
import io.litertj.keras.layers.MhaWeights.Projection;
import io.litertj.keras.reader.Weight;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Keras's MultiHeadAttention (Keras 2 and 3): each EinsumDense projection is a FULLY_CONNECTED
 * and a RESHAPE to {@code [.., heads, dim]}, then {@link DotProductAttention}, then the output
 * projection, as the official converter lowers it. Call arguments: query, value and key by
 * position or keyword, {@code attention_mask}, {@code use_causal_mask},
 * {@code return_attention_scores}.
 *
 * <p>Where Keras's paths differ, so does the conversion: Keras 3 at inference on rank-3 inputs
 * (its fused {@code dot_product_attention}) scales the logits and weighs a row that keeps no
 * position uniformly, as Keras 2 does; its other path scales the query and gives such a row zero
 * weights.
 */
final class MultiHeadAttentionLayer implements LayerConverter {

  @Override
  public List<Tensor> convert(LayerContext ctx, List<Tensor> inputs) {
    List<Object> pos = AttentionCalls.positional(ctx, inputs);
    Tensor query = AttentionCalls.required(ctx, pos, 0, "query");
    Tensor value = AttentionCalls.required(ctx, pos, 1, "value");
    Tensor key = AttentionCalls.tensor(ctx, pos, 2, "key").orElse(value);
    AttentionCalls.noneFrom(ctx, pos, 3, "query, value and key");
    Optional<Tensor> userMask = AttentionCalls.keywordTensor(ctx, "attention_mask");
    boolean causal = AttentionCalls.flag(ctx, "use_causal_mask");
    boolean returnScores = AttentionCalls.flag(ctx, "return_attention_scores");

    int heads = positive(ctx, "num_heads");
    int keyDim = positive(ctx, "key_dim");
    int valueDim = ctx.intValue("value_dim", 0) > 0 ? ctx.intValue("value_dim", 0) : keyDim;
    boolean useBias = ctx.bool("use_bias", true);
    boolean useGate = ctx.bool("use_gate", false);
    int window = ctx.intValue("sliding_window", 0);
    if (ctx.has("sliding_window") && window <= 0) {
      throw ctx.error("has sliding_window " + ctx.config().get("sliding_window") + "; it must be a positive integer",
          "save the layer with a positive sliding_window, or none");
    }
    checkInputs(ctx, query, value, key);
    int[] outputShape = outputShape(ctx, query.shape().dim(-1));

    MhaWeights w = MhaWeights.read(ctx, useBias, useGate);
    Tensor q = project(ctx, query, w.get(Projection.QUERY), heads, keyDim, "query");
    Tensor k = project(ctx, key, w.get(Projection.KEY), heads, keyDim, "key");
    Tensor v = project(ctx, value, w.get(Projection.VALUE), heads, valueDim, "value");
    int rank = query.shape().rank() + 1;
    DotProductAttention attention = DotProductAttention.of(ctx, rank, attentionAxes(ctx));

    Shape scores = attention.scoresShape(q.shape(), k.shape());
    Tensor mask = userMask.map(m -> AttentionMasks.expand(ctx, AttentionMasks.toBool(ctx, m, "attention_mask"), scores,
        attention.maskExpansionAxis(), "attention_mask")).orElse(null);
    if (causal) {
      mask = withBand(ctx, attention, mask, scores, query, value, "causal", AttentionMasks.causal());
    }
    if (window > 0) {
      mask = withBand(ctx, attention, mask, scores, query, value, "sliding_window",
          AttentionMasks.slidingWindow(window));
    }
    DotProductAttention.Result r = attention.apply(ctx, q, k, v, options(ctx, keyDim, query, returnScores), mask);
    Tensor combined = r.output();
    if (useGate) {
      Tensor gate = Activations.unary(ctx, BuiltinOp.LOGISTIC, project(ctx, query, w.get(Projection.GATE), heads,
          valueDim, "gate"));
      combined = Activations.mul(ctx, combined, gate);
    }
    Tensor out = outputProjection(ctx, combined, w.get(Projection.OUTPUT), heads, valueDim, outputShape);
    return returnScores ? List.of(out, r.scores()) : List.of(out);
  }

  /** How Keras scales and masks the scores in this file's version and on this path (see the class comment). */
  private static DotProductAttention.Options options(LayerContext ctx, int keyDim, Tensor query, boolean returnScores) {
    float scale = (float) (1.0 / Math.sqrt(keyDim));
    if (!ctx.keras3()) {
      return new DotProductAttention.Options(scale, true, false);
    }
    boolean fused = ctx.doubleValue("dropout", 0) == 0 && !returnScores && query.shape().rank() == 3;
    return fused
        ? new DotProductAttention.Options(scale, false, false)
        : new DotProductAttention.Options(scale, true, true);
  }

  /**
   * Keras builds its causal and sliding-window masks from the first position axis of query and
   * value, {@code [1, T, S]}; they mean what they say only when attention runs over that axis alone.
   */
  private static Tensor withBand(LayerContext ctx, DotProductAttention attention, Tensor mask, Shape scores,
      Tensor query, Tensor value, String name, AttentionMasks.Keep keep) {
    if (!attention.overFirstAxisOnly()) {
      throw ctx.error("uses a " + name + " mask with attention_axes other than the sequence axis; Keras builds it "
          + "from axis 1 of query and value whatever the attention axes", "use attention_axes=[1], or pass an "
          + "attention_mask of your own");
    }
    Tensor band = AttentionMasks.band(ctx, name, scores.rank() - 2, query.shape().dim(1), value.shape().dim(1), keep);
    return mask == null ? band : AttentionMasks.and(ctx, mask, band);
  }

  private static void checkInputs(LayerContext ctx, Tensor query, Tensor value, Tensor key) {
    for (Tensor t : List.of(query, value, key)) {
      if (t.type() != DataType.FLOAT32) {
        throw ctx.error("gets a " + t.type() + " input; attention takes float32", "feed float32 tensors");
      }
    }
    int r = query.shape().rank();
    if (r < 3 || value.shape().rank() != r || key.shape().rank() != r) {
      throw ctx.error("gets query, value and key of ranks " + r + ", " + value.shape().rank() + " and "
              + key.shape().rank() + "; they must be of one rank of at least 3 ([batch, positions..., features])",
          "reshape the inputs to [batch, positions..., features]");
    }
    for (int i = 1; i < r - 1; i++) {
      if (value.shape().dim(i) != key.shape().dim(i)) {
        throw ctx.error("gets value " + value.shape() + " and key " + key.shape() + ", which differ in positions",
            "give value and key the same positions");
      }
    }
  }

  /** An EinsumDense {@code [.., in] x [in, heads, dim] + [heads, dim]}: FULLY_CONNECTED then RESHAPE. */
  static Tensor project(LayerContext ctx, Tensor x, Dense d, int heads, int dim, String name) {
    int in = x.shape().dim(-1);
    Weight kernel = ctx.checkShape(d.kernel(), in, heads, dim);
    int units = Math.multiplyExact(heads, dim);
    Tensor y = fullyConnected(ctx, x, new Weight(kernel.name(), new int[] {in, units}, kernel.values()),
        d.bias() == null ? null : ctx.checkShape(d.bias(), heads, dim).values(), units, name);
    int[] dims = Arrays.copyOf(x.shape().dims(), x.shape().rank() + 1);
    dims[dims.length - 2] = heads;
    dims[dims.length - 1] = dim;
    return Shapes.reshape(ctx, y, Shape.of(dims));
  }

  /** The output EinsumDense {@code [.., heads, dim] x [heads, dim, out..] + [out..]}. */
  private static Tensor outputProjection(LayerContext ctx, Tensor x, Dense d, int heads, int dim, int[] outputShape) {
    int[] kernelShape = new int[outputShape.length + 2];
    kernelShape[0] = heads;
    kernelShape[1] = dim;
    System.arraycopy(outputShape, 0, kernelShape, 2, outputShape.length);
    Weight kernel = ctx.checkShape(d.kernel(), kernelShape);
    int units = 1;
    for (int o : outputShape) {
      units = Math.multiplyExact(units, o);
    }
    int in = Math.multiplyExact(heads, dim);
    int[] flat = Arrays.copyOf(x.shape().dims(), x.shape().rank() - 1);
    flat[flat.length - 1] = in;
    Tensor merged = Shapes.reshape(ctx, x, Shape.of(flat));
    Tensor y = fullyConnected(ctx, merged, new Weight(kernel.name(), new int[] {in, units}, kernel.values()),
        d.bias() == null ? null : ctx.checkShape(d.bias(), outputShape).values(), units, "attention_output");
    if (outputShape.length == 1) {
      return y;
    }
    int[] dims = Arrays.copyOf(flat, flat.length - 1 + outputShape.length);
    System.arraycopy(outputShape, 0, dims, flat.length - 1, outputShape.length);
    return Shapes.reshape(ctx, y, Shape.of(dims));
  }

  private static Tensor fullyConnected(LayerContext ctx, Tensor x, Weight kernel, float[] bias, int units, String name) {
    Tensor weights = CoreLayers.fullyConnectedWeights(ctx, kernel, name + "_kernel");
    Tensor b = ctx.constant(name + "_bias", Shape.of(units), bias == null ? new float[units] : bias);
    Shape out = x.shape().withDim(x.shape().rank() - 1, units);
    return ctx.emit(BuiltinOp.FULLY_CONNECTED, List.of(x, weights, b), out,
        new OpOptions.FullyConnected(Activation.NONE, x.shape().rank() > 2, false));
  }

  /** {@code output_shape}: none (the query's features), an int, or a list. */
  private static int[] outputShape(LayerContext ctx, int queryFeatures) {
    JsonNode n = ctx.config().get("output_shape");
    if (n == null || n.isNull() || n.isArray() && n.isEmpty() || n.isNumber() && n.asInt() == 0) {
      return new int[] {queryFeatures};
    }
    int[] out = n.isArray() ? new int[n.size()] : new int[] {n.asInt()};
    for (int i = 0; n.isArray() && i < out.length; i++) {
      out[i] = n.get(i).asInt();
    }
    for (int o : out) {
      if (o <= 0 || !(n.isArray() || n.isInt())) {
        throw ctx.error("has output_shape " + n + "; it must be positive integers", "save the layer with a valid output_shape");
      }
    }
    return out;
  }

  /** {@code attention_axes}: none, an int, or a list. */
  private static int[] attentionAxes(LayerContext ctx) {
    JsonNode n = ctx.config().get("attention_axes");
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isInt()) {
      return new int[] {n.asInt()};
    }
    if (!n.isArray()) {
      throw ctx.error("has attention_axes " + n + ", which is not an int or a list", "save the layer with valid axes");
    }
    int[] axes = new int[n.size()];
    for (int i = 0; i < axes.length; i++) {
      if (!n.get(i).isInt()) {
        throw ctx.error("has attention_axes " + n + ", which are not integers", "save the layer with valid axes");
      }
      axes[i] = n.get(i).asInt();
    }
    return axes;
  }

  private static int positive(LayerContext ctx, String key) {
    JsonNode n = ctx.config().get(key);
    if (n == null || !n.isInt() || n.asInt() <= 0) {
      throw ctx.error("has " + key + " " + n + "; it must be a positive integer", "save the layer with a valid " + key);
    }
    return n.asInt();
  }
}
