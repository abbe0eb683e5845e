package io.litertj.keras.layers;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keras MultiHeadAttention's dot-product attention over projected tensors
 * {@code [batch, <positions>, heads, dim]}, as its einsum equations define it: the attention axes
 * are some of the positions; the other positions and the heads are batch axes. Query and key meet
 * in a BATCH_MATMUL over {@code [batch axes, target, dim]} and {@code [batch axes, dim, source]}
 * (several attention axes are flattened into one), the softmax runs over the source positions,
 * and a second BATCH_MATMUL weighs the values.
 */
final class DotProductAttention {

  /** LiteRT's BATCH_MATMUL takes at most 5-D operands: three batch axes. */
  private static final int MAX_BATCH_AXES = 3;

  private final int rank;
  private final int[] axes;
  private final int[] batchAxes;

  /** How the scores are scaled and masked. */
  record Options(float scale, boolean scaleQuery, boolean zeroMasked) {}

  /** The combined values {@code [batch, <positions>, heads, dim]} and the attention scores in Keras's layout. */
  record Result(Tensor output, Tensor scores) {}

  private DotProductAttention(int rank, int[] axes, int[] batchAxes) {
    this.rank = rank;
    this.axes = axes;
    this.batchAxes = batchAxes;
  }

  /**
   * The plan for projected tensors of {@code rank}; {@code attentionAxes} as configured (null: every
   * position axis), negative axes counted as Keras counts them.
   */
  static DotProductAttention of(LayerContext ctx, int rank, int[] attentionAxes) {
    int[] axes;
    if (attentionAxes == null) {
      axes = new int[rank - 3];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i + 1;
      }
    } else {
      axes = new int[attentionAxes.length];
      for (int i = 0; i < axes.length; i++) {
        int a = attentionAxes[i];
        axes[i] = a >= 0 ? a : rank - 1 + a;
        if (axes[i] < 1 || axes[i] > rank - 3 || contains(Arrays.copyOf(axes, i), axes[i])) {
          throw ctx.error("has attention_axes " + Arrays.toString(attentionAxes) + ", which are not distinct position"
              + " axes of its rank-" + (rank - 1) + " inputs", "use axes between 1 and " + (rank - 3));
        }
      }
    }
    if (axes.length == 0) {
      throw ctx.error("has no attention axes for its rank-" + (rank - 1) + " inputs",
          "give the layer inputs of shape [batch, positions..., features]");
    }
    List<Integer> batch = new ArrayList<>();
    for (int i = 0; i < rank - 1; i++) {
      if (!contains(axes, i)) {
        batch.add(i);
      }
    }
    if (batch.size() > MAX_BATCH_AXES) {
      throw ctx.error("attends over axes " + Arrays.toString(axes) + " of rank-" + (rank - 1) + " inputs, which leaves "
          + batch.size() + " batch axes; LiteRT's BATCH_MATMUL takes at most " + MAX_BATCH_AXES,
          "attend over more axes, or reshape the inputs to fewer dimensions");
    }
    return new DotProductAttention(rank, axes, batch.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Whether attention runs over the first position axis alone (where Keras's causal mask means what it says). */
  boolean overFirstAxisOnly() {
    return axes.length == 1 && axes[0] == 1;
  }

  /** Where Keras inserts axes into a mask of lower rank than the scores. */
  int maskExpansionAxis() {
    return -2 * axes.length - 1;
  }

  /** The scores' shape in Keras's layout: batch axes, target attention axes, source attention axes. */
  Shape scoresShape(Shape q, Shape k) {
    int[] dims = new int[batchAxes.length + 2 * axes.length];
    int n = 0;
    for (int a : batchAxes) {
      dims[n++] = q.dim(a) >= 0 ? q.dim(a) : k.dim(a);
    }
    for (int a : axes) {
      dims[n++] = q.dim(a);
    }
    for (int a : axes) {
      dims[n++] = k.dim(a);
    }
    return Shape.of(dims);
  }

  /** Attention of projected {@code q}, {@code k}, {@code v}; {@code mask} is BOOL in the scores' layout, or null. */
  Result apply(LayerContext ctx, Tensor q, Tensor k, Tensor v, Options o, Tensor mask) {
    Shape keras = scoresShape(q.shape(), k.shape());
    int[] qPerm = concat(batchAxes, axes, new int[] {rank - 1});
    int[] kPerm = concat(batchAxes, new int[] {rank - 1}, axes);
    Tensor qt = flattenAxes(ctx, transpose(ctx, q, qPerm), batchAxes.length, axes.length);
    Tensor kt = flattenAxes(ctx, transpose(ctx, k, kPerm), batchAxes.length + 1, axes.length);
    Tensor vt = flattenAxes(ctx, transpose(ctx, v, qPerm), batchAxes.length, axes.length);
    Tensor scale = ctx.scalar("scale", o.scale());
    if (o.scaleQuery()) {
      qt = Activations.mul(ctx, qt, scale);
    }
    Tensor scores = matmul(ctx, qt, kt);
    if (!o.scaleQuery()) {
      scores = Activations.mul(ctx, scores, scale);
    }
    Tensor flatMask = mask == null ? null : flattenMask(ctx, mask, keras);
    if (flatMask != null) {
      scores = AttentionMasks.fill(ctx, scores, flatMask);
    }
    Tensor probs = softmax(ctx, scores);
    if (flatMask != null && o.zeroMasked()) {
      probs = AttentionMasks.zeroMasked(ctx, probs, flatMask);
    }
    Tensor out = matmul(ctx, probs, vt);
    if (axes.length > 1) {
      int[] dims = new int[batchAxes.length + axes.length + 1];
      for (int i = 0; i < batchAxes.length; i++) {
        dims[i] = out.shape().dim(i);
      }
      for (int i = 0; i < axes.length; i++) {
        dims[batchAxes.length + i] = q.shape().dim(axes[i]);
      }
      dims[dims.length - 1] = v.shape().dim(-1);
      out = Shapes.reshape(ctx, out, Shape.of(dims));
    }
    out = transpose(ctx, out, inverse(qPerm));
    Tensor kerasScores = axes.length > 1 ? Shapes.reshape(ctx, probs, keras) : probs;
    return new Result(out, kerasScores);
  }

  /**
   * SOFTMAX over the last axis. Above 4-D the leading axes are merged first: LiteRT's int16
   * softmax kernel takes at most 4-D.
   */
  static Tensor softmax(LayerContext ctx, Tensor x) {
    Shape s = x.shape();
    if (s.rank() <= 4) {
      return ctx.emit(BuiltinOp.SOFTMAX, List.of(x), s, new OpOptions.Softmax(1f));
    }
    Tensor flat = Shapes.reshape(ctx, x, Shape.of(Shape.DYNAMIC, s.dim(-2), s.dim(-1)));
    Tensor p = ctx.emit(BuiltinOp.SOFTMAX, List.of(flat), flat.shape(), new OpOptions.Softmax(1f));
    return Shapes.reshape(ctx, p, s);
  }

  private static Tensor matmul(LayerContext ctx, Tensor a, Tensor b) {
    return matmul(ctx, a, b, false);
  }

  /** BATCH_MATMUL of {@code a} and {@code b} (or its transpose over the last two axes), batch axes broadcast. */
  static Tensor matmul(LayerContext ctx, Tensor a, Tensor b, boolean adjointB) {
    int r = a.shape().rank();
    Shape batch = Broadcasting.shape(Shape.of(Arrays.copyOf(a.shape().dims(), r - 2)),
        Shape.of(Arrays.copyOf(b.shape().dims(), r - 2)));
    int[] dims = Arrays.copyOf(batch.dims(), r);
    dims[r - 2] = a.shape().dim(-2);
    dims[r - 1] = adjointB ? b.shape().dim(-2) : b.shape().dim(-1);
    return ctx.emit(BuiltinOp.BATCH_MATMUL, List.of(a, b), Shape.of(dims),
        new OpOptions.BatchMatMul(false, adjointB, false));
  }

  /** Merges {@code count} axes from {@code from} into one (a no-op for one axis). */
  private static Tensor flattenAxes(LayerContext ctx, Tensor x, int from, int count) {
    if (count == 1) {
      return x;
    }
    int[] in = x.shape().dims();
    int[] dims = new int[in.length - count + 1];
    System.arraycopy(in, 0, dims, 0, from);
    long n = 1;
    for (int i = from; i < from + count; i++) {
      if (in[i] < 0) {
        throw ctx.error("attends over several axes, whose sizes must be known; got " + x.shape(),
            "give the model inputs a fixed shape apart from the batch");
      }
      n *= in[i];
    }
    dims[from] = size(ctx, n, x.shape());
    System.arraycopy(in, from + count, dims, from + 1, in.length - from - count);
    return Shapes.reshape(ctx, x, Shape.of(dims));
  }

  /**
   * A mask in Keras's layout as one of {@code [batch axes, target, source]}: each group of
   * attention axes merges into one, which needs the group to be all broadcast (1) or all full.
   */
  private Tensor flattenMask(LayerContext ctx, Tensor mask, Shape keras) {
    if (axes.length == 1) {
      return mask;
    }
    int nb = batchAxes.length;
    int[] dims = new int[nb + 2];
    for (int i = 0; i < nb; i++) {
      dims[i] = mask.shape().dim(i);
    }
    for (int g = 0; g < 2; g++) {
      int from = nb + g * axes.length;
      boolean ones = true;
      boolean full = true;
      long n = 1;
      for (int i = from; i < from + axes.length; i++) {
        int m = mask.shape().dim(i);
        ones &= m == 1;
        full &= m == keras.dim(i) && m >= 0;
        n *= Math.max(m, 1);
      }
      if (!ones && !full) {
        throw ctx.error("gets an attention mask of shape " + mask.shape() + ", which broadcasts over only some of"
            + " its attention axes " + Arrays.toString(axes), "pass a mask with all or none of the attention axes");
      }
      dims[nb + g] = ones ? 1 : size(ctx, n, mask.shape());
    }
    return Shapes.reshape(ctx, mask, Shape.of(dims));
  }

  private static int size(LayerContext ctx, long n, Shape of) {
    if (n > Integer.MAX_VALUE) {
      throw ctx.error("attends over " + n + " positions of " + of + ", more than a LiteRT dimension holds",
          "attend over fewer positions");
    }
    return (int) n;
  }

  private static Tensor transpose(LayerContext ctx, Tensor x, int[] perm) {
    boolean identity = true;
    int[] dims = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      identity &= perm[i] == i;
      dims[i] = x.shape().dim(perm[i]);
    }
    if (identity) {
      return x;
    }
    return ctx.emit(BuiltinOp.TRANSPOSE, List.of(x, ctx.int32("perm", perm)), x.type(), Shape.of(dims),
        new OpOptions.Transpose());
  }

  private static int[] inverse(int[] perm) {
    int[] inv = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inv[perm[i]] = i;
    }
    return inv;
  }

  private static int[] concat(int[]... parts) {
    int n = 0;
    for (int[] p : parts) {
      n += p.length;
    }
    int[] out = new int[n];
    int i = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, i, p.length);
      i += p.length;
    }
    return out;
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
