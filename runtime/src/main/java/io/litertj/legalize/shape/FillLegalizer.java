package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * TF Fill → FILL, ZerosLike → ZEROS_LIKE, OnesLike → FILL of the input's shape with one (LiteRT
 * has no ONES_LIKE builtin).
 */
final class FillLegalizer {

  private FillLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(FillLegalizer::fill, "Fill");
    table.register(FillLegalizer::zerosLike, "ZerosLike");
    table.register(FillLegalizer::onesLike, "OnesLike");
  }

  private static List<Tensor> fill(NodeContext ctx) {
    Tensor dims = ctx.input(0);
    Tensor value = ctx.input(1);
    return List.of(ctx.emit(BuiltinOp.FILL, List.of(dims, value), value.type(), filledShape(ctx, dims),
        new OpOptions.Fill()));
  }

  private static Shape filledShape(NodeContext ctx, Tensor dims) {
    long[] partial = ctx.partialInts(0);
    if (partial != null) {
      return Dims.fromPartial(partial);
    }
    if (dims.shape().rank() != 1 || dims.shape().dim(0) < 0) {
      throw ctx.error("has dims of unknown length", "give the filled shape a fixed number of dimensions");
    }
    return Dims.allDynamic(dims.shape().dim(0));
  }

  private static List<Tensor> zerosLike(NodeContext ctx) {
    Tensor input = ctx.input(0);
    return List.of(ctx.emit(BuiltinOp.ZEROS_LIKE, List.of(input), input.type(), input.shape(), null));
  }

  private static List<Tensor> onesLike(NodeContext ctx) {
    Tensor input = ctx.input(0);
    Tensor shape;
    if (input.shape().isStatic()) {
      shape = IndexTensors.int32Vector(ctx, "shape", input.shape().dims());
    } else {
      shape = ctx.emit(BuiltinOp.SHAPE, List.of(input), DataType.INT32, Shape.of(input.shape().rank()),
          new OpOptions.ShapeOp(DataType.INT32));
    }
    Tensor one = ctx.constant("one", input.type(), Shape.scalar(), one(ctx, input.type()));
    return List.of(ctx.emit(BuiltinOp.FILL, List.of(shape, one), input.type(), input.shape(), new OpOptions.Fill()));
  }

  private static ConstantData one(NodeContext ctx, DataType type) {
    ByteBuffer b = ByteBuffer.allocate(Math.max(type.byteSize(), 1)).order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case FLOAT32 -> b.putFloat(1f);
      case FLOAT64 -> b.putDouble(1d);
      case INT32 -> b.putInt(1);
      case INT64 -> b.putLong(1L);
      case INT16 -> b.putShort((short) 1);
      case INT8, UINT8, BOOL -> b.put((byte) 1);
      default -> throw ctx.error("of type " + type + " is not supported", null);
    }
    b.flip();
    return ConstantData.of(b);
  }
}
