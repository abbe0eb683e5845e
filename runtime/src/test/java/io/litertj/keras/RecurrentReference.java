package io.litertj.keras;

import java.util.function.DoubleUnaryOperator;

/**
 * Keras's LSTM and SimpleRNN equations written out in plain Java (double precision), the judge for
 * layer options the shared Keras files do not cover: {@code h = o * act(c)},
 * {@code c = f * c + i * act(x W_c + h U_c + b_c)}, gates {@code rec(x W + h U + b)} in Keras's
 * [i, f, c, o] column order; SimpleRNN {@code h = act(x W + h U + b)}.
 */
final class RecurrentReference {

  static final DoubleUnaryOperator TANH = Math::tanh;
  static final DoubleUnaryOperator SIGMOID = v -> 1 / (1 + Math.exp(-v));
  static final DoubleUnaryOperator RELU = v -> Math.max(0, v);
  static final DoubleUnaryOperator RELU6 = v -> Math.min(6, Math.max(0, v));
  static final DoubleUnaryOperator LINEAR = v -> v;
  /** Keras 3's hard_sigmoid: relu6(x + 3) / 6. */
  static final DoubleUnaryOperator HARD_SIGMOID = v -> Math.min(6, Math.max(0, v + 3)) / 6;

  /**
   * One sequence's outputs: every step's h (in processing order), the final h and c, and (LSTM)
   * every step's c.
   */
  record Run(float[][] sequence, float[] h, float[] c, float[][] cells) {}

  private RecurrentReference() {}

  /**
   * A GRU with the reset gate after the matmul (Keras's reset_after=True, cuDNN's form): gates
   * [z, r, h]; {@code z = sig(x Wz + bz + h Uz + cz)}, {@code r} likewise,
   * {@code hh = tanh(x Wh + bh + r * (h Uh + ch))}, {@code h = z * h + (1 - z) * hh}.
   */
  static float[] gruResetAfter(float[][] x, float[][] kernel, float[][] recurrent, float[] inputBias,
      float[] recurrentBias) {
    int units = recurrent.length;
    double[] h = new double[units];
    for (float[] xt : x) {
      double[] zx = new double[3 * units];
      double[] zh = new double[3 * units];
      for (int j = 0; j < 3 * units; j++) {
        zx[j] = inputBias[j];
        zh[j] = recurrentBias[j];
        for (int f = 0; f < xt.length; f++) {
          zx[j] += xt[f] * kernel[f][j];
        }
        for (int u = 0; u < units; u++) {
          zh[j] += h[u] * recurrent[u][j];
        }
      }
      double[] next = new double[units];
      for (int u = 0; u < units; u++) {
        double z = SIGMOID.applyAsDouble(zx[u] + zh[u]);
        double r = SIGMOID.applyAsDouble(zx[units + u] + zh[units + u]);
        double hh = Math.tanh(zx[2 * units + u] + r * zh[2 * units + u]);
        next[u] = z * h[u] + (1 - z) * hh;
      }
      h = next;
    }
    float[] out = new float[units];
    for (int u = 0; u < units; u++) {
      out[u] = (float) h[u];
    }
    return out;
  }

  /**
   * @param x [steps][features] of one sample
   * @param kernel [features][gates * units]; recurrent [units][gates * units]; bias [gates * units] or null
   * @param h0 initial h or null (zeros); c0 likewise (LSTM only)
   */
  static Run run(float[][] x, float[][] kernel, float[][] recurrent, float[] bias, int gates, float[] h0,
      float[] c0, boolean backwards, DoubleUnaryOperator act, DoubleUnaryOperator rec) {
    int units = recurrent.length;
    double[] h = new double[units];
    double[] c = new double[units];
    for (int u = 0; u < units; u++) {
      h[u] = h0 == null ? 0 : h0[u];
      c[u] = c0 == null ? 0 : c0[u];
    }
    float[][] seq = new float[x.length][units];
    float[][] cells = new float[x.length][units];
    for (int s = 0; s < x.length; s++) {
      float[] xt = x[backwards ? x.length - 1 - s : s];
      double[] z = new double[gates * units];
      for (int j = 0; j < z.length; j++) {
        double v = bias == null ? 0 : bias[j];
        for (int f = 0; f < xt.length; f++) {
          v += xt[f] * kernel[f][j];
        }
        for (int u = 0; u < units; u++) {
          v += h[u] * recurrent[u][j];
        }
        z[j] = v;
      }
      for (int u = 0; u < units; u++) {
        if (gates == 1) {
          h[u] = act.applyAsDouble(z[u]);
        } else {
          double i = rec.applyAsDouble(z[u]);
          double f = rec.applyAsDouble(z[units + u]);
          double g = act.applyAsDouble(z[2 * units + u]);
          double o = rec.applyAsDouble(z[3 * units + u]);
          c[u] = f * c[u] + i * g;
          h[u] = o * act.applyAsDouble(c[u]);
        }
        seq[s][u] = (float) h[u];
        cells[s][u] = (float) c[u];
      }
    }
    float[] hf = new float[units];
    float[] cf = new float[units];
    for (int u = 0; u < units; u++) {
      hf[u] = (float) h[u];
      cf[u] = (float) c[u];
    }
    return new Run(seq, hf, cf, cells);
  }
}
