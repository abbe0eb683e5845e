package io.litertj.legalize.nn;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.Dims;
import java.util.List;

/** TF SpaceToDepth → SPACE_TO_DEPTH and DepthToSpace → DEPTH_TO_SPACE (NHWC, block_size). */
final class SpaceDepthLegalizer {

  private SpaceDepthLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(SpaceDepthLegalizer::spaceToDepth, "SpaceToDepth");
    table.register(SpaceDepthLegalizer::depthToSpace, "DepthToSpace");
  }

  private static List<Tensor> spaceToDepth(NodeContext ctx) {
    int b = blockSize(ctx);
    Shape in = input(ctx).shape();
    for (int axis = 1; axis <= 2; axis++) {
      if (in.dim(axis) >= 0 && in.dim(axis) % b != 0) {
        throw ctx.error("has a dimension of size " + in.dim(axis) + " not divisible by block size " + b, null);
      }
    }
    Shape out = Shape.of(in.dim(0), div(in.dim(1), b), div(in.dim(2), b), Dims.mul(in.dim(3), b * b));
    return List.of(ctx.emit(BuiltinOp.SPACE_TO_DEPTH, List.of(input(ctx)), input(ctx).type(), out,
        new OpOptions.SpaceToDepth(b)));
  }

  private static List<Tensor> depthToSpace(NodeContext ctx) {
    int b = blockSize(ctx);
    Shape in = input(ctx).shape();
    if (in.dim(3) >= 0 && in.dim(3) % (b * b) != 0) {
      throw ctx.error("has " + in.dim(3) + " channels, not divisible by block size squared " + b * b, null);
    }
    Shape out = Shape.of(in.dim(0), Dims.mul(in.dim(1), b), Dims.mul(in.dim(2), b), div(in.dim(3), b * b));
    return List.of(ctx.emit(BuiltinOp.DEPTH_TO_SPACE, List.of(input(ctx)), input(ctx).type(), out,
        new OpOptions.DepthToSpace(b)));
  }

  private static Tensor input(NodeContext ctx) {
    Tensor t = ctx.input(0);
    if (t.shape().rank() != 4) {
      throw ctx.error("needs a 4-D NHWC input, got " + t.shape(), null);
    }
    return t;
  }

  private static int blockSize(NodeContext ctx) {
    String format = ctx.attrString("data_format", "NHWC");
    if (!format.equals("NHWC")) {
      throw ctx.error("uses data_format " + format + "; only NHWC is supported", null);
    }
    long b = ctx.attrInt("block_size");
    if (b < 2) {
      throw ctx.error("has block_size " + b, "the block size must be at least 2");
    }
    return (int) b;
  }

  private static int div(int d, int b) {
    return d < 0 ? Shape.DYNAMIC : d / b;
  }
}
