package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Padding;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ZeroPadding2D + VALID convolutions become SAME where SAME pads the same, checked in LiteRT. */
class FoldPadIntoConvTest {

  private static Tensor pads(Graphs b, int top, int bottom, int left, int right) {
    return Tensor.constant("pads", DataType.INT32, Shape.of(4, 2),
        ConstantData.ofInts(0, 0, top, bottom, left, right, 0, 0));
  }

  @Test
  void mobileNetsCorrectPadBeforeAStridedDepthwiseConvolutionBecomesSame() {
    for (int size : new int[] {8, 9}) {
      for (int k : new int[] {3, 5}) {
        Graphs b = new Graphs();
        Tensor x = b.input("x", 1, size, size, 4);
        int c = k / 2;
        int adjust = 1 - size % 2; // Keras's correct_pad
        int padded = size + 2 * c - adjust;
        Tensor p = b.op(BuiltinOp.PAD, new OpOptions.Pad(), dims(1, padded, padded, 4), x,
            pads(b, c - adjust, c, c - adjust, c));
        int out = (padded - k) / 2 + 1;
        b.output("y", b.op(BuiltinOp.DEPTHWISE_CONV_2D, new OpOptions.DepthwiseConv2D(Padding.VALID, 2, 2, 1,
            Activation.RELU6, 1, 1), dims(1, out, out, 4), p, b.random("w", 1, k, k, 4), b.random("bias", 4)));

        LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

        assertEquals(List.of(BuiltinOp.DEPTHWISE_CONV_2D), b.ops(), "size " + size + " kernel " + k);
        assertEquals(Padding.SAME, ((OpOptions.DepthwiseConv2D) b.only(BuiltinOp.DEPTHWISE_CONV_2D).options()).padding());
      }
    }
  }

  @Test
  void symmetricPaddingBeforeAConvolutionBecomesSame() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 6, 6, 3);
    Tensor p = b.op(BuiltinOp.PAD, new OpOptions.Pad(), dims(2, 8, 8, 3), x, pads(b, 1, 1, 1, 1));
    b.output("y", b.op(BuiltinOp.CONV_2D, new OpOptions.Conv2D(Padding.VALID, 1, 1, Activation.NONE, 1, 1),
        dims(2, 6, 6, 5), p, b.random("w", 5, 3, 3, 3), b.random("bias", 5)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

    assertEquals(List.of(BuiltinOp.CONV_2D), b.ops());
  }

  @Test
  void paddingSameWouldNotApplyStays() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 6, 6, 3);
    // SAME for a 3x3 stride-1 convolution pads (1, 1); (2, 0) is another result.
    Tensor p = b.op(BuiltinOp.PAD, new OpOptions.Pad(), dims(1, 8, 8, 3), x, pads(b, 2, 0, 1, 1));
    b.output("y", b.op(BuiltinOp.CONV_2D, new OpOptions.Conv2D(Padding.VALID, 1, 1, Activation.NONE, 1, 1),
        dims(1, 6, 6, 5), p, b.random("w", 5, 3, 3, 3), b.random("bias", 5)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

    assertEquals(List.of(BuiltinOp.PAD, BuiltinOp.CONV_2D), b.ops());
  }
}
