package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Before integer quantization, a masked softmax's constant fill becomes a fill just below each
 * row's scores: LiteRT computes the same softmax before and after (masked weights exactly 0, a
 * fully masked row uniform). The float model keeps the constant ({@link Optimizer#standard}).
 */
class BoundMaskFillTest {

  /** Keeps position j of row i when (i + j) % 3 != 0; row 0 of each batch keeps nothing. */
  private static Tensor mask() {
    byte[] keep = new byte[3 * 5];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        keep[i * 5 + j] = (byte) (i != 0 && (i + j) % 3 != 0 ? 1 : 0);
      }
    }
    return Tensor.constant("mask", DataType.BOOL, Shape.of(1, 3, 5), ConstantData.of(keep));
  }

  @Test
  void keras3sLowestFloatFillIsBoundedWithTheSameSoftmax() {
    for (float fill : new float[] {-1e9f, -3.4028235e38f}) {
      Graphs b = new Graphs();
      Tensor scores = b.input("scores", 2, 3, 5);
      Tensor masked = b.op(BuiltinOp.SELECT_V2, null, dims(2, 3, 5), mask(), scores,
          b.constant("fill", dims(), fill));
      b.output("p", b.op(BuiltinOp.SOFTMAX, new OpOptions.Softmax(1f), dims(2, 3, 5), masked));

      LiteRtEquivalence.optimizeKeepsLiteRtOutputs(Optimizer.beforeIntegerQuantization(), b.g, -20, 20);

      assertTrue(b.ops().contains(BuiltinOp.REDUCE_MIN), b.ops().toString());
      Tensor bound = b.only(BuiltinOp.SELECT_V2).input(2);
      assertTrue(!bound.isConstant(), "the fill is computed from the scores");
    }
  }

  @Test
  void aSelectNotReadBySoftmaxOrWithAnOrdinaryFillStays() {
    Graphs b = new Graphs();
    Tensor scores = b.input("scores", 2, 3, 5);
    b.output("y", b.op(BuiltinOp.SELECT_V2, null, dims(2, 3, 5), mask(), scores, b.constant("fill", dims(), -1e9f)));
    Tensor small = b.op(BuiltinOp.SELECT_V2, null, dims(2, 3, 5), mask(), scores, b.constant("f", dims(), -5f));
    b.output("p", b.op(BuiltinOp.SOFTMAX, new OpOptions.Softmax(1f), dims(2, 3, 5), small));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(Optimizer.beforeIntegerQuantization(), b.g, -20, 20);

    assertEquals(0, b.ops().stream().filter(o -> o == BuiltinOp.REDUCE_MIN).count(), b.ops().toString());
  }
}
