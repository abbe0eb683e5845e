package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Padding;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuseActivationTest {

  static final OpOptions.Conv2D CONV = new OpOptions.Conv2D(Padding.VALID, 1, 1, Activation.NONE, 1, 1);

  @Test
  void tanhIsNeverFusedBecauseLiteRtKernelsWouldIgnoreIt() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3);
    OpOptions.FullyConnected fc = new OpOptions.FullyConnected(Activation.NONE, false, false);
    Tensor y = b.op(BuiltinOp.FULLY_CONNECTED, fc, dims(2, 4), x, b.random("w", 4, 3), b.random("bias", 4));
    Tensor biased = b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), dims(2, 4), y, b.random("c", 4));
    b.output("out", b.op(BuiltinOp.TANH, null, dims(2, 4), biased));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.FULLY_CONNECTED, BuiltinOp.TANH), b.ops());
    assertEquals(Activation.NONE, Activations.of(b.only(BuiltinOp.FULLY_CONNECTED).options()));
  }

  @Test
  void activationWhoseOutputIsASubgraphOutputIsFusedAndTheOutputKeepsItsTensor() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 3), x, b.random("w", 3, 1, 1, 2), b.random("bias", 3));
    Tensor relu = b.op(BuiltinOp.RELU, null, dims(1, 2, 2, 3), conv);
    relu.setName("model/relu");
    b.output("out", relu);

    Equivalence.optimizeKeepsOutputs(b.g);

    Operator op = b.only(BuiltinOp.CONV_2D);
    assertEquals(List.of(BuiltinOp.CONV_2D), b.ops());
    assertSame(relu, b.g.outputs().get("out"));
    assertSame(relu, op.output(0));
    assertEquals("model/relu", op.output(0).name());
  }

  @Test
  void producerOutputThatIsAlsoASubgraphOutputBlocksFusion() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 3), x, b.random("w", 3, 1, 1, 2), b.random("bias", 3));
    b.output("raw", conv);
    b.output("activated", b.op(BuiltinOp.RELU, null, dims(1, 2, 2, 3), conv));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.RELU), b.ops());
  }

  @Test
  void producerWithTwoReadersIsNotFused() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 3), x, b.random("w", 3, 1, 1, 2), b.random("bias", 3));
    Tensor relu = b.op(BuiltinOp.RELU, null, dims(1, 2, 2, 3), conv);
    b.output("sum", b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), dims(1, 2, 2, 3), relu, conv));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.RELU, BuiltinOp.ADD), b.ops());
  }

  @Test
  void binaryOpOfTwoInputsTakesReluN1To1() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3);
    Tensor y = b.input("y", 3);
    Tensor sum = b.op(BuiltinOp.MUL, new OpOptions.Mul(Activation.NONE), dims(2, 3), x, y);
    Tensor scaled = b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), dims(2, 3), sum, sum);
    b.output("out", b.op(BuiltinOp.RELU_N1_TO_1, null, dims(2, 3), scaled));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.MUL, BuiltinOp.ADD), b.ops());
    assertEquals(Activation.RELU_N1_TO_1, Activations.of(b.only(BuiltinOp.ADD).options()));
    assertEquals(Activation.NONE, Activations.of(b.only(BuiltinOp.MUL).options()));
  }

  @Test
  void poolsAreFused() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 4, 4, 2);
    OpOptions.Pool2D pool = new OpOptions.Pool2D(Padding.VALID, 2, 2, 2, 2, Activation.NONE);
    Tensor max = b.op(BuiltinOp.MAX_POOL_2D, pool, dims(1, 2, 2, 2), x);
    b.output("max", b.op(BuiltinOp.RELU, null, dims(1, 2, 2, 2), max));
    Tensor avg = b.op(BuiltinOp.AVERAGE_POOL_2D, pool, dims(1, 2, 2, 2), x);
    b.output("avg", b.op(BuiltinOp.RELU, null, dims(1, 2, 2, 2), avg));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.MAX_POOL_2D, BuiltinOp.AVERAGE_POOL_2D), b.ops());
    assertEquals(Activation.RELU, Activations.of(b.only(BuiltinOp.MAX_POOL_2D).options()));
    assertEquals(Activation.RELU, Activations.of(b.only(BuiltinOp.AVERAGE_POOL_2D).options()));
  }

  @Test
  void concatenationIsNotFusedBecauseItsKernelRejectsActivations() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 2);
    Tensor y = b.input("y", 2, 3);
    Tensor cat = b.op(BuiltinOp.CONCATENATION, new OpOptions.Concatenation(1, Activation.NONE), dims(2, 5), x, y);
    b.output("out", b.op(BuiltinOp.RELU, null, dims(2, 5), cat));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONCATENATION, BuiltinOp.RELU), b.ops());
  }

  @Test
  void transposeConvIsNotGivenAnActivation() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor y = b.op(BuiltinOp.TRANSPOSE_CONV, new OpOptions.TransposeConv(Padding.SAME, 2, 2, Activation.NONE),
        dims(1, 4, 4, 3), b.ints("shape", 1, 4, 4, 3), b.random("w", 3, 3, 3, 2), x, b.random("bias", 3));
    b.output("out", b.op(BuiltinOp.RELU, null, dims(1, 4, 4, 3), y));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.TRANSPOSE_CONV, BuiltinOp.RELU), b.ops());
  }

  @Test
  void producerWithAnActivationAlreadyKeepsTheSecondOne() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    OpOptions.Conv2D relu6 = CONV.withActivation(Activation.RELU6);
    Tensor conv = b.op(BuiltinOp.CONV_2D, relu6, dims(1, 2, 2, 3), x, b.random("w", 3, 1, 1, 2), b.random("bias", 3));
    b.output("out", b.op(BuiltinOp.RELU_N1_TO_1, null, dims(1, 2, 2, 3), conv));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.RELU_N1_TO_1), b.ops());
  }
}
