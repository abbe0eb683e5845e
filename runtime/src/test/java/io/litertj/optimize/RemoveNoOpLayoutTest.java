package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Padding;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoveNoOpLayoutTest {

  static final OpOptions.Conv2D CONV = new OpOptions.Conv2D(Padding.VALID, 1, 1, Activation.NONE, 1, 1);

  @Test
  void identityReshapeTransposeAndCastDisappearAndUnblockFusion() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 2, 2, 2);
    Tensor conv = b.op(BuiltinOp.CONV_2D, CONV, dims(1, 2, 2, 3), x, b.random("w", 3, 1, 1, 2), b.random("bias", 3));
    Tensor same = b.op(BuiltinOp.RESHAPE, new OpOptions.Reshape(new int[] {1, 2, 2, 3}), dims(1, 2, 2, 3), conv,
        b.ints("shape", 1, 2, 2, 3));
    Tensor perm = b.op(BuiltinOp.TRANSPOSE, new OpOptions.Transpose(), dims(1, 2, 2, 3), same, b.ints("perm", 0, 1, 2, 3));
    Tensor cast = b.op(BuiltinOp.CAST, new OpOptions.Cast(DataType.FLOAT32, DataType.FLOAT32), dims(1, 2, 2, 3), perm);
    Tensor relu = b.op(BuiltinOp.RELU, null, dims(1, 2, 2, 3), cast);
    b.output("out", relu);

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D), b.ops());
    assertSame(relu, b.only(BuiltinOp.CONV_2D).output(0));
  }

  @Test
  void reshapeChainKeepsOnlyTheLast() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 6);
    Tensor first = b.op(BuiltinOp.RESHAPE, null, dims(3, 4), x, b.ints("s1", 3, 4));
    Tensor second = b.op(BuiltinOp.RESHAPE, null, dims(4, 3), first, b.ints("s2", 4, 3));
    b.output("out", b.op(BuiltinOp.RELU, null, dims(4, 3), second));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.RESHAPE, BuiltinOp.RELU), b.ops());
    assertSame(x, b.only(BuiltinOp.RESHAPE).input(0));
  }

  @Test
  void reshapeChainBackToTheInputShapeVanishes() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 6);
    Tensor first = b.op(BuiltinOp.RESHAPE, null, dims(12), x, b.ints("s1", 12));
    Tensor second = b.op(BuiltinOp.RESHAPE, null, dims(2, 6), first, b.ints("s2", 2, 6));
    b.output("out", b.op(BuiltinOp.RELU, null, dims(2, 6), second));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.RELU), b.ops());
    assertSame(x, b.only(BuiltinOp.RELU).input(0));
  }

  @Test
  void noOpBetweenAnInputAndAnOutputStays() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3);
    b.output("out", b.op(BuiltinOp.RESHAPE, null, dims(2, 3), x, b.ints("s", 2, 3)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.RESHAPE), b.ops());
  }

  @Test
  void noOpOfAConstantAtAnOutputStays() {
    Graphs b = new Graphs();
    b.input("x", 2);
    b.output("out", b.op(BuiltinOp.CAST, new OpOptions.Cast(DataType.FLOAT32, DataType.FLOAT32), dims(2),
        b.random("c", 2)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CAST), b.ops());
  }

  @Test
  void noOpAtAnOutputHandsItsTensorToTheProducer() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3);
    Tensor relu = b.op(BuiltinOp.RELU, null, dims(2, 3), x);
    Tensor out = b.op(BuiltinOp.TRANSPOSE, new OpOptions.Transpose(), dims(2, 3), relu, b.ints("perm", 0, 1));
    b.output("out", out);

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.RELU), b.ops());
    assertSame(out, b.only(BuiltinOp.RELU).output(0));
    assertSame(out, b.g.outputs().get("out"));
  }

  @Test
  void noOpAtAnOutputWhoseInputIsReadElsewhereStays() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3);
    Tensor relu = b.op(BuiltinOp.RELU, null, dims(2, 3), x);
    b.output("copy", b.op(BuiltinOp.RESHAPE, null, dims(2, 3), relu, b.ints("s", 2, 3)));
    b.output("tanh", b.op(BuiltinOp.TANH, null, dims(2, 3), relu));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.RELU, BuiltinOp.RESHAPE, BuiltinOp.TANH), b.ops());
  }

  @Test
  void realTransposeAndDynamicReshapesStay() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", -1, -1);
    Tensor swapped = b.op(BuiltinOp.TRANSPOSE, new OpOptions.Transpose(), dims(-1, -1), x, b.ints("perm", 1, 0));
    Tensor twoUnknown = b.op(BuiltinOp.RESHAPE, null, dims(-1, -1), swapped, b.ints("s", -1, 4));
    Tensor oneUnknown = b.op(BuiltinOp.RESHAPE, null, dims(-1, 4), twoUnknown, b.ints("s2", -1, 4));
    Tensor same = b.op(BuiltinOp.RESHAPE, null, dims(-1, 4), oneUnknown, b.ints("s3", -1, 4));
    b.output("out", b.op(BuiltinOp.RELU, null, dims(-1, 4), same));

    Optimizer.standard().run(b.g);

    // The chain collapses onto the transpose; the [-1, 4] to [-1, 4] reshape goes.
    assertEquals(List.of(BuiltinOp.TRANSPOSE, BuiltinOp.RESHAPE, BuiltinOp.RELU), b.ops());
    Operator reshape = b.only(BuiltinOp.RESHAPE);
    assertSame(swapped, reshape.input(0));
  }
}
