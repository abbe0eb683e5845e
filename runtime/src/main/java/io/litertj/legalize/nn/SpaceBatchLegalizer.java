package io.litertj.legalize.nn;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.Dims;
import io.litertj.legalize.shape.IndexTensors;
import java.util.List;

/**
 * TF SpaceToBatchND → SPACE_TO_BATCH_ND and BatchToSpaceND → BATCH_TO_SPACE_ND (how TF writes a
 * dilated convolution around a plain one), with constant INT32 block shape and paddings or crops.
 * LiteRT's kernels take inputs of rank 3 or 4.
 */
final class SpaceBatchLegalizer {

  private SpaceBatchLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ctx -> List.of(convert(ctx, true)), "SpaceToBatchND");
    table.register(ctx -> List.of(convert(ctx, false)), "BatchToSpaceND");
  }

  private static Tensor convert(NodeContext ctx, boolean toBatch) {
    Tensor x = ctx.input(0);
    Shape in = x.shape();
    if (in.rank() != 3 && in.rank() != 4) {
      throw ctx.error("has an input of rank " + in.rank() + "; LiteRT takes rank 3 or 4", null);
    }
    long[] block = ctx.constantInts(1, "block shape");
    long[] pads = ctx.constantInts(2, toBatch ? "paddings" : "crops");
    int m = block.length;
    if (m < 1 || m > in.rank() - 1 || pads.length != 2 * m) {
      throw ctx.error("has " + m + " block dimensions and " + pads.length + " " + (toBatch ? "paddings" : "crops")
          + " for an input of shape " + in, null);
    }
    int[] out = in.dims().clone();
    long product = 1;
    for (int i = 0; i < m; i++) {
      if (block[i] < 1 || pads[2 * i] < 0 || pads[2 * i + 1] < 0) {
        throw ctx.error("has block size " + block[i] + " and amounts " + pads[2 * i] + ", " + pads[2 * i + 1]
            + "; block sizes must be positive and amounts not negative", null);
      }
      product *= block[i];
      int d = in.dim(i + 1);
      if (d >= 0) {
        long size = toBatch ? d + pads[2 * i] + pads[2 * i + 1] : (long) d * block[i] - pads[2 * i] - pads[2 * i + 1];
        if (toBatch && size % block[i] != 0) {
          throw ctx.error("pads dimension " + (i + 1) + " to " + size + ", not a multiple of block size " + block[i],
              null);
        }
        out[i + 1] = IndexTensors.toInt(ctx, toBatch ? size / block[i] : size, "size");
      }
    }
    int batch = in.dim(0);
    out[0] = batch < 0 ? Shape.DYNAMIC
        : toBatch ? Dims.mul(batch, IndexTensors.toInt(ctx, product, "block product"))
        : IndexTensors.toInt(ctx, batch / product, "batch");
    Tensor blockShape = IndexTensors.asInt32(ctx, 1, "block shape");
    Tensor amounts = IndexTensors.asInt32(ctx, 2, toBatch ? "paddings" : "crops");
    return ctx.emit(toBatch ? BuiltinOp.SPACE_TO_BATCH_ND : BuiltinOp.BATCH_TO_SPACE_ND,
        List.of(x, blockShape, amounts), x.type(), Shape.of(out), null);
  }
}
