package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The activation fusions (FuseGeluTanh, FuseHardSwish, FusePrelu, FuseLeakyRelu) on graphs as the
 * legalizer and the Keras converters emit them: each fused graph gives LiteRT's outputs of the
 * unfused one, and near misses stay unfused.
 */
class ActivationFusionsTest {

  private static final OpOptions.Mul MUL = new OpOptions.Mul(Activation.NONE);
  private static final OpOptions.Add ADD = new OpOptions.Add(Activation.NONE);
  private static final int[] S = dims(2, 3, 4);

  private static Tensor scalar(Graphs b, String name, float value) {
    return b.constant(name, dims(), value);
  }

  /** 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·cube))), grouped as (0.5·x)·(...). */
  private static Tensor tanhGelu(Graphs b, Tensor x, Tensor cube, float coefficient) {
    Tensor inner = b.op(BuiltinOp.ADD, ADD, S, x, b.op(BuiltinOp.MUL, MUL, S, scalar(b, "k", coefficient), cube));
    Tensor tanh = b.op(BuiltinOp.TANH, null, S, b.op(BuiltinOp.MUL, MUL, S, inner, scalar(b, "c", 0.7978846f)));
    Tensor onePlus = b.op(BuiltinOp.ADD, ADD, S, scalar(b, "one", 1f), tanh);
    return b.op(BuiltinOp.MUL, MUL, S, b.op(BuiltinOp.MUL, MUL, S, x, scalar(b, "half", 0.5f)), onePlus);
  }

  @Test
  void tanhGeluWithPowBecomesApproximateGelu() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    b.output("y", tanhGelu(b, x, b.op(BuiltinOp.POW, null, S, x, scalar(b, "three", 3f)), 0.044715f));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -5, 5);

    assertEquals(List.of(BuiltinOp.GELU), b.ops());
    assertEquals(new OpOptions.Gelu(true), b.only(BuiltinOp.GELU).options());
  }

  @Test
  void tanhGeluWithCubeAsProductsAndHalfOutsideBecomesGelu() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    Tensor cube = b.op(BuiltinOp.MUL, MUL, S, x, b.op(BuiltinOp.MUL, MUL, S, x, x));
    Tensor inner = b.op(BuiltinOp.ADD, ADD, S, b.op(BuiltinOp.MUL, MUL, S, cube, scalar(b, "k", 0.044715f)), x);
    Tensor tanh = b.op(BuiltinOp.TANH, null, S, b.op(BuiltinOp.MUL, MUL, S, scalar(b, "c", 0.7978846f), inner));
    Tensor onePlus = b.op(BuiltinOp.ADD, ADD, S, tanh, scalar(b, "one", 1f));
    b.output("y", b.op(BuiltinOp.MUL, MUL, S, scalar(b, "half", 0.5f), b.op(BuiltinOp.MUL, MUL, S, onePlus, x)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -5, 5);

    assertEquals(List.of(BuiltinOp.GELU), b.ops());
  }

  @Test
  void tanhProductWithAnotherCoefficientStays() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    b.output("y", tanhGelu(b, x, b.op(BuiltinOp.POW, null, S, x, scalar(b, "three", 3f)), 0.05f));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -5, 5);

    assertEquals(0, b.g.operators().stream().filter(o -> o.op() == BuiltinOp.GELU).count());
  }

  @Test
  void geluWhoseInnerTermIsAlsoAnOutputKeepsThatTerm() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    Tensor cube = b.op(BuiltinOp.POW, null, S, x, scalar(b, "three", 3f));
    b.output("y", tanhGelu(b, x, cube, 0.044715f));
    b.output("cube", cube);

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

    assertEquals(List.of(BuiltinOp.POW, BuiltinOp.GELU), b.ops());
  }

  private static Tensor relu6OfXPlus3(Graphs b, Tensor x) {
    return b.op(BuiltinOp.RELU6, null, S, b.op(BuiltinOp.ADD, ADD, S, x, scalar(b, "three", 3f)));
  }

  @Test
  void hardSwishAsKerasAndMobileNetWriteItBecomesHardSwish() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    Tensor keras = b.op(BuiltinOp.MUL, MUL, S, x, b.op(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), S,
        relu6OfXPlus3(b, x), scalar(b, "six", 6f)));
    Tensor mobilenet = b.op(BuiltinOp.MUL, MUL, S, b.op(BuiltinOp.MUL, MUL, S, scalar(b, "sixth", 1f / 6),
        relu6OfXPlus3(b, x)), x);
    Tensor productFirst = b.op(BuiltinOp.MUL, MUL, S, b.op(BuiltinOp.MUL, MUL, S, x, relu6OfXPlus3(b, x)),
        scalar(b, "sixth2", 1f / 6));
    b.output("keras", keras);
    b.output("mobilenet", mobilenet);
    b.output("product_first", productFirst);

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -5, 5);

    assertEquals(List.of(BuiltinOp.HARD_SWISH, BuiltinOp.HARD_SWISH, BuiltinOp.HARD_SWISH), b.ops());
  }

  @Test
  void hardSwishWhoseRelu6IsFusedIntoTheAddStillFuses() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    Tensor relu6 = b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.RELU6), S, scalar(b, "three", 3f), x);
    b.output("y", b.op(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), S, b.op(BuiltinOp.MUL, MUL, S, relu6, x),
        scalar(b, "six", 6f)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -5, 5);

    assertEquals(List.of(BuiltinOp.HARD_SWISH), b.ops());
  }

  @Test
  void hardSigmoidOfAnotherTensorIsNoHardSwish() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    Tensor other = b.input("other", S);
    b.output("y", b.op(BuiltinOp.MUL, MUL, S, other, b.op(BuiltinOp.MUL, MUL, S, relu6OfXPlus3(b, x),
        scalar(b, "sixth", 1f / 6))));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -5, 5);

    assertEquals(0, b.g.operators().stream().filter(o -> o.op() == BuiltinOp.HARD_SWISH).count());
  }

  @Test
  void reluPlusNegatedSlopeTimesReluOfNegBecomesPrelu() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    Tensor negatedAlpha = b.random("neg_alpha", 3, 4);
    Tensor neg = b.op(BuiltinOp.RELU, null, S, b.op(BuiltinOp.NEG, new OpOptions.Neg(), S, x));
    b.output("y", b.op(BuiltinOp.ADD, ADD, S, b.op(BuiltinOp.MUL, MUL, S, negatedAlpha, neg),
        b.op(BuiltinOp.RELU, null, S, x)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -2, 2);

    assertEquals(List.of(BuiltinOp.PRELU), b.ops());
  }

  @Test
  void reluMinusSlopeTimesReluOfNegBecomesPrelu() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    Tensor neg = b.op(BuiltinOp.RELU, null, S, b.op(BuiltinOp.NEG, new OpOptions.Neg(), S, x));
    b.output("y", b.op(BuiltinOp.SUB, new OpOptions.Sub(Activation.NONE), S, b.op(BuiltinOp.RELU, null, S, x),
        b.op(BuiltinOp.MUL, MUL, S, neg, b.positive("alpha", 4))));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -2, 2);

    assertEquals(List.of(BuiltinOp.PRELU), b.ops());
  }

  @Test
  void reluOfAnotherTensorsNegationIsNoPrelu() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    Tensor other = b.input("other", S);
    Tensor neg = b.op(BuiltinOp.RELU, null, S, b.op(BuiltinOp.NEG, new OpOptions.Neg(), S, other));
    b.output("y", b.op(BuiltinOp.ADD, ADD, S, b.op(BuiltinOp.RELU, null, S, x),
        b.op(BuiltinOp.MUL, MUL, S, neg, b.random("c", 4))));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -2, 2);

    assertEquals(0, b.g.operators().stream().filter(o -> o.op() == BuiltinOp.PRELU).count());
  }

  @Test
  void maximumOfXAndAFractionOfXBecomesLeakyRelu() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    b.output("y", b.op(BuiltinOp.MAXIMUM, new OpOptions.MaximumMinimum(), S,
        b.op(BuiltinOp.MUL, MUL, S, scalar(b, "alpha", 0.1f), x), x));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -2, 2);

    assertEquals(List.of(BuiltinOp.LEAKY_RELU), b.ops());
    assertEquals(new OpOptions.LeakyRelu(0.1f), b.only(BuiltinOp.LEAKY_RELU).options());
  }

  @Test
  void maximumWithASlopeAboveOneStaysAMaximum() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    b.output("y", b.op(BuiltinOp.MAXIMUM, new OpOptions.MaximumMinimum(), S, x,
        b.op(BuiltinOp.MUL, MUL, S, x, scalar(b, "alpha", 1.5f))));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -2, 2);

    assertEquals(List.of(BuiltinOp.MUL, BuiltinOp.MAXIMUM), b.ops());
  }
}
