package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.NodeContext;

/**
 * Integer index inputs (axes, shapes, paddings, permutations) in the INT32 form that LiteRT
 * kernels expect, as the official converter emits them.
 */
public final class IndexTensors {

  private IndexTensors() {}

  /** An INT32 constant named after the node; fails if a value does not fit 32 bits. */
  public static Tensor int32(NodeContext ctx, String suffix, Shape shape, long[] values) {
    int[] ints = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      ints[i] = toInt(ctx, values[i], suffix);
    }
    return ctx.constant(suffix, DataType.INT32, shape, ConstantData.ofInts(ints));
  }

  public static Tensor int32Vector(NodeContext ctx, String suffix, long... values) {
    return int32(ctx, suffix, Shape.of(values.length), values);
  }

  public static Tensor int32Vector(NodeContext ctx, String suffix, int... values) {
    return ctx.constant(suffix, DataType.INT32, Shape.of(values.length), ConstantData.ofInts(values));
  }

  public static Tensor int32Scalar(NodeContext ctx, String suffix, long value) {
    return int32(ctx, suffix, Shape.scalar(), new long[] {value});
  }

  /**
   * Input {@code index} as an INT32 tensor: INT32 inputs as they are, INT64 constants narrowed,
   * INT64 computed values cast at run time.
   */
  public static Tensor asInt32(NodeContext ctx, int index, String what) {
    Tensor t = ctx.input(index);
    if (t.type() == DataType.INT32) {
      return t;
    }
    if (t.type() != DataType.INT64) {
      throw ctx.error("needs an integer " + what + ", got " + t.type(), null);
    }
    if (t.isConstant()) {
      return int32(ctx, what.replace(' ', '_'), t.shape(), t.constantLongs());
    }
    return ctx.emit(BuiltinOp.CAST, java.util.List.of(t), DataType.INT32, t.shape(),
        new OpOptions.Cast(DataType.INT64, DataType.INT32));
  }

  public static int toInt(NodeContext ctx, long value, String what) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw ctx.error("has a " + what + " value " + value + " that does not fit 32 bits",
          "LiteRT indexes tensors with 32-bit integers");
    }
    return (int) value;
  }

  public static int[] toInts(NodeContext ctx, long[] values, String what) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = toInt(ctx, values[i], what);
    }
    return out;
  }
}
