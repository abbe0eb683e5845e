package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.SignatureLegalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * TF Shape, ShapeN, Size and Rank. Static answers become constants; a shape with dynamic
 * dimensions becomes a SHAPE op whose values are recorded per probe, so that the shape arithmetic
 * downstream (slices, packs, reshapes) still folds to constants where it does not depend on them.
 */
final class ShapeQueryLegalizer {

  private ShapeQueryLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ctx -> List.of(shapeOf(ctx, ctx.input(0), "shape")), "Shape");
    table.register(ShapeQueryLegalizer::shapeN, "ShapeN");
    table.register(ShapeQueryLegalizer::size, "Size");
    table.register(ctx -> List.of(ctx.constant("rank", DataType.INT32, Shape.scalar(),
        ConstantData.ofInts(ctx.input(0).shape().rank()))), "Rank");
  }

  private static List<Tensor> shapeN(NodeContext ctx) {
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < ctx.inputCount(); i++) {
      out.add(shapeOf(ctx, ctx.input(i), "shape_" + i));
    }
    return out;
  }

  private static Tensor shapeOf(NodeContext ctx, Tensor input, String suffix) {
    DataType type = outType(ctx);
    int[] dims = input.shape().dims();
    Shape outShape = Shape.of(dims.length);
    if (input.shape().isStatic()) {
      return integers(ctx, suffix, type, outShape, toLongs(dims));
    }
    Tensor shape = ctx.emit(BuiltinOp.SHAPE, List.of(input), type, outShape, new OpOptions.ShapeOp(type));
    long[][] probes = new long[2][];
    for (int p = 0; p < probes.length; p++) {
      probes[p] = toLongs(dims);
      for (int i = 0; i < dims.length; i++) {
        if (dims[i] < 0) {
          probes[p][i] = SignatureLegalizer.probeDim(p);
        }
      }
    }
    ctx.recordPartialValues(shape, probes);
    return shape;
  }

  /** Static: the element count; dynamic: REDUCE_PROD over the SHAPE (which folds with the probes). */
  private static List<Tensor> size(NodeContext ctx) {
    Tensor input = ctx.input(0);
    DataType type = outType(ctx);
    if (input.shape().isStatic()) {
      return List.of(integers(ctx, "size", type, Shape.scalar(), new long[] {input.shape().numElements()}));
    }
    Tensor shape = shapeOf(ctx, input, "shape");
    Tensor axis = IndexTensors.int32Vector(ctx, "axis", 0);
    return List.of(ctx.emit(BuiltinOp.REDUCE_PROD, List.of(shape, axis), type, Shape.scalar(),
        new OpOptions.Reducer(false)));
  }

  private static DataType outType(NodeContext ctx) {
    DataType type = ctx.hasAttr("out_type") ? ctx.attrType("out_type") : DataType.INT32;
    if (type != DataType.INT32 && type != DataType.INT64) {
      throw ctx.error("has out_type " + type, "use int32 or int64");
    }
    return type;
  }

  private static Tensor integers(NodeContext ctx, String suffix, DataType type, Shape shape, long[] values) {
    if (type == DataType.INT64) {
      return ctx.constant(suffix, type, shape, ConstantData.ofLongs(values));
    }
    return IndexTensors.int32(ctx, suffix, shape, values);
  }

  private static long[] toLongs(int[] dims) {
    long[] out = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = dims[i];
    }
    return out;
  }
}
