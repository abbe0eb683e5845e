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

  /**
   * x:[1,T,F] → UNIDIRECTIONAL_SEQUENCE_LSTM(units, tanh, full sequence) → y, with seeded weights and
   * its state in variable tensors nothing writes (zero when LiteRT allocates them), as the official
   * converter writes it.
   */
  static LiteRtModel lstm(int steps, int features, int units) {
    Random r = new Random(11);
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.FLOAT32, Shape.of(1, steps, features));
    List<Tensor> inputs = new ArrayList<>();
    inputs.add(x);
    for (String gate : new String[] {"input", "forget", "cell", "output"}) {
      inputs.add(weights(r, gate + "_kernel", units, features));
    }
    for (String gate : new String[] {"input", "forget", "cell", "output"}) {
      inputs.add(weights(r, gate + "_recurrent", units, units));
    }
    inputs.add(null);
    inputs.add(null);
    inputs.add(null);
    for (String gate : new String[] {"input", "forget", "cell", "output"}) {
      inputs.add(weights(r, gate + "_bias", units));
    }
    inputs.add(null);
    inputs.add(null);
    inputs.add(state("h", units));
    inputs.add(state("c", units));
    inputs.add(null);
    inputs.add(null);
    inputs.add(null);
    inputs.add(null);
    Tensor y = new Tensor("y", DataType.FLOAT32, Shape.of(1, steps, units));
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, inputs, List.of(y),
        new OpOptions.UnidirectionalSequenceLstm(Activation.TANH, 0f, 0f, false, false, false)));
    s.addOutput("y", y);
    LiteRtModel m = new LiteRtModel("tiny_lstm");
    m.addSubgraph(s);
    return m;
  }

  /** x:[1,T,F] → UNIDIRECTIONAL_SEQUENCE_RNN(units, tanh) → y, its hidden state a variable tensor. */
  static LiteRtModel simpleRnn(int steps, int features, int units) {
    Random r = new Random(12);
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.FLOAT32, Shape.of(1, steps, features));
    Tensor y = new Tensor("y", DataType.FLOAT32, Shape.of(1, steps, units));
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN, List.of(x, weights(r, "kernel", units, features),
        weights(r, "recurrent", units, units), weights(r, "bias", units), state("h", units)), List.of(y),
        new OpOptions.SequenceRnn(false, Activation.TANH, false)));
    s.addOutput("y", y);
    LiteRtModel m = new LiteRtModel("tiny_rnn");
    m.addSubgraph(s);
    return m;
  }

  /** {@code n} seeded sequences [1, T, F], standard normal. */
  static List<Map<String, NdArray>> sequences(int n, int steps, int features, long seed) {
    Random r = new Random(seed);
    List<Map<String, NdArray>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] v = new float[steps * features];
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) r.nextGaussian();
      }
      out.add(Map.of("x", NdArray.ofFloats(v, 1, steps, features)));
    }
    return out;
  }

  private static Tensor weights(Random r, String name, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * 0.4);
    }
    return Tensor.constant(name, DataType.FLOAT32, Shape.of(shape), ConstantData.ofFloats(v));
  }

  private static Tensor state(String name, int units) {
    Tensor t = new Tensor(name, DataType.FLOAT32, Shape.of(1, units));
    t.setVariable(true);
    return t;
  }
}
