package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The passes that remove arithmetic the official converter also removes, each checked in LiteRT
 * before and after: a bias moved before a reshape into the FULLY_CONNECTED, repeated ops
 * computed once, and additions of zero and multiplications by one dropped.
 */
class ArithmeticCleanupsTest {

  private static OpOptions.FullyConnected fc() {
    return new OpOptions.FullyConnected(Activation.NONE, false, false);
  }

  @Test
  void tensordotBiasAfterTheReshapeFoldsIntoTheFullyConnected() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3, 4, 5);
    Tensor flat = b.op(BuiltinOp.RESHAPE, new OpOptions.Reshape(new int[] {-1, 5}), dims(24, 5), x, b.ints("s", -1, 5));
    Tensor y = b.op(BuiltinOp.FULLY_CONNECTED, fc(), dims(24, 6), flat, b.random("w", 6, 5), b.random("b0", 6));
    Tensor back = b.op(BuiltinOp.RESHAPE, new OpOptions.Reshape(new int[] {2, 3, 4, 6}), dims(2, 3, 4, 6), y,
        b.ints("t", 2, 3, 4, 6));
    b.output("z", b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.RELU), dims(2, 3, 4, 6), back,
        b.random("bias", 1, 1, 1, 6)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

    assertEquals(List.of(BuiltinOp.FULLY_CONNECTED), b.ops());
  }

  @Test
  void aPerHeadBiasAfterTheReshapeThatSplitsChannelsFolds() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 6, 4);
    Tensor y = b.op(BuiltinOp.FULLY_CONNECTED, fc(), dims(6, 8), x, b.random("w", 8, 4), null);
    Tensor heads = b.op(BuiltinOp.RESHAPE, new OpOptions.Reshape(new int[] {2, 3, 2, 4}), dims(2, 3, 2, 4), y,
        b.ints("s", 2, 3, 2, 4));
    b.output("z", b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), dims(2, 3, 2, 4), heads,
        b.random("bias", 2, 4)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

    assertEquals(List.of(BuiltinOp.FULLY_CONNECTED, BuiltinOp.RESHAPE), b.ops());
  }

  @Test
  void aBiasOverAxesTheChannelsDoNotFillStays() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 6, 4);
    Tensor y = b.op(BuiltinOp.FULLY_CONNECTED, fc(), dims(6, 8), x, b.random("w", 8, 4), null);
    Tensor r = b.op(BuiltinOp.RESHAPE, new OpOptions.Reshape(new int[] {3, 16}), dims(3, 16), y, b.ints("s", 3, 16));
    b.output("z", b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), dims(3, 16), r, b.random("bias", 16)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

    assertEquals(List.of(BuiltinOp.FULLY_CONNECTED, BuiltinOp.RESHAPE, BuiltinOp.ADD), b.ops());
  }

  @Test
  void aRepeatedComputationRunsOnce() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 3, 4);
    Tensor one = b.op(BuiltinOp.TANH, null, dims(3, 4), x);
    Tensor two = b.op(BuiltinOp.TANH, null, dims(3, 4), x);
    Tensor sq = b.op(BuiltinOp.MUL, new OpOptions.Mul(Activation.NONE), dims(3, 4), one, two);
    Tensor shape1 = b.op(BuiltinOp.SHAPE, new OpOptions.ShapeOp(DataType.INT32), DataType.INT32, dims(2), x);
    Tensor shape2 = b.op(BuiltinOp.SHAPE, new OpOptions.ShapeOp(DataType.INT32), DataType.INT32, dims(2), x);
    Tensor f1 = b.op(BuiltinOp.FILL, new OpOptions.Fill(), dims(3, 4), shape1, b.constant("a", dims(), 2f));
    Tensor f2 = b.op(BuiltinOp.FILL, new OpOptions.Fill(), dims(3, 4), shape2, b.constant("c", dims(), 3f));
    Tensor s = b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), dims(3, 4), f1, f2);
    b.output("y", b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), dims(3, 4), sq, s));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

    assertEquals(1, b.ops().stream().filter(o -> o == BuiltinOp.TANH).count(), b.ops().toString());
    assertEquals(1, b.ops().stream().filter(o -> o == BuiltinOp.SHAPE).count(), b.ops().toString());
    // Two fills of different values stay two.
    assertEquals(2, b.ops().stream().filter(o -> o == BuiltinOp.FILL).count(), b.ops().toString());
  }

  @Test
  void addingZeroAndMultiplyingByOneVanishButBroadcastingOnesStay() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 3, 4);
    Tensor plus = b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), dims(3, 4), b.constant("z", dims(4),
        0f, 0f, 0f, 0f), x);
    Tensor times = b.op(BuiltinOp.MUL, new OpOptions.Mul(Activation.NONE), dims(3, 4), plus,
        b.constant("o", dims(1, 4), 1f, 1f, 1f, 1f));
    Tensor t = b.op(BuiltinOp.TANH, null, dims(3, 4), times);
    b.output("y", t);
    // x [3, 4] times ones [2, 3, 4] broadcasts: it stays.
    float[] ones = new float[24];
    java.util.Arrays.fill(ones, 1f);
    b.output("w", b.op(BuiltinOp.MUL, new OpOptions.Mul(Activation.NONE), dims(2, 3, 4), x,
        b.constant("ones", dims(2, 3, 4), ones)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -3, 3);

    assertEquals(List.of(BuiltinOp.TANH, BuiltinOp.MUL), b.ops());
  }
}
