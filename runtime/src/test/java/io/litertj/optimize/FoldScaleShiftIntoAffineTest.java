package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Padding;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model's preprocessing (x * s + t per channel) folds into the following affine op, checked in LiteRT. */
class FoldScaleShiftIntoAffineTest {

  private static Tensor rescaled(Graphs b, Tensor x, int channels) {
    Tensor scaled = b.op(BuiltinOp.MUL, new OpOptions.Mul(Activation.NONE), x.shape().dims(), x,
        b.positive("s", channels));
    return b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), x.shape().dims(), scaled, b.random("t", 1, 1, 1,
        channels));
  }

  @Test
  void rescalingBeforeAValidConvolutionFoldsIntoItsFilterAndBias() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 8, 8, 3);
    Tensor pre = b.op(BuiltinOp.SUB, new OpOptions.Sub(Activation.NONE), dims(1, 8, 8, 3), rescaled(b, x, 3),
        b.random("mean", 3));
    b.output("y", b.op(BuiltinOp.CONV_2D, new OpOptions.Conv2D(Padding.VALID, 2, 2, Activation.RELU, 1, 1),
        dims(1, 4, 4, 5), pre, b.random("w", 5, 2, 2, 3), b.random("bias", 5)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

    assertEquals(List.of(BuiltinOp.CONV_2D), b.ops());
  }

  @Test
  void rescalingBeforeAValidDepthwiseConvolutionAndAFullyConnectedFolds() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 6, 6, 2);
    b.output("y", b.op(BuiltinOp.DEPTHWISE_CONV_2D, new OpOptions.DepthwiseConv2D(Padding.VALID, 1, 1, 3,
        Activation.NONE, 1, 1), dims(1, 4, 4, 6), rescaled(b, x, 2), b.random("w", 1, 3, 3, 6), b.random("bias", 6)));
    Tensor v = b.input("v", 4, 7);
    Tensor scaled = b.op(BuiltinOp.MUL, new OpOptions.Mul(Activation.NONE), dims(4, 7), v, b.positive("k", 7));
    Tensor shifted = b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), dims(4, 7), scaled,
        b.constant("one", dims(), 1f));
    b.output("z", b.op(BuiltinOp.FULLY_CONNECTED, new OpOptions.FullyConnected(Activation.NONE, false, false),
        dims(4, 3), shifted, b.random("fw", 3, 7), b.random("fb", 3)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

    assertEquals(List.of(BuiltinOp.DEPTHWISE_CONV_2D, BuiltinOp.FULLY_CONNECTED), b.ops());
  }

  @Test
  void aShiftBeforeASameConvolutionStaysAndAScaleFolds() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 6, 6, 3);
    b.output("y", b.op(BuiltinOp.CONV_2D, new OpOptions.Conv2D(Padding.SAME, 1, 1, Activation.NONE, 1, 1),
        dims(1, 6, 6, 4), rescaled(b, x, 3), b.random("w", 4, 3, 3, 3), b.random("bias", 4)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

    // The zero padding would see the shift: the ADD stays; the MUL before it does not feed the conv.
    assertEquals(List.of(BuiltinOp.MUL, BuiltinOp.ADD, BuiltinOp.CONV_2D), b.ops());
  }
}
