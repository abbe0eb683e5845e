package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** TF Pack → PACK and Unpack → UNPACK (INT64: strided slices), with non-negative axes. */
final class PackLegalizer {

  private PackLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(PackLegalizer::pack, "Pack");
    table.register(PackLegalizer::unpack, "Unpack");
  }

  private static List<Tensor> pack(NodeContext ctx) {
    List<Tensor> values = ctx.inputs();
    Tensor first = values.get(0);
    int rank = first.shape().rank();
    int axis = Axes.normalize(ctx, ctx.attrInt("axis", 0), rank + 1, "axis");
    int[] merged = first.shape().dims();
    for (Tensor v : values) {
      if (v.shape().rank() != rank) {
        throw ctx.error("stacks tensors of ranks " + rank + " and " + v.shape().rank(), null);
      }
      for (int i = 0; i < rank; i++) {
        merged[i] = Dims.merge(merged[i], v.shape().dim(i));
      }
    }
    int[] out = new int[rank + 1];
    for (int i = 0, j = 0; i <= rank; i++) {
      out[i] = i == axis ? values.size() : merged[j++];
    }
    return List.of(ctx.emit(BuiltinOp.PACK, values, first.type(), Shape.of(out),
        new OpOptions.Pack(values.size(), axis)));
  }

  private static List<Tensor> unpack(NodeContext ctx) {
    Tensor input = ctx.input(0);
    int rank = input.shape().rank();
    int axis = Axes.normalize(ctx, ctx.attrInt("axis", 0), rank, "axis");
    int num = (int) ctx.attrInt("num");
    int size = input.shape().dim(axis);
    if (size >= 0 && size != num) {
      throw ctx.error("unpacks " + num + " values from a dimension of size " + size, null);
    }
    int[] in = input.shape().dims();
    int[] out = new int[rank - 1];
    for (int i = 0, j = 0; i < rank; i++) {
      if (i != axis) {
        out[j++] = in[i];
      }
    }
    if (input.type() == DataType.INT64) {
      return unpackBySlices(ctx, input, axis, num, Shape.of(out));
    }
    List<DataType> types = Collections.nCopies(num, input.type());
    List<Shape> shapes = Collections.nCopies(num, Shape.of(out));
    return ctx.emit(BuiltinOp.UNPACK, List.of(input), types, shapes, new OpOptions.Unpack(num, axis));
  }

  /** LiteRT's UNPACK has no INT64 kernel: one shrinking STRIDED_SLICE per value instead. */
  private static List<Tensor> unpackBySlices(NodeContext ctx, Tensor input, int axis, int num, Shape piece) {
    int rank = input.shape().rank();
    int full = ((1 << rank) - 1) & ~(1 << axis);
    long[] strides = new long[rank];
    Arrays.fill(strides, 1);
    Tensor stridesTensor = IndexTensors.int32Vector(ctx, "strides", strides);
    List<Tensor> outs = new ArrayList<>();
    for (int i = 0; i < num; i++) {
      long[] begin = new long[rank];
      long[] end = new long[rank];
      begin[axis] = i;
      end[axis] = i + 1;
      outs.add(ctx.emit(BuiltinOp.STRIDED_SLICE, List.of(input, IndexTensors.int32Vector(ctx, "begin_" + i, begin),
          IndexTensors.int32Vector(ctx, "end_" + i, end), stridesTensor), input.type(), piece,
          new OpOptions.StridedSlice(full, full, 0, 0, 1 << axis, false)));
    }
    return outs;
  }
}
