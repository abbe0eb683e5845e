package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Padding;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldMulIntoWeightsTest {

  static final OpOptions.Mul MUL = new OpOptions.Mul(Activation.NONE);
  static final OpOptions.Add ADD = new OpOptions.Add(Activation.NONE);

  @Test
  void depthwiseBatchNormAndRelu6BecomeOneDepthwise() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 4, 4, 2);
    OpOptions.DepthwiseConv2D dw = new OpOptions.DepthwiseConv2D(Padding.SAME, 1, 1, 2, Activation.NONE, 1, 1);
    Tensor conv = b.op(BuiltinOp.DEPTHWISE_CONV_2D, dw, dims(1, 4, 4, 4), x, b.random("w", 1, 2, 2, 4),
        b.random("bias", 4));
    Tensor scaled = b.op(BuiltinOp.MUL, MUL, dims(1, 4, 4, 4), conv, b.constant("scale", dims(4), 3, 0.5f, 4, 1.5f));
    // Large shifts so that both ends of RELU6 clamp something.
    Tensor shifted = b.op(BuiltinOp.ADD, ADD, dims(1, 4, 4, 4), scaled, b.constant("shift", dims(4), 5.5f, -0.2f, 4, 0.1f));
    Tensor relu6 = b.op(BuiltinOp.RELU6, null, dims(1, 4, 4, 4), shifted);
    b.output("out", relu6);

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.DEPTHWISE_CONV_2D), b.ops());
    Operator op = b.only(BuiltinOp.DEPTHWISE_CONV_2D);
    assertEquals(Activation.RELU6, Activations.of(op.options()));
    assertSame(relu6, op.output(0));
  }

  @Test
  void strided3x3ConvBatchNormFolds() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 5, 5, 2);
    OpOptions.Conv2D options = new OpOptions.Conv2D(Padding.SAME, 2, 2, Activation.NONE, 1, 1);
    Tensor conv = b.op(BuiltinOp.CONV_2D, options, dims(1, 3, 3, 3), x, b.random("w", 3, 3, 3, 2),
        b.constant("zeros", dims(3), 0, 0, 0));
    Tensor scaled = b.op(BuiltinOp.MUL, MUL, dims(1, 3, 3, 3), b.positive("scale", 3), conv);
    b.output("out", b.op(BuiltinOp.ADD, ADD, dims(1, 3, 3, 3), scaled, b.random("shift", 3)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D), b.ops());
  }

  @Test
  void transposeConvBatchNormFolds() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor y = b.op(BuiltinOp.TRANSPOSE_CONV, new OpOptions.TransposeConv(Padding.SAME, 2, 2, Activation.NONE),
        dims(1, 4, 4, 3), b.ints("shape", 1, 4, 4, 3), b.random("w", 3, 3, 3, 2), x, null);
    Tensor scaled = b.op(BuiltinOp.MUL, MUL, dims(1, 4, 4, 3), y, b.positive("scale", 3));
    b.output("out", b.op(BuiltinOp.ADD, ADD, dims(1, 4, 4, 3), scaled, b.random("shift", 3)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.TRANSPOSE_CONV), b.ops());
  }

  @Test
  void fullyConnectedTimesScalarFolds() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3);
    OpOptions.FullyConnected fc = new OpOptions.FullyConnected(Activation.NONE, false, false);
    Tensor y = b.op(BuiltinOp.FULLY_CONNECTED, fc, dims(2, 4), x, b.random("w", 4, 3), b.random("bias", 4));
    b.output("out", b.op(BuiltinOp.MUL, MUL, dims(2, 4), y, b.constant("k", dims(), 2.5f)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.FULLY_CONNECTED), b.ops());
  }

  @Test
  void fullyConnectedTimesPerUnitVectorFolds() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 3, 2);
    OpOptions.FullyConnected fc = new OpOptions.FullyConnected(Activation.NONE, false, false);
    Tensor y = b.op(BuiltinOp.FULLY_CONNECTED, fc, dims(3, 4), x, b.random("w", 4, 2), b.random("bias", 4));
    b.output("out", b.op(BuiltinOp.MUL, MUL, dims(3, 4), y, b.random("k", 1, 4)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.FULLY_CONNECTED), b.ops());
  }

  @Test
  void divisionFoldsAndDivisionByZeroDoesNot() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    OpOptions.Conv2D options = new OpOptions.Conv2D(Padding.VALID, 1, 1, Activation.NONE, 1, 1);
    Tensor first = b.op(BuiltinOp.CONV_2D, options, dims(1, 2, 2, 2), x, b.random("w1", 2, 1, 1, 2), b.random("b1", 2));
    b.output("divided", b.op(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), dims(1, 2, 2, 2), first,
        b.constant("d", dims(2), 4, -0.5f)));
    Tensor second = b.op(BuiltinOp.CONV_2D, options, dims(1, 2, 2, 2), x, b.random("w2", 2, 1, 1, 2), b.random("b2", 2));
    Tensor zero = b.op(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), dims(1, 2, 2, 2), second,
        b.constant("z", dims(2), 0, 1));
    b.output("byZero", zero);

    Optimizer.standard().run(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.CONV_2D, BuiltinOp.DIV), b.ops());
  }

  @Test
  void sharedFilterIsReplacedNotWritten() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    OpOptions.Conv2D options = new OpOptions.Conv2D(Padding.VALID, 1, 1, Activation.NONE, 1, 1);
    Tensor w = b.random("w", 2, 1, 1, 2);
    float[] original = w.constantFloats();
    Tensor first = b.op(BuiltinOp.CONV_2D, options, dims(1, 2, 2, 2), x, w, b.random("b1", 2));
    b.output("scaled", b.op(BuiltinOp.MUL, MUL, dims(1, 2, 2, 2), first, b.constant("s", dims(2), 2, 3)));
    b.output("plain", b.op(BuiltinOp.CONV_2D, options, dims(1, 2, 2, 2), x, w, b.random("b2", 2)));

    Equivalence.optimizeKeepsOutputs(b.g);

    List<Operator> convs = b.g.operators();
    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.CONV_2D), b.ops());
    assertNotSame(w, convs.get(0).input(1));
    assertSame(w, convs.get(1).input(1));
    assertArrayEquals(original, w.constantFloats());
  }

  @Test
  void mulBySpatialConstantIsNotFolded() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    OpOptions.Conv2D options = new OpOptions.Conv2D(Padding.VALID, 1, 1, Activation.NONE, 1, 1);
    Tensor conv = b.op(BuiltinOp.CONV_2D, options, dims(1, 2, 2, 2), x, b.random("w", 2, 1, 1, 2), b.random("b", 2));
    b.output("out", b.op(BuiltinOp.MUL, MUL, dims(1, 2, 2, 2), conv, b.random("s", 1, 2, 2, 1)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.MUL), b.ops());
  }

  @Test
  void computedFilterIsNotFolded() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor w = b.input("w", 2, 1, 1, 2);
    OpOptions.Conv2D options = new OpOptions.Conv2D(Padding.VALID, 1, 1, Activation.NONE, 1, 1);
    Tensor conv = b.op(BuiltinOp.CONV_2D, options, dims(1, 2, 2, 2), x, w, b.random("b", 2));
    b.output("out", b.op(BuiltinOp.MUL, MUL, dims(1, 2, 2, 2), conv, b.random("s", 2)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.MUL), b.ops());
  }
}
