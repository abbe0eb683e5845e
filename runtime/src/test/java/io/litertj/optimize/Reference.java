package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Padding;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A plain-Java float evaluation of the few LiteRT ops these tests build, with LiteRT's
 * semantics (NHWC, OHWI filters, fused activations as clamps, TANH ignored as a fused
 * activation exactly like LiteRT's CalculateActivationRange). Slow and simple on purpose.
 */
final class Reference {

  private final Map<Tensor, float[]> values = new IdentityHashMap<>();

  private Reference() {}

  /** Random inputs in [-1, 1) for every subgraph input, fixed by {@code seed}. */
  static Map<String, float[]> randomInputs(Subgraph g, long seed) {
    Random r = new Random(seed);
    Map<String, float[]> in = new LinkedHashMap<>();
    g.inputs().forEach((name, t) -> {
      float[] v = new float[(int) t.shape().numElements()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.nextFloat() * 2 - 1;
      }
      in.put(name, v);
    });
    return in;
  }

  /** The subgraph's outputs by signature name. */
  static Map<String, float[]> run(Subgraph g, Map<String, float[]> inputs) {
    Reference ref = new Reference();
    g.inputs().forEach((name, t) -> ref.values.put(t, inputs.get(name)));
    for (Operator op : g.operators()) {
      ref.values.put(op.output(0), ref.eval(op));
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    g.outputs().forEach((name, t) -> out.put(name, ref.value(t)));
    return out;
  }

  private float[] value(Tensor t) {
    if (t.isConstant()) {
      return t.constantFloats();
    }
    float[] v = values.get(t);
    if (v == null) {
      throw new IllegalStateException("no value for " + t);
    }
    return v;
  }

  private float[] eval(Operator op) {
    Tensor out = op.output(0);
    float[] result = switch (op.op()) {
      case CONV_2D -> conv(op, false);
      case DEPTHWISE_CONV_2D -> conv(op, true);
      case FULLY_CONNECTED -> fullyConnected(op);
      case TRANSPOSE_CONV -> transposeConv(op);
      case ADD, SUB, MUL, DIV -> binary(op);
      case RELU -> clamp(value(op.input(0)), Activation.RELU);
      case RELU6 -> clamp(value(op.input(0)), Activation.RELU6);
      case RELU_N1_TO_1 -> clamp(value(op.input(0)), Activation.RELU_N1_TO_1);
      case TANH -> tanh(value(op.input(0)));
      case RESHAPE, SQUEEZE, EXPAND_DIMS, CAST -> value(op.input(0)).clone();
      case TRANSPOSE -> transpose(op);
      case CONCATENATION -> concat(op);
      case MAX_POOL_2D, AVERAGE_POOL_2D -> pool(op);
      default -> throw new UnsupportedOperationException(op.op().name());
    };
    if (result.length != out.shape().numElements()) {
      throw new IllegalStateException(op + " computed " + result.length + " values");
    }
    return clamp(result, Activations.of(op.options()));
  }

  private static float[] clamp(float[] v, Activation a) {
    float lo;
    float hi;
    switch (a) {
      case RELU -> {
        lo = 0;
        hi = Float.MAX_VALUE;
      }
      case RELU6 -> {
        lo = 0;
        hi = 6;
      }
      case RELU_N1_TO_1 -> {
        lo = -1;
        hi = 1;
      }
      default -> {
        return v; // LiteRT's CalculateActivationRange: anything else clamps nothing
      }
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.min(Math.max(v[i], lo), hi);
    }
    return out;
  }

  private static float[] tanh(float[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) Math.tanh(v[i]);
    }
    return out;
  }

  private float[] bias(Operator op, int index, int channels) {
    Tensor b = op.inputs().size() > index ? op.input(index) : null;
    return b == null ? new float[channels] : value(b);
  }

  /** Padding before the first row, as LiteRT's ComputePaddingHeightWidth. */
  private static int padBefore(Padding p, int in, int out, int stride, int dilation, int kernel) {
    if (p == Padding.VALID) {
      return 0;
    }
    int effective = (kernel - 1) * dilation + 1;
    return Math.max((out - 1) * stride + effective - in, 0) / 2;
  }

  private float[] conv(Operator op, boolean depthwise) {
    int[] is = op.input(0).shape().dims();
    int[] fs = op.input(1).shape().dims();
    int[] os = op.output(0).shape().dims();
    float[] x = value(op.input(0));
    float[] w = value(op.input(1));
    float[] b = bias(op, 2, os[3]);
    Padding padding;
    int sw;
    int sh;
    int dw;
    int dh;
    int multiplier = 1;
    if (op.options() instanceof OpOptions.Conv2D o) {
      padding = o.padding();
      sw = o.strideW();
      sh = o.strideH();
      dw = o.dilationW();
      dh = o.dilationH();
    } else {
      OpOptions.DepthwiseConv2D o = (OpOptions.DepthwiseConv2D) op.options();
      padding = o.padding();
      sw = o.strideW();
      sh = o.strideH();
      dw = o.dilationW();
      dh = o.dilationH();
      multiplier = o.depthMultiplier();
    }
    int kh = fs[1];
    int kw = fs[2];
    int padH = padBefore(padding, is[1], os[1], sh, dh, kh);
    int padW = padBefore(padding, is[2], os[2], sw, dw, kw);
    float[] out = new float[os[0] * os[1] * os[2] * os[3]];
    for (int n = 0; n < os[0]; n++) {
      for (int oy = 0; oy < os[1]; oy++) {
        for (int ox = 0; ox < os[2]; ox++) {
          for (int oc = 0; oc < os[3]; oc++) {
            float sum = b[oc];
            for (int ky = 0; ky < kh; ky++) {
              for (int kx = 0; kx < kw; kx++) {
                int iy = oy * sh + ky * dh - padH;
                int ix = ox * sw + kx * dw - padW;
                if (iy < 0 || iy >= is[1] || ix < 0 || ix >= is[2]) {
                  continue;
                }
                int base = ((n * is[1] + iy) * is[2] + ix) * is[3];
                if (depthwise) {
                  sum += x[base + oc / multiplier] * w[(ky * kw + kx) * fs[3] + oc];
                } else {
                  for (int ic = 0; ic < is[3]; ic++) {
                    sum += x[base + ic] * w[((oc * kh + ky) * kw + kx) * fs[3] + ic];
                  }
                }
              }
            }
            out[((n * os[1] + oy) * os[2] + ox) * os[3] + oc] = sum;
          }
        }
      }
    }
    return out;
  }

  private float[] fullyConnected(Operator op) {
    float[] x = value(op.input(0));
    float[] w = value(op.input(1));
    int units = op.input(1).shape().dim(0);
    int depth = op.input(1).shape().dim(1);
    float[] b = bias(op, 2, units);
    int rows = x.length / depth;
    float[] out = new float[rows * units];
    for (int r = 0; r < rows; r++) {
      for (int u = 0; u < units; u++) {
        float sum = b[u];
        for (int i = 0; i < depth; i++) {
          sum += x[r * depth + i] * w[u * depth + i];
        }
        out[r * units + u] = sum;
      }
    }
    return out;
  }

  private float[] transposeConv(Operator op) {
    int[] fs = op.input(1).shape().dims();
    int[] is = op.input(2).shape().dims();
    int[] os = op.output(0).shape().dims();
    float[] w = value(op.input(1));
    float[] x = value(op.input(2));
    float[] b = bias(op, 3, os[3]);
    OpOptions.TransposeConv o = (OpOptions.TransposeConv) op.options();
    int padH = padBefore(o.padding(), os[1], is[1], o.strideH(), 1, fs[1]);
    int padW = padBefore(o.padding(), os[2], is[2], o.strideW(), 1, fs[2]);
    float[] out = new float[os[0] * os[1] * os[2] * os[3]];
    for (int n = 0; n < is[0]; n++) {
      for (int iy = 0; iy < is[1]; iy++) {
        for (int ix = 0; ix < is[2]; ix++) {
          for (int ky = 0; ky < fs[1]; ky++) {
            for (int kx = 0; kx < fs[2]; kx++) {
              int oy = iy * o.strideH() + ky - padH;
              int ox = ix * o.strideW() + kx - padW;
              if (oy < 0 || oy >= os[1] || ox < 0 || ox >= os[2]) {
                continue;
              }
              for (int oc = 0; oc < os[3]; oc++) {
                float sum = 0;
                for (int ic = 0; ic < is[3]; ic++) {
                  sum += x[((n * is[1] + iy) * is[2] + ix) * is[3] + ic] * w[((oc * fs[1] + ky) * fs[2] + kx) * fs[3] + ic];
                }
                out[((n * os[1] + oy) * os[2] + ox) * os[3] + oc] += sum;
              }
            }
          }
        }
      }
    }
    for (int i = 0; i < out.length; i++) {
      out[i] += b[i % os[3]];
    }
    return out;
  }

  private float[] binary(Operator op) {
    int[] os = op.output(0).shape().dims();
    int[] as = op.input(0).shape().dims();
    int[] bs = op.input(1).shape().dims();
    float[] a = value(op.input(0));
    float[] b = value(op.input(1));
    float[] out = new float[(int) op.output(0).shape().numElements()];
    int[] index = new int[os.length];
    for (int i = 0; i < out.length; i++) {
      int rest = i;
      for (int d = os.length - 1; d >= 0; d--) {
        index[d] = rest % os[d];
        rest /= os[d];
      }
      float x = a[broadcastIndex(index, as)];
      float y = b[broadcastIndex(index, bs)];
      out[i] = switch (op.op()) {
        case ADD -> x + y;
        case SUB -> x - y;
        case MUL -> x * y;
        default -> x / y;
      };
    }
    return out;
  }

  /** Row-major index into a right-aligned, broadcast operand of shape {@code dims}. */
  private static int broadcastIndex(int[] outIndex, int[] dims) {
    int flat = 0;
    int offset = outIndex.length - dims.length;
    for (int d = 0; d < dims.length; d++) {
      flat = flat * dims[d] + (dims[d] == 1 ? 0 : outIndex[d + offset]);
    }
    return flat;
  }

  private float[] transpose(Operator op) {
    int[] is = op.input(0).shape().dims();
    long[] perm = op.input(1).constantLongs();
    float[] x = value(op.input(0));
    int rank = is.length;
    int[] os = new int[rank];
    for (int i = 0; i < rank; i++) {
      os[i] = is[(int) perm[i]];
    }
    float[] out = new float[x.length];
    int[] index = new int[rank];
    for (int i = 0; i < out.length; i++) {
      int rest = i;
      for (int d = rank - 1; d >= 0; d--) {
        index[d] = rest % os[d];
        rest /= os[d];
      }
      int[] src = new int[rank];
      for (int d = 0; d < rank; d++) {
        src[(int) perm[d]] = index[d];
      }
      int flat = 0;
      for (int d = 0; d < rank; d++) {
        flat = flat * is[d] + src[d];
      }
      out[i] = x[flat];
    }
    return out;
  }

  private float[] concat(Operator op) {
    int axis = ((OpOptions.Concatenation) op.options()).axis();
    int[] os = op.output(0).shape().dims();
    int outer = 1;
    for (int d = 0; d < axis; d++) {
      outer *= os[d];
    }
    float[] out = new float[(int) op.output(0).shape().numElements()];
    int pos = 0;
    for (int o = 0; o < outer; o++) {
      for (Tensor in : op.inputs()) {
        float[] v = value(in);
        int chunk = v.length / outer;
        System.arraycopy(v, o * chunk, out, pos, chunk);
        pos += chunk;
      }
    }
    return out;
  }

  private float[] pool(Operator op) {
    OpOptions.Pool2D o = (OpOptions.Pool2D) op.options();
    int[] is = op.input(0).shape().dims();
    int[] os = op.output(0).shape().dims();
    float[] x = value(op.input(0));
    int padH = padBefore(o.padding(), is[1], os[1], o.strideH(), 1, o.filterH());
    int padW = padBefore(o.padding(), is[2], os[2], o.strideW(), 1, o.filterW());
    boolean max = op.op() == BuiltinOp.MAX_POOL_2D;
    float[] out = new float[(int) op.output(0).shape().numElements()];
    for (int n = 0; n < os[0]; n++) {
      for (int oy = 0; oy < os[1]; oy++) {
        for (int ox = 0; ox < os[2]; ox++) {
          for (int c = 0; c < os[3]; c++) {
            float acc = max ? Float.NEGATIVE_INFINITY : 0;
            int count = 0;
            for (int ky = 0; ky < o.filterH(); ky++) {
              for (int kx = 0; kx < o.filterW(); kx++) {
                int iy = oy * o.strideH() + ky - padH;
                int ix = ox * o.strideW() + kx - padW;
                if (iy < 0 || iy >= is[1] || ix < 0 || ix >= is[2]) {
                  continue;
                }
                float v = x[((n * is[1] + iy) * is[2] + ix) * is[3] + c];
                acc = max ? Math.max(acc, v) : acc + v;
                count++;
              }
            }
            out[((n * os[1] + oy) * os[2] + ox) * os[3] + c] = max ? acc : acc / count;
          }
        }
      }
    }
    return out;
  }
}
