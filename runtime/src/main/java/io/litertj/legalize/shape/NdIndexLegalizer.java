package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.Arrays;
import java.util.List;

/**
 * TF GatherNd → GATHER_ND and ScatterNd → SCATTER_ND: indices whose last axis addresses the
 * leading dimensions. ScatterNd's indices and shape become INT32 (as the official converter casts
 * them); its shape must be constant, since it fixes the output.
 */
final class NdIndexLegalizer {

  private NdIndexLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(NdIndexLegalizer::gatherNd, "GatherNd");
    table.register(NdIndexLegalizer::scatterNd, "ScatterNd");
  }

  private static List<Tensor> gatherNd(NodeContext ctx) {
    String policy = ctx.attrString("bad_indices_policy", "");
    if (!policy.isEmpty() && !policy.equals("DEFAULT")) {
      throw ctx.error("has bad_indices_policy " + policy + ", which LiteRT's GATHER_ND does not offer", null);
    }
    Tensor params = ctx.input(0);
    Tensor indices = ctx.input(1);
    Shape p = params.shape();
    Shape i = indices.shape();
    if (i.rank() < 1 || i.dim(-1) < 0 || i.dim(-1) > p.rank()) {
      throw ctx.error("needs indices whose last dimension is fixed and at most the params' rank " + p.rank()
          + ", got " + i, null);
    }
    int k = i.dim(-1);
    int[] out = new int[i.rank() - 1 + p.rank() - k];
    System.arraycopy(i.dims(), 0, out, 0, i.rank() - 1);
    System.arraycopy(p.dims(), k, out, i.rank() - 1, p.rank() - k);
    return List.of(ctx.emit(BuiltinOp.GATHER_ND, List.of(params, indices), params.type(), Shape.of(out), null));
  }

  private static List<Tensor> scatterNd(NodeContext ctx) {
    String policy = ctx.attrString("bad_indices_policy", "");
    if (!policy.isEmpty() && !policy.equals("DEFAULT") && !policy.equals("IGNORE")) {
      throw ctx.error("has bad_indices_policy " + policy + ", which LiteRT's SCATTER_ND does not offer", null);
    }
    Tensor updates = ctx.input(1);
    long[] shape = ctx.constantInts(2, "shape");
    Shape out = Shape.of(IndexTensors.toInts(ctx, shape, "shape"));
    if (Arrays.stream(out.dims()).anyMatch(d -> d < 0)) {
      throw ctx.error("has a negative output dimension in " + out, null);
    }
    Tensor indices = IndexTensors.asInt32(ctx, 0, "indices");
    Tensor shapeTensor = IndexTensors.asInt32(ctx, 2, "shape");
    return List.of(ctx.emit(BuiltinOp.SCATTER_ND, List.of(indices, updates, shapeTensor), updates.type(), out, null));
  }
}
