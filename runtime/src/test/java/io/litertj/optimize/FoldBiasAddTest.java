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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldBiasAddTest {

  static final OpOptions.Conv2D CONV = new OpOptions.Conv2D(Padding.VALID, 1, 1, Activation.NONE, 1, 1);
  static final OpOptions.Add ADD = new OpOptions.Add(Activation.NONE);

  @Test
  void convAddReluBecomesOneConvWithBiasAndActivation() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 3, 3, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 3, 3, 4), x, b.random("w", 4, 1, 1, 2),
        b.constant("zeros", dims(4), 0, 0, 0, 0));
    Tensor add = b.op(BuiltinOp.ADD, ADD, dims(1, 3, 3, 4), conv, b.constant("c", dims(4), 0.5f, -0.3f, 0.2f, -0.1f));
    Tensor relu = b.op(BuiltinOp.RELU, null, dims(1, 3, 3, 4), add);
    b.output("out", relu);

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D), b.ops());
    Operator op = b.only(BuiltinOp.CONV_2D);
    assertEquals(Activation.RELU, Activations.of(op.options()));
    assertSame(relu, op.output(0), "the activation's tensor (and name) survives");
    assertSame(relu, b.g.outputs().get("out"));
    assertArrayEquals(new float[] {0.5f, -0.3f, 0.2f, -0.1f}, op.input(2).constantFloats());
  }

  @Test
  void constantOnTheLeftAndRankFourBroadcastFold() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 3);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 3), x, b.random("w", 3, 1, 1, 3), b.random("bias", 3));
    b.output("out", b.op(BuiltinOp.ADD, ADD, dims(1, 2, 2, 3), b.random("c", 1, 1, 1, 3), conv));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D), b.ops());
    assertEquals(3, b.only(BuiltinOp.CONV_2D).input(2).shape().numElements());
  }

  @Test
  void scalarAddFoldsIntoEveryChannel() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 3), x, b.random("w", 3, 1, 1, 2), b.random("bias", 3));
    b.output("out", b.op(BuiltinOp.ADD, ADD, dims(1, 2, 2, 3), conv, b.constant("c", dims(), 0.25f)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D), b.ops());
  }

  @Test
  void subOfConstantSubtractsFromBias() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 2), x, b.random("w", 2, 1, 1, 2),
        b.constant("bias", dims(2), 1, 2));
    b.output("out", b.op(BuiltinOp.SUB, new OpOptions.Sub(Activation.NONE), dims(1, 2, 2, 2), conv,
        b.constant("c", dims(2), 0.5f, 3)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D), b.ops());
    assertArrayEquals(new float[] {0.5f, -1}, b.only(BuiltinOp.CONV_2D).input(2).constantFloats());
  }

  @Test
  void constantMinusConvIsNotFolded() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 2), x, b.random("w", 2, 1, 1, 2), b.random("bias", 2));
    b.output("out", b.op(BuiltinOp.SUB, new OpOptions.Sub(Activation.NONE), dims(1, 2, 2, 2),
        b.random("c", 2), conv));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.SUB), b.ops());
  }

  @Test
  void convOutputWithTwoReadersIsNotFolded() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 3), x, b.random("w", 3, 1, 1, 2), b.random("bias", 3));
    b.output("added", b.op(BuiltinOp.ADD, ADD, dims(1, 2, 2, 3), conv, b.random("c", 3)));
    b.output("activated", b.op(BuiltinOp.RELU, null, dims(1, 2, 2, 3), conv));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.ADD, BuiltinOp.RELU), b.ops());
    assertEquals(Activation.NONE, Activations.of(b.only(BuiltinOp.CONV_2D).options()));
  }

  @Test
  void convOutputThatIsASubgraphOutputIsNotFolded() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 3), x, b.random("w", 3, 1, 1, 2), b.random("bias", 3));
    b.output("raw", conv);
    b.output("added", b.op(BuiltinOp.ADD, ADD, dims(1, 2, 2, 3), conv, b.random("c", 3)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.ADD), b.ops());
  }

  @Test
  void fullPerElementConstantIsNotFolded() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 2), x, b.random("w", 2, 1, 1, 2), b.random("bias", 2));
    b.output("out", b.op(BuiltinOp.ADD, ADD, dims(1, 2, 2, 2), conv, b.random("c", 2, 2, 2)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.ADD), b.ops());
  }

  @Test
  void addThatBroadcastsBeyondTheConvIsNotFolded() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 2), x, b.random("w", 2, 1, 1, 2), b.random("bias", 2));
    b.output("out", b.op(BuiltinOp.ADD, ADD, dims(3, 1, 2, 2, 2), conv, b.random("c", 3, 1, 1, 1, 2)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.ADD), b.ops());
  }

  @Test
  void addWithFusedReluMovesTheReluOntoTheConv() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 2), x, b.random("w", 2, 1, 1, 2), b.random("bias", 2));
    b.output("out", b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.RELU6), dims(1, 2, 2, 2), conv,
        b.constant("c", dims(2), 5.5f, 0.1f)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D), b.ops());
    assertEquals(Activation.RELU6, Activations.of(b.only(BuiltinOp.CONV_2D).options()));
  }

  @Test
  void fullyConnectedWithoutBiasInputGetsOne() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3);
    OpOptions.FullyConnected fc = new OpOptions.FullyConnected(Activation.NONE, false, false);
    Tensor y = b.op(BuiltinOp.FULLY_CONNECTED, fc, dims(2, 4), x, b.random("w", 4, 3));
    b.output("out", b.op(BuiltinOp.ADD, ADD, dims(2, 4), y, b.random("c", 4)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.FULLY_CONNECTED), b.ops());
    assertEquals(3, b.only(BuiltinOp.FULLY_CONNECTED).inputs().size());
  }

  @Test
  void transposeConvWithOmittedBiasGetsTheAddedConstant() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 3, 3, 2);
    Tensor y = b.op(BuiltinOp.TRANSPOSE_CONV, new OpOptions.TransposeConv(Padding.VALID, 1, 1, Activation.NONE),
        dims(1, 4, 4, 3), b.ints("shape", 1, 4, 4, 3), b.random("w", 3, 2, 2, 2), x, null);
    b.output("out", b.op(BuiltinOp.ADD, ADD, dims(1, 4, 4, 3), y, b.constant("c", dims(3), 1, -2, 3)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.TRANSPOSE_CONV), b.ops());
    assertArrayEquals(new float[] {1, -2, 3}, b.only(BuiltinOp.TRANSPOSE_CONV).input(3).constantFloats());
  }

  @Test
  void sharedBiasIsReplacedNotWritten() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor zeros = b.constant("zeros", dims(2), 0, 0);
    Tensor w = b.random("w", 2, 1, 1, 2);
    Tensor first = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 2), x, w, zeros);
    b.output("first", b.op(BuiltinOp.ADD, ADD, dims(1, 2, 2, 2), first, b.random("c", 2)));
    b.output("second", b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 2), x, w, zeros));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.CONV_2D), b.ops());
    List<Operator> convs = b.g.operators();
    assertNotSame(zeros, convs.get(0).input(2));
    assertSame(zeros, convs.get(1).input(2));
    assertArrayEquals(new float[2], zeros.constantFloats());
    assertEquals("[0.0, 0.0]", Arrays.toString(convs.get(1).input(2).constantFloats()));
  }
}
