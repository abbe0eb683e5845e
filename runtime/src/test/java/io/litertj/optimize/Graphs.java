package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Builds small float subgraphs by hand, the way the legalizer would emit them. */
final class Graphs {

  final Subgraph g = new Subgraph("serving_default");
  private final Random random = new Random(42);
  private int counter;

  static int[] dims(int... dims) {
    return dims;
  }

  Tensor input(String name, int... dims) {
    Tensor t = new Tensor(name, DataType.FLOAT32, Shape.of(dims));
    g.addInput(name, t);
    return t;
  }

  Tensor constant(String name, int[] dims, float... values) {
    return Tensor.constant(name, DataType.FLOAT32, Shape.of(dims), ConstantData.ofFloats(values));
  }

  /** A constant of values in [-1, 1), fixed by the builder's seed. */
  Tensor random(String name, int... dims) {
    float[] v = new float[(int) Shape.of(dims).numElements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextFloat() * 2 - 1;
    }
    return constant(name, dims, v);
  }

  /** Values in [0.5, 1.5), like batch-norm scales. */
  Tensor positive(String name, int... dims) {
    float[] v = new float[(int) Shape.of(dims).numElements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.5f + random.nextFloat();
    }
    return constant(name, dims, v);
  }

  Tensor ints(String name, int... values) {
    return Tensor.constant(name, DataType.INT32, Shape.of(values.length), ConstantData.ofInts(values));
  }

  Tensor op(BuiltinOp op, OpOptions options, int[] outDims, Tensor... inputs) {
    return op(op, options, DataType.FLOAT32, outDims, inputs);
  }

  Tensor op(BuiltinOp op, OpOptions options, DataType type, int[] outDims, Tensor... inputs) {
    Tensor out = new Tensor(op.name().toLowerCase() + "_" + counter++, type, Shape.of(outDims));
    g.addOperator(new Operator(op, Arrays.asList(inputs), List.of(out), options));
    return out;
  }

  void output(String name, Tensor t) {
    g.addOutput(name, t);
  }

  /** The op types in execution order. */
  List<BuiltinOp> ops() {
    return g.operators().stream().map(Operator::op).toList();
  }

  Operator only(BuiltinOp op) {
    List<Operator> found = g.operators().stream().filter(o -> o.op() == op).toList();
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " " + op + " ops in " + g.operators());
    }
    return found.get(0);
  }
}
