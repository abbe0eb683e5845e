package io.litertj.keras;

/**
 * A plain-Java forward pass of the few Keras layers the tests check independently of LiteRT and of
 * the converter. Tensors are row-major float arrays, batch first, channels last. Public for the
 * other modules' tests (through the runtime's test jar).
 */
public final class ReferenceMath {

  private ReferenceMath() {}

  /** x[in] · k[in][out] + b. */
  public static float[] dense(float[] x, float[][] k, float[] b) {
    float[] y = b.clone();
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < y.length; o++) {
        y[o] += x[i] * k[i][o];
      }
    }
    return y;
  }

  /** Rows of x[n][in] through a flat kernel [in, out]. */
  public static float[] dense(float[] x, int rows, float[] kernel, float[] b) {
    int out = b.length;
    int in = x.length / rows;
    float[] y = new float[rows * out];
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < out; o++) {
        double s = b[o];
        for (int i = 0; i < in; i++) {
          s += (double) x[r * in + i] * kernel[i * out + o];
        }
        y[r * out + o] = (float) s;
      }
    }
    return y;
  }

  /** Valid 1-D convolution of x[steps][c] with kernel [k][c][f]. */
  public static float[] conv1dValid(float[] x, int steps, int c, float[] kernel, int k, float[] bias) {
    int f = bias.length;
    int outSteps = steps - k + 1;
    float[] y = new float[outSteps * f];
    for (int t = 0; t < outSteps; t++) {
      for (int o = 0; o < f; o++) {
        double s = bias[o];
        for (int j = 0; j < k; j++) {
          for (int i = 0; i < c; i++) {
            s += (double) x[(t + j) * c + i] * kernel[(j * c + i) * f + o];
          }
        }
        y[t * f + o] = (float) s;
      }
    }
    return y;
  }

  /** Depthwise 3-D (h, w, c) convolution, multiplier 1, 'same' padding, stride 1. */
  public static float[] depthwiseSame(float[] x, int h, int w, int c, float[] kernel, int kh, int kw, float[] bias) {
    float[] y = new float[h * w * c];
    int ph = (kh - 1) / 2;
    int pw = (kw - 1) / 2;
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        for (int ch = 0; ch < c; ch++) {
          double s = bias[ch];
          for (int a = 0; a < kh; a++) {
            for (int b = 0; b < kw; b++) {
              int yi = i + a - ph;
              int xj = j + b - pw;
              if (yi >= 0 && yi < h && xj >= 0 && xj < w) {
                s += (double) x[(yi * w + xj) * c + ch] * kernel[(a * kw + b) * c + ch];
              }
            }
          }
          y[(i * w + j) * c + ch] = (float) s;
        }
      }
    }
    return y;
  }

  public static float[] zeroPad(float[] x, int h, int w, int c, int p) {
    int w2 = w + 2 * p;
    float[] y = new float[(h + 2 * p) * w2 * c];
    for (int i = 0; i < h; i++) {
      System.arraycopy(x, i * w * c, y, ((i + p) * w2 + p) * c, w * c);
    }
    return y;
  }

  public static float[] upsample(float[] x, int h, int w, int c, int s) {
    float[] y = new float[h * s * w * s * c];
    for (int i = 0; i < h * s; i++) {
      for (int j = 0; j < w * s; j++) {
        System.arraycopy(x, ((i / s) * w + j / s) * c, y, (i * w * s + j) * c, c);
      }
    }
    return y;
  }

  public static float[] crop(float[] x, int h, int w, int c, int p) {
    int h2 = h - 2 * p;
    int w2 = w - 2 * p;
    float[] y = new float[h2 * w2 * c];
    for (int i = 0; i < h2; i++) {
      System.arraycopy(x, ((i + p) * w + p) * c, y, i * w2 * c, w2 * c);
    }
    return y;
  }

  /** Max pooling 2x2, stride 2, valid. */
  public static float[] maxPool2(float[] x, int h, int w, int c) {
    int h2 = h / 2;
    int w2 = w / 2;
    float[] y = new float[h2 * w2 * c];
    for (int i = 0; i < h2; i++) {
      for (int j = 0; j < w2; j++) {
        for (int ch = 0; ch < c; ch++) {
          float m = Float.NEGATIVE_INFINITY;
          for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
              m = Math.max(m, x[((2 * i + a) * w + 2 * j + b) * c + ch]);
            }
          }
          y[(i * w2 + j) * c + ch] = m;
        }
      }
    }
    return y;
  }

  public static float[] globalMax(float[] x, int positions, int c) {
    float[] y = new float[c];
    java.util.Arrays.fill(y, Float.NEGATIVE_INFINITY);
    for (int p = 0; p < positions; p++) {
      for (int ch = 0; ch < c; ch++) {
        y[ch] = Math.max(y[ch], x[p * c + ch]);
      }
    }
    return y;
  }

  public static float[] relu(float[] x) {
    float[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.max(0f, y[i]);
    }
    return y;
  }

  public static float[] tanh(float[] x) {
    float[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) Math.tanh(y[i]);
    }
    return y;
  }

  public static float[] sigmoid(float[] x) {
    float[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (1 / (1 + Math.exp(-y[i])));
    }
    return y;
  }

  public static float[] softmax(float[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      sum += Math.exp(x[i] - max);
    }
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) (Math.exp(x[i] - max) / sum);
    }
    return y;
  }
}
