package io.litertj.keras;

import io.litertj.testing.TensorData;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's attention layers written out in TensorFlow ops, following the Keras 3.15 (and tf.keras 2)
 * source step by step: the einsum equations MultiHeadAttention builds, its masks and fills, the
 * Luong and Bahdanau scores. Run in real TensorFlow, it is the reference our LiteRT conversion
 * (transposes, reshapes and BATCH_MATMUL) is checked against.
 */
final class KerasAttentionReference {

  private KerasAttentionReference() {}

  /** MultiHeadAttention settings, as a Keras config holds them (null: Keras's default). */
  static final class Mha {
    int heads;
    int keyDim;
    int valueDim;
    int[] outputShape; // null: the query's features
    int[] attentionAxes; // null: all position axes
    boolean gate;
    int slidingWindow;
    boolean keras3 = true;
    boolean fused; // Keras 3's dot_product_attention path: rank-3 inputs, no dropout, no scores returned

    /** Projection weights in Keras shapes; gate may be null; biases null without use_bias. */
    TensorData qk;
    TensorData qb;
    TensorData kk;
    TensorData kb;
    TensorData vk;
    TensorData vb;
    TensorData gk;
    TensorData gb;
    TensorData ok;
    TensorData ob;
  }

  /** The output, and the attention scores (Keras layout). */
  record Out(Operand<TFloat32> output, Operand<TFloat32> scores) {}

  @FunctionalInterface
  interface Constants {
    Operand<TFloat32> of(TensorData data);
  }

  static Out multiHeadAttention(Ops tf, Constants c, Mha m, Operand<TFloat32> query, Operand<TFloat32> value,
      Operand<TFloat32> key, Operand<TBool> attentionMask, boolean causal) {
    int r = rank(query);
    int rank = r + 1;
    String proj = projEquation(r - 1, 1, 2);
    Operand<TFloat32> q = dense(tf, c, proj, query, m.qk, m.qb);
    Operand<TFloat32> k = dense(tf, c, proj, key, m.kk, m.kb);
    Operand<TFloat32> v = dense(tf, c, proj, value, m.vk, m.vb);
    int[] axes = normalizedAxes(m.attentionAxes, rank);
    String[] eq = attentionEquation(rank, axes);
    int scoresRank = eq[2].length();
    float scale = (float) (1.0 / Math.sqrt(m.keyDim));
    if (!m.fused) {
      q = tf.math.mul(q, tf.constant(scale));
    }
    Operand<TFloat32> logits = tf.linalg.einsum(List.of(k, q), eq[0]);
    if (m.fused) {
      logits = tf.math.mul(logits, tf.constant(scale));
    }
    Operand<TBool> mask = attentionMask;
    if (causal) {
      mask = and(tf, mask, band(tf, query, value, -1, 0));
    }
    if (m.slidingWindow > 0) {
      mask = and(tf, mask, band(tf, query, value, m.slidingWindow - 1, m.slidingWindow - 1));
    }
    if (mask != null) {
      for (int i = rank(mask); i < scoresRank; i++) {
        mask = tf.expandDims(mask, tf.constant(-axes.length * 2 - 1));
      }
      if (!m.keras3) {
        Operand<TFloat32> adder = tf.math.mul(tf.math.sub(tf.constant(1f), tf.dtypes.cast(mask, TFloat32.class)),
            tf.constant(-1e9f));
        logits = tf.math.add(logits, adder);
      } else {
        float fill = m.fused ? -0.7f * 3.38953e38f : -1e9f;
        logits = tf.select(mask, logits, tf.math.mul(tf.onesLike(logits), tf.constant(fill)));
      }
    }
    Operand<TFloat32> probs = softmax(tf, logits, scoresRank - axes.length, scoresRank);
    if (mask != null && m.keras3 && !m.fused) {
      probs = tf.select(mask, probs, tf.zerosLike(probs));
    }
    Operand<TFloat32> out = tf.linalg.einsum(List.of(probs, v), eq[1]);
    if (m.gate) {
      out = tf.math.mul(out, tf.math.sigmoid(dense(tf, c, proj, query, m.gk, m.gb)));
    }
    int outDims = m.outputShape == null ? 1 : m.outputShape.length;
    Operand<TFloat32> y = dense(tf, c, projEquation(r - 1, 2, outDims), out, m.ok, m.ob);
    return new Out(y, probs);
  }

  /** Attention (dot / concat) or AdditiveAttention, as Keras 3's Attention.call. */
  static Out denseAttention(Ops tf, Constants c, String mode, TensorData scale, TensorData concatWeight,
      Operand<TFloat32> query, Operand<TFloat32> value, Operand<TFloat32> key, Operand<TBool> queryMask,
      Operand<TBool> valueMask, boolean causal) {
    Operand<TFloat32> scores;
    if (mode.equals("dot")) {
      scores = tf.linalg.einsum(List.of(query, key), "btd,bsd->bts");
      if (scale != null) {
        scores = tf.math.mul(scores, c.of(scale));
      }
    } else {
      Operand<TFloat32> sum = tf.math.add(tf.expandDims(query, tf.constant(-2)), tf.expandDims(key, tf.constant(-3)));
      if (mode.equals("concat")) {
        if (scale != null) {
          sum = tf.math.mul(c.of(scale), sum);
        }
        scores = tf.math.mul(c.of(concatWeight), tf.sum(tf.math.tanh(sum), tf.constant(-1)));
      } else {
        Operand<TFloat32> t = tf.math.tanh(sum);
        scores = tf.sum(scale == null ? t : tf.math.mul(c.of(scale), t), tf.constant(-1));
      }
    }
    Operand<TBool> mask = null;
    if (causal) {
      Operand<TBool> band = band(tf, query, value, -1, 0);
      mask = valueMask == null ? band : tf.math.logicalAnd(tf.expandDims(valueMask, tf.constant(-2)), band);
    } else if (valueMask != null) {
      mask = tf.expandDims(valueMask, tf.constant(-2));
    }
    if (mask != null) {
      scores = tf.select(tf.math.logicalNot(mask), tf.math.sub(scores, tf.constant(1e9f)), scores);
    }
    Operand<TFloat32> weights = tf.nn.softmax(scores);
    Operand<TFloat32> out = tf.linalg.einsum(List.of(weights, value), "bts,bsd->btd");
    if (queryMask != null) {
      out = tf.select(tf.expandDims(queryMask, tf.constant(-1)), out, tf.zerosLike(out));
    }
    return new Out(out, weights);
  }

  /** A keep mask from a numeric tensor, as Keras's cast to bool. */
  static Operand<TBool> keep(Ops tf, Operand<?> mask) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<TFloat32> f = tf.dtypes.cast((Operand) mask, TFloat32.class);
    return tf.math.notEqual(f, tf.constant(0f));
  }

  /** {@code [1, T, S]} band of query axis 1 against value axis 1 (lower, upper as tf.linalg.band_part). */
  private static Operand<TBool> band(Ops tf, Operand<TFloat32> query, Operand<TFloat32> value, int lower, int upper) {
    int t = (int) query.shape().get(1);
    int s = (int) value.shape().get(1);
    Operand<TFloat32> ones = tf.ones(tf.constant(new int[] {1, t, s}), TFloat32.class);
    Operand<TFloat32> b = tf.linalg.bandPart(ones, tf.constant(lower), tf.constant(upper));
    return tf.math.notEqual(b, tf.constant(0f));
  }

  private static Operand<TBool> and(Ops tf, Operand<TBool> a, Operand<TBool> b) {
    return a == null ? b : tf.math.logicalAnd(a, b);
  }

  /** Softmax over the axes {@code [from, to)}: Keras's exp(x - logsumexp(x)) for several axes. */
  private static Operand<TFloat32> softmax(Ops tf, Operand<TFloat32> x, int from, int to) {
    if (to - from == 1) {
      return tf.nn.softmax(x);
    }
    int[] axes = new int[to - from];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = from + i;
    }
    Operand<TInt32> a = tf.constant(axes);
    Operand<TFloat32> e = tf.math.exp(tf.math.sub(x, tf.max(x, a, Max.keepDims(true))));
    return tf.math.div(e, tf.sum(e, a, Sum.keepDims(true)));
  }

  private static Operand<TFloat32> dense(Ops tf, Constants c, String equation, Operand<TFloat32> x, TensorData kernel,
      TensorData bias) {
    Operand<TFloat32> y = tf.linalg.einsum(List.of(x, c.of(kernel)), equation);
    return bias == null ? y : tf.math.add(y, c.of(bias));
  }

  private static int[] normalizedAxes(int[] axes, int rank) {
    if (axes == null) {
      int[] out = new int[rank - 3];
      for (int i = 0; i < out.length; i++) {
        out[i] = i + 1;
      }
      return out;
    }
    int[] out = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      out[i] = axes[i] >= 0 ? axes[i] : rank - 1 + axes[i];
    }
    return out;
  }

  /** Keras's {@code _build_proj_equation}. */
  static String projEquation(int free, int bound, int output) {
    StringBuilder in = new StringBuilder();
    StringBuilder kernel = new StringBuilder();
    StringBuilder out = new StringBuilder();
    int letter = 0;
    for (int i = 0; i < free; i++, letter++) {
      in.append(letter(letter));
      out.append(letter(letter));
    }
    for (int i = 0; i < bound; i++, letter++) {
      in.append(letter(letter));
      kernel.append(letter(letter));
    }
    for (int i = 0; i < output; i++, letter++) {
      kernel.append(letter(letter));
      out.append(letter(letter));
    }
    return in + "," + kernel + "->" + out;
  }

  /** Keras's {@code _build_attention_equation}: dot-product, combine, and the product notation. */
  static String[] attentionEquation(int rank, int[] axes) {
    StringBuilder target = new StringBuilder();
    for (int i = 0; i < rank; i++) {
      target.append(letter(i));
    }
    List<Integer> batch = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      boolean attention = i == rank - 1;
      for (int a : axes) {
        attention |= a == i;
      }
      if (!attention) {
        batch.add(i);
      }
    }
    StringBuilder source = new StringBuilder();
    int offset = rank;
    for (int i = 0; i < rank; i++) {
      source.append(batch.contains(i) || i == rank - 1 ? target.charAt(i) : letter(offset++));
    }
    StringBuilder product = new StringBuilder();
    batch.forEach(i -> product.append(target.charAt(i)));
    for (int a : axes) {
      product.append(target.charAt(a));
    }
    for (int a : axes) {
      product.append(source.charAt(a));
    }
    return new String[] {source + "," + target + "->" + product, product + "," + source + "->" + target,
        product.toString()};
  }

  private static char letter(int i) {
    return (char) ('a' + i);
  }

  private static int rank(Operand<?> x) {
    return x.shape().numDimensions();
  }
}
