package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.Axes;
import io.litertj.legalize.shape.IndexTensors;
import java.util.List;

/**
 * TF TopKV2 → TOPK_V2 with a constant k: values and INT32 indices along the last axis, largest
 * first (LiteRT always sorts; TF sorts too unless asked not to, and then any order is right).
 */
final class TopKLegalizer {

  private TopKLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(TopKLegalizer::topK, "TopKV2");
  }

  private static List<Tensor> topK(NodeContext ctx) {
    Tensor x = ctx.input(0);
    if (x.shape().rank() < 1) {
      throw ctx.error("needs an input of rank 1 or more, got a scalar", null);
    }
    DataType indexType = ctx.hasAttr("index_type") ? ctx.attrType("index_type") : DataType.INT32;
    if (indexType != DataType.INT32) {
      throw ctx.error("returns " + indexType + " indices; LiteRT's TOPK_V2 returns INT32", "use index_type int32");
    }
    int k = IndexTensors.toInt(ctx, Axes.constantAxis(ctx, 1, "k"), "k");
    int n = x.shape().dim(-1);
    if (k < 0 || n >= 0 && k > n) {
      throw ctx.error("asks for the top " + k + " of " + n + " values", null);
    }
    Shape out = x.shape().withDim(x.shape().rank() - 1, k);
    List<Tensor> outs = ctx.emit(BuiltinOp.TOPK_V2, List.of(x, IndexTensors.int32Scalar(ctx, "k", k)),
        List.of(x.type(), DataType.INT32), List.of(out, out), null);
    if (!outs.get(0).isConstant() && !Kernels.supports(BuiltinOp.TOPK_V2, x.type())) {
      throw Kernels.unsupported(ctx, BuiltinOp.TOPK_V2, x.type());
    }
    return outs;
  }
}
