package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/**
 * TF GatherV2 (constant axis), Gather and ResourceGather (axis 0) → GATHER with axis and
 * batch_dims. ResourceGather's resource is the variable, already a constant here.
 */
final class GatherLegalizer {

  private GatherLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ctx -> gather(ctx, Axes.constantAxis(ctx, 2, "axis"), ctx.attrInt("batch_dims", 0)), "GatherV2");
    table.register(ctx -> gather(ctx, 0, 0), "Gather");
    table.register(ctx -> gather(ctx, 0, ctx.attrInt("batch_dims", 0)), "ResourceGather");
  }

  private static List<Tensor> gather(NodeContext ctx, long axisValue, long batchDimsValue) {
    Tensor params = ctx.input(0);
    Tensor indices = ctx.input(1);
    int rank = params.shape().rank();
    int indicesRank = indices.shape().rank();
    int axis = Axes.normalize(ctx, axisValue, rank, "axis");
    int batchDims = (int) (batchDimsValue < 0 ? batchDimsValue + indicesRank : batchDimsValue);
    if (batchDims < 0 || batchDims > indicesRank || batchDims > axis) {
      throw ctx.error("has batch_dims " + batchDimsValue + " with axis " + axis + " and indices of rank "
          + indicesRank, "batch_dims must be at most the axis and the rank of the indices");
    }
    int[] p = params.shape().dims();
    int[] ix = indices.shape().dims();
    int[] out = new int[axis + (indicesRank - batchDims) + (rank - axis - 1)];
    int n = 0;
    for (int i = 0; i < axis; i++) {
      out[n++] = i < batchDims ? Dims.merge(p[i], ix[i]) : p[i];
    }
    for (int i = batchDims; i < indicesRank; i++) {
      out[n++] = ix[i];
    }
    for (int i = axis + 1; i < rank; i++) {
      out[n++] = p[i];
    }
    return List.of(ctx.emit(BuiltinOp.GATHER, List.of(params, indices), params.type(), Shape.of(out),
        new OpOptions.Gather(axis, batchDims)));
  }
}
