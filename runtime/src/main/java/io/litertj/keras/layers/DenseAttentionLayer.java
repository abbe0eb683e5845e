package io.litertj.keras.layers;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.reader.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keras's Attention (Luong: {@code score_mode} "dot" or "concat") and AdditiveAttention
 * (Bahdanau), Keras 2 and 3. Called on {@code [query, value]} or {@code [query, value, key]};
 * {@code mask=[query_mask, value_mask]}, {@code use_causal_mask} and
 * {@code return_attention_scores} are honoured. Masked scores weigh nothing (see
 * {@link AttentionMasks#fill}), and masked query positions give zeros, as both Kerases do.
 */
final class DenseAttentionLayer implements LayerConverter {

  private final boolean additive;

  DenseAttentionLayer(boolean additive) {
    this.additive = additive;
  }

  @Override
  public List<Tensor> convert(LayerContext ctx, List<Tensor> inputs) {
    List<Object> pos = ctx.call().positional();
    List<Tensor> qvk;
    Object maskArg;
    if (pos.isEmpty()) { // Keras 2 records the list's tensors as the call's inputs
      qvk = inputs.isEmpty() && ctx.call().hasKeyword("inputs") ? tensors(ctx, ctx.call().resolved("inputs")) : inputs;
      maskArg = ctx.call().resolved("mask");
    } else {
      qvk = tensors(ctx, pos.get(0));
      maskArg = pos.size() > 1 && !AttentionCalls.isNull(pos.get(1)) ? pos.get(1) : ctx.call().resolved("mask");
      AttentionCalls.noneFrom(ctx, pos, 2, "[query, value] and the mask");
    }
    if (qvk.size() < 2 || qvk.size() > 3) {
      throw ctx.error("is called on " + qvk.size() + " tensors; it takes [query, value] or [query, value, key]",
          "call the layer on a list [query, value] or [query, value, key]");
    }
    Tensor query = qvk.get(0);
    Tensor value = qvk.get(1);
    Tensor key = qvk.size() > 2 ? qvk.get(2) : value;
    check(ctx, query, value, key);
    List<Tensor> masks = masks(ctx, maskArg);
    boolean causal = AttentionCalls.flag(ctx, "use_causal_mask") || ctx.bool("causal", false);
    boolean returnScores = AttentionCalls.flag(ctx, "return_attention_scores");

    Tensor scores = additive ? additiveScores(ctx, query, key) : luongScores(ctx, query, key);
    Tensor mask = scoresMask(ctx, masks.get(1), causal, scores.shape());
    if (mask != null) {
      scores = AttentionMasks.fill(ctx, scores, mask);
    }
    Tensor weights = DotProductAttention.softmax(ctx, scores);
    Tensor out = DotProductAttention.matmul(ctx, weights, value, false);
    if (masks.get(0) != null) {
      Tensor q = AttentionMasks.toBool(ctx, masks.get(0), "query mask");
      q = Shapes.expandDims(ctx, q, q.shape().rank());
      out = AttentionMasks.zeroMasked(ctx, out, q);
    }
    return returnScores ? List.of(out, weights) : List.of(out);
  }

  /** Attention: {@code query·keyᵀ (× scale)}, or concat: {@code weight · Σ tanh(scale·(q + k))}. */
  private Tensor luongScores(LayerContext ctx, Tensor query, Tensor key) {
    String mode = ctx.string("score_mode", "dot");
    boolean useScale = ctx.bool("use_scale", false);
    boolean concat = switch (mode) {
      case "dot" -> false;
      case "concat" -> true;
      default -> throw ctx.error("has score_mode " + mode + "; Keras knows dot and concat",
          "save the layer with score_mode 'dot' or 'concat'");
    };
    List<Weight> w = ctx.weights((useScale ? 1 : 0) + (concat ? 1 : 0));
    Weight scale = useScale ? pick(ctx, w, "scale", 0) : null;
    Weight concatWeight = concat ? pick(ctx, w, "concat_score_weight", useScale ? 1 : 0) : null;
    if (!concat) {
      Tensor s = DotProductAttention.matmul(ctx, query, key, true);
      return scale == null ? s : Activations.mul(ctx, s, scalar(ctx, scale, "scale"));
    }
    Tensor sum = pairwiseSum(ctx, query, key);
    if (scale != null) {
      sum = Activations.mul(ctx, sum, scalar(ctx, scale, "scale"));
    }
    Tensor s = reduceLast(ctx, Activations.unary(ctx, BuiltinOp.TANH, sum));
    return Activations.mul(ctx, s, scalar(ctx, concatWeight, "concat_score_weight"));
  }

  /** AdditiveAttention: {@code Σ scale · tanh(q + k)} over the features. */
  private Tensor additiveScores(LayerContext ctx, Tensor query, Tensor key) {
    boolean useScale = ctx.bool("use_scale", true);
    Tensor t = Activations.unary(ctx, BuiltinOp.TANH, pairwiseSum(ctx, query, key));
    if (useScale) {
      int dim = query.shape().dim(-1);
      Weight scale = ctx.checkShape(pick(ctx, ctx.weights(1), "scale", 0), dim);
      t = Activations.mul(ctx, t, ctx.constant("scale", Shape.of(dim), scale.values()));
    }
    return reduceLast(ctx, t);
  }

  /** {@code q[.., Tq, 1, d] + k[.., 1, Tv, d]}. */
  private static Tensor pairwiseSum(LayerContext ctx, Tensor query, Tensor key) {
    int r = query.shape().rank();
    return Activations.add(ctx, Shapes.expandDims(ctx, query, r - 1), Shapes.expandDims(ctx, key, r - 2));
  }

  private static Tensor reduceLast(LayerContext ctx, Tensor x) {
    int r = x.shape().rank();
    return ctx.emit(BuiltinOp.SUM, List.of(x, ctx.int32("axis", r - 1)), Shape.of(Arrays.copyOf(x.shape().dims(), r - 1)),
        new OpOptions.Reducer(false));
  }

  /**
   * The value mask {@code [.., Tv]} as Keras shapes it ({@code [.., 1, Tv]}), with the causal mask
   * {@code [1, Tq, Tv]} where asked for; null for neither.
   */
  private static Tensor scoresMask(LayerContext ctx, Tensor valueMask, boolean causal, Shape scores) {
    Tensor mask = null;
    if (valueMask != null) {
      Tensor v = AttentionMasks.toBool(ctx, valueMask, "value mask");
      // Keras expands a [batch, Tv] mask, and any mask when it adds the causal one
      mask = causal || v.shape().rank() == 2 ? Shapes.expandDims(ctx, v, v.shape().rank() - 1) : v;
      while (mask.shape().rank() < scores.rank()) {
        mask = Shapes.expandDims(ctx, mask, 0);
      }
      AttentionMasks.checkBroadcast(ctx, mask, scores, "value mask");
    }
    if (causal) {
      Tensor band = AttentionMasks.band(ctx, "causal", scores.rank() - 2, scores.dim(-2), scores.dim(-1),
          AttentionMasks.causal());
      mask = mask == null ? band : AttentionMasks.and(ctx, mask, band);
    }
    return mask;
  }

  /** {@code mask=[query_mask, value_mask(, ignored)]}: the first two, each a tensor or null. */
  private static List<Tensor> masks(LayerContext ctx, Object arg) {
    List<Tensor> out = new ArrayList<>(Arrays.asList(null, null));
    if (AttentionCalls.isNull(arg)) {
      return out;
    }
    if (!(arg instanceof List<?> list) || list.size() < 2 || list.size() > 3) {
      throw ctx.error("is called with mask " + AttentionCalls.describe(arg) + "; it takes a list [query_mask, value_mask]",
          "pass mask=[query_mask, value_mask]");
    }
    for (int i = 0; i < 2; i++) {
      Object m = list.get(i);
      if (m instanceof Tensor t) {
        out.set(i, t);
      } else if (!AttentionCalls.isNull(m)) {
        throw ctx.error("is called with " + m + " in its mask list, which must hold tensors or None",
            "pass mask=[query_mask, value_mask]");
      }
    }
    return out;
  }

  private static List<Tensor> tensors(LayerContext ctx, Object arg) {
    if (!(arg instanceof List<?> list)) {
      throw ctx.error("is called on " + AttentionCalls.describe(arg) + "; it takes a list [query, value] or "
          + "[query, value, key]", "call the layer on a list of tensors");
    }
    List<Tensor> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Tensor t)) {
        throw ctx.error("is called on a list holding " + AttentionCalls.describe(o) + "; it takes tensors",
            "call the layer on a list of tensors");
      }
      out.add(t);
    }
    return out;
  }

  private static void check(LayerContext ctx, Tensor query, Tensor value, Tensor key) {
    int r = query.shape().rank();
    for (Tensor t : List.of(query, value, key)) {
      if (t.type() != DataType.FLOAT32) {
        throw ctx.error("gets a " + t.type() + " input; attention takes float32", "feed float32 tensors");
      }
      if (t.shape().rank() != r || r < 3 || r > 5) {
        throw ctx.error("gets query, value and key of shapes " + query.shape() + ", " + value.shape() + " and "
            + key.shape() + "; they must be of one rank from 3 to 5", "pass [batch, positions, features] tensors");
      }
    }
    if (query.shape().dim(-1) != key.shape().dim(-1) && query.shape().dim(-1) >= 0 && key.shape().dim(-1) >= 0) {
      throw ctx.error("gets query " + query.shape() + " and key " + key.shape() + " of different feature sizes",
          "give query and key the same last dimension");
    }
  }

  /** A weight found by its name ({@code scale}, {@code concat_score_weight}) or, unnamed, by its place. */
  private static Weight pick(LayerContext ctx, List<Weight> w, String name, int index) {
    for (Weight x : w) {
      String last = x.name().substring(x.name().lastIndexOf('/') + 1);
      if (last.startsWith(name) && !(name.equals("scale") && last.startsWith("concat"))) {
        return x;
      }
    }
    if (index >= w.size()) {
      throw ctx.error("stores no " + name + " weight " + w, "the config and the weights disagree: save the model again");
    }
    return w.get(index);
  }

  private static Tensor scalar(LayerContext ctx, Weight w, String name) {
    if (w.values().length != 1) {
      throw ctx.error("stores its " + name + " as " + w + "; it must be a scalar",
          "the config and the weights disagree: save the model again");
    }
    return ctx.scalar(name, w.values()[0]);
  }
}
