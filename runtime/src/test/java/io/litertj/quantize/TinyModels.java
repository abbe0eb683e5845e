package io.litertj.quantize;

import io.litertj.dataset.NdArray;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small float graphs built directly in the IR. */
final class TinyModels {

  private TinyModels() {}

  /** x:[-1,4] → FULLY_CONNECTED(3, RELU) → DIV by a constant → SOFTMAX → y. */
  static LiteRtModel denseDivSoftmax() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.FLOAT32, Shape.of(-1, 4));
    float[] w = new float[12];
    for (int i = 0; i < w.length; i++) {
      w[i] = (i % 5 - 2) * 0.25f;
    }
    Tensor weights = Tensor.constant("w", DataType.FLOAT32, Shape.of(3, 4), ConstantData.ofFloats(w));
    Tensor bias = Tensor.constant("b", DataType.FLOAT32, Shape.of(3), ConstantData.ofFloats(0.1f, -0.2f, 0.3f));
    Tensor h = new Tensor("dense", DataType.FLOAT32, Shape.of(-1, 3));
    Tensor two = Tensor.constant("two", DataType.FLOAT32, Shape.of(1), ConstantData.ofFloats(2f));
    Tensor d = new Tensor("div", DataType.FLOAT32, Shape.of(-1, 3));
    Tensor y = new Tensor("y", DataType.FLOAT32, Shape.of(-1, 3));
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.FULLY_CONNECTED, List.of(x, weights, bias), List.of(h),
        new OpOptions.FullyConnected(Activation.RELU, false, false)));
    s.addOperator(new Operator(BuiltinOp.DIV, List.of(h, two), List.of(d), new OpOptions.Div(Activation.NONE)));
    s.addOperator(new Operator(BuiltinOp.SOFTMAX, List.of(d), List.of(y), new OpOptions.Softmax(1f)));
    s.addOutput("y", y);
    LiteRtModel m = new LiteRtModel("tiny");
    m.addSubgraph(s);
    return m;
  }

  /** {@code n} seeded samples for {@link #denseDivSoftmax()}: x of shape [1, 4], uniform in [-2, 2). */
  static List<Map<String, NdArray>> samples(int n) {
    Random r = new Random(7);
    List<Map<String, NdArray>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] v = new float[4];
      for (int j = 0; j < 4; j++) {
        v[j] = r.nextFloat() * 4 - 2;
      }
      out.add(Map.of("x", NdArray.ofFloats(v, 1, 4)));
    }
    return out;
  }
}
