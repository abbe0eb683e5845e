package io.litertj.legalize.nn;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.IndexTensors;
import java.util.List;

/**
 * TF ResizeBilinear → RESIZE_BILINEAR and ResizeNearestNeighbor → RESIZE_NEAREST_NEIGHBOR, with
 * align_corners and half_pixel_centers. TF's bilinear resize always yields float32, so other
 * inputs are cast first.
 */
final class ResizeLegalizer {

  private ResizeLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ResizeLegalizer::bilinear, "ResizeBilinear");
    table.register(ResizeLegalizer::nearest, "ResizeNearestNeighbor");
  }

  private static List<Tensor> bilinear(NodeContext ctx) {
    Tensor images = ctx.input(0);
    if (images.type() != DataType.FLOAT32) {
      images = ctx.emit(BuiltinOp.CAST, List.of(images), DataType.FLOAT32, images.shape(),
          new OpOptions.Cast(images.type(), DataType.FLOAT32));
    }
    OpOptions options = new OpOptions.ResizeBilinear(alignCorners(ctx), halfPixelCenters(ctx));
    return List.of(resize(ctx, BuiltinOp.RESIZE_BILINEAR, images, options));
  }

  private static List<Tensor> nearest(NodeContext ctx) {
    OpOptions options = new OpOptions.ResizeNearestNeighbor(alignCorners(ctx), halfPixelCenters(ctx));
    return List.of(resize(ctx, BuiltinOp.RESIZE_NEAREST_NEIGHBOR, ctx.input(0), options));
  }

  private static Tensor resize(NodeContext ctx, BuiltinOp op, Tensor images, OpOptions options) {
    if (images.shape().rank() != 4) {
      throw ctx.error("needs 4-D NHWC images, got " + images.shape(), null);
    }
    Tensor size = IndexTensors.asInt32(ctx, 1, "size");
    long[] hw = ctx.partialInts(1);
    int h = hw != null && hw[0] >= 0 ? IndexTensors.toInt(ctx, hw[0], "size") : Shape.DYNAMIC;
    int w = hw != null && hw[1] >= 0 ? IndexTensors.toInt(ctx, hw[1], "size") : Shape.DYNAMIC;
    Shape out = Shape.of(images.shape().dim(0), h, w, images.shape().dim(3));
    return ctx.emit(op, List.of(images, size), images.type(), out, options);
  }

  private static boolean alignCorners(NodeContext ctx) {
    return ctx.attrBool("align_corners", false);
  }

  private static boolean halfPixelCenters(NodeContext ctx) {
    return ctx.attrBool("half_pixel_centers", false);
  }
}
