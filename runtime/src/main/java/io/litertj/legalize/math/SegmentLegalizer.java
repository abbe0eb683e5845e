package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.OpLegalizer;
import io.litertj.legalize.shape.Axes;
import io.litertj.legalize.shape.IndexTensors;
import java.util.List;

/**
 * TF UnsortedSegmentSum/Max/Min/Prod → UNSORTED_SEGMENT_* with a constant number of segments, and
 * SegmentSum (sorted ids) → UNSORTED_SEGMENT_SUM too. Ids become INT32, as the official converter
 * casts them.
 */
final class SegmentLegalizer {

  private SegmentLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(SegmentLegalizer::segmentSum, "SegmentSum");
    table.register(unsorted(BuiltinOp.UNSORTED_SEGMENT_SUM), "UnsortedSegmentSum");
    table.register(unsorted(BuiltinOp.UNSORTED_SEGMENT_MAX), "UnsortedSegmentMax");
    table.register(unsorted(BuiltinOp.UNSORTED_SEGMENT_MIN), "UnsortedSegmentMin");
    table.register(unsorted(BuiltinOp.UNSORTED_SEGMENT_PROD), "UnsortedSegmentProd");
  }

  /**
   * SegmentSum as UNSORTED_SEGMENT_SUM over max(ids) + 1 segments: LiteRT's SEGMENT_SUM fails at
   * run time on ids with gaps ({0, 0, 2}), which TF sums into zero rows between.
   */
  private static List<Tensor> segmentSum(NodeContext ctx) {
    Tensor data = ctx.input(0);
    if (data.shape().rank() < 1 || ctx.input(1).shape().rank() != 1) {
      throw ctx.error("needs data of rank 1 or more and 1-D segment ids, got " + data.shape() + " and "
          + ctx.input(1).shape(), null);
    }
    Tensor ids = IndexTensors.asInt32(ctx, 1, "segment ids");
    Tensor last = Kernels.emit(ctx, BuiltinOp.REDUCE_MAX, List.of(ids, ctx.constInt32("axis", 0)), Shape.of(1),
        new OpOptions.Reducer(true));
    Tensor count = Elementwise.binary(ctx, BuiltinOp.ADD, last, Elementwise.scalar(ctx, "one", ids.type(), 1));
    int segments = count.isConstant() ? (int) count.constantLongs()[0] : Shape.DYNAMIC;
    return List.of(Kernels.emit(ctx, BuiltinOp.UNSORTED_SEGMENT_SUM, List.of(data, ids, count),
        data.shape().withDim(0, segments), null));
  }

  private static OpLegalizer unsorted(BuiltinOp op) {
    return ctx -> {
      Tensor data = ctx.input(0);
      Shape ids = ctx.input(1).shape();
      if (ids.rank() > data.shape().rank()) {
        throw ctx.error("has segment ids of shape " + ids + " for data of shape " + data.shape(),
            "the ids' shape must be a prefix of the data's");
      }
      int segments = IndexTensors.toInt(ctx, Axes.constantAxis(ctx, 2, "number of segments"), "number of segments");
      if (segments < 0) {
        throw ctx.error("has " + segments + " segments", null);
      }
      int[] out = new int[1 + data.shape().rank() - ids.rank()];
      out[0] = segments;
      System.arraycopy(data.shape().dims(), ids.rank(), out, 1, out.length - 1);
      return List.of(Kernels.emit(ctx, op, List.of(data, IndexTensors.asInt32(ctx, 1, "segment ids"),
          IndexTensors.int32Vector(ctx, "num_segments", segments)), Shape.of(out), null));
    };
  }
}
