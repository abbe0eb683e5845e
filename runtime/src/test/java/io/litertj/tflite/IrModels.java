package io.litertj.tflite;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Padding;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/** Small hand-built IR models for the writer and reader tests, with their weights exposed. */
final class IrModels {

  private IrModels() {}

  static float[] randomFloats(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) r.nextDouble(-1, 1);
    }
    return out;
  }

  static Tensor f32(String name, int... dims) {
    return new Tensor(name, DataType.FLOAT32, Shape.of(dims));
  }

  static Tensor constF32(String name, float[] values, int... dims) {
    return Tensor.constant(name, DataType.FLOAT32, Shape.of(dims), ConstantData.ofFloats(values));
  }

  /** y = relu(x W^T + b): x [2,4], W [3,4], b [3]. */
  static final class Dense {
    static final int IN = 4;
    static final int OUT = 3;
    final float[] weights = randomFloats(1, OUT * IN);
    final float[] bias = randomFloats(2, OUT);
    final Subgraph subgraph = new Subgraph("serving_default");

    Dense() {
      Tensor x = f32("x", 2, IN);
      Tensor w = constF32("dense/kernel", weights, OUT, IN);
      Tensor b = constF32("dense/bias", bias, OUT);
      Tensor y = f32("dense/Relu", 2, OUT);
      subgraph.addInput("x", x);
      subgraph.addOperator(new Operator(BuiltinOp.FULLY_CONNECTED, List.of(x, w, b), List.of(y),
          new OpOptions.FullyConnected(Activation.RELU, false, false)));
      subgraph.addOutput("y", y);
    }

    LiteRtModel model() {
      LiteRtModel m = new LiteRtModel("dense test");
      m.addSubgraph(subgraph);
      return m;
    }

    float[] expected(float[] x) {
      int batch = x.length / IN;
      float[] y = new float[batch * OUT];
      for (int n = 0; n < batch; n++) {
        for (int o = 0; o < OUT; o++) {
          float acc = bias[o];
          for (int i = 0; i < IN; i++) {
            acc += x[n * IN + i] * weights[o * IN + i];
          }
          y[n * OUT + o] = Math.max(0, acc);
        }
      }
      return y;
    }
  }

  /** CONV_2D, SAME padding, stride 2: x [1,5,5,2], filter OHWI [3,3,3,2], bias [3] → [1,3,3,3]. */
  static final class Conv {
    static final int H = 5;
    static final int W = 5;
    static final int C = 2;
    static final int K = 3;
    static final int O = 3;
    static final int STRIDE = 2;
    static final int OH = 3;
    static final int OW = 3;
    final float[] filter = randomFloats(3, O * K * K * C);
    final float[] bias = randomFloats(4, O);
    final Subgraph subgraph = new Subgraph("serving_default");

    Conv() {
      Tensor x = f32("image", 1, H, W, C);
      Tensor f = constF32("conv/filter", filter, O, K, K, C);
      Tensor b = constF32("conv/bias", bias, O);
      Tensor y = f32("conv/out", 1, OH, OW, O);
      subgraph.addInput("image", x);
      subgraph.addOperator(new Operator(BuiltinOp.CONV_2D, List.of(x, f, b), List.of(y),
          new OpOptions.Conv2D(Padding.SAME, STRIDE, STRIDE, Activation.NONE, 1, 1)));
      subgraph.addOutput("features", y);
    }

    LiteRtModel model() {
      LiteRtModel m = new LiteRtModel("conv test");
      m.addSubgraph(subgraph);
      return m;
    }

    float[] expected(float[] x) {
      // SAME: total padding (out-1)*stride + k - in, the smaller half before.
      int padTop = ((OH - 1) * STRIDE + K - H) / 2;
      int padLeft = ((OW - 1) * STRIDE + K - W) / 2;
      float[] y = new float[OH * OW * O];
      for (int oy = 0; oy < OH; oy++) {
        for (int ox = 0; ox < OW; ox++) {
          for (int o = 0; o < O; o++) {
            float acc = bias[o];
            for (int ky = 0; ky < K; ky++) {
              for (int kx = 0; kx < K; kx++) {
                int iy = oy * STRIDE + ky - padTop;
                int ix = ox * STRIDE + kx - padLeft;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) {
                  continue;
                }
                for (int c = 0; c < C; c++) {
                  acc += x[(iy * W + ix) * C + c] * filter[((o * K + ky) * K + kx) * C + c];
                }
              }
            }
            y[(oy * OW + ox) * O + o] = acc;
          }
        }
      }
      return y;
    }
  }

  /** a + b with a dynamic batch: [-1, 3]. */
  static LiteRtModel dynamicAdd() {
    Subgraph s = new Subgraph("serving_default");
    Tensor a = f32("a", -1, 3);
    Tensor b = f32("b", -1, 3);
    Tensor sum = f32("sum", -1, 3);
    s.addInput("a", a);
    s.addInput("b", b);
    s.addOperator(new Operator(BuiltinOp.ADD, List.of(a, b), List.of(sum), new OpOptions.Add(Activation.NONE)));
    s.addOutput("sum", sum);
    LiteRtModel m = new LiteRtModel(null);
    m.addSubgraph(s);
    return m;
  }

  /** [2,3] reshaped to [3,2] by a constant shape tensor. */
  static LiteRtModel reshape() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = f32("x", 2, 3);
    Tensor shape = Tensor.constant("shape", DataType.INT32, Shape.of(2), ConstantData.ofInts(3, 2));
    Tensor y = f32("y", 3, 2);
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.RESHAPE, List.of(x, shape), List.of(y),
        new OpOptions.Reshape(new int[] {3, 2})));
    s.addOutput("y", y);
    LiteRtModel m = new LiteRtModel(null);
    m.addSubgraph(s);
    return m;
  }

  /** Two signatures on one input name: "double" (x * 2) and "add_one" (x + 1). */
  static LiteRtModel twoSignatures() {
    LiteRtModel m = new LiteRtModel(null);
    m.addSubgraph(scalarOp("double", BuiltinOp.MUL, 2f, new OpOptions.Mul(Activation.NONE)));
    m.addSubgraph(scalarOp("add_one", BuiltinOp.ADD, 1f, new OpOptions.Add(Activation.NONE)));
    return m;
  }

  private static Subgraph scalarOp(String key, BuiltinOp op, float constant, OpOptions options) {
    Subgraph s = new Subgraph(key);
    Tensor x = f32("x", 4);
    Tensor c = constF32(key + "/c", new float[] {constant}, 1);
    Tensor y = f32(key + "/y", 4);
    s.addInput("x", x);
    s.addOperator(new Operator(op, List.of(x, c), List.of(y), options));
    s.addOutput("y", y);
    return s;
  }
}
