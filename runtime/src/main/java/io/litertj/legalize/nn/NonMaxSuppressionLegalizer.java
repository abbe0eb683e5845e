package io.litertj.legalize.nn;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.IndexTensors;
import java.util.ArrayList;
import java.util.List;

/**
 * TF NonMaxSuppressionV4 → NON_MAX_SUPPRESSION_V4 and V5 (soft NMS, with the selected scores) →
 * NON_MAX_SUPPRESSION_V5; V3 is V4 unpadded. LiteRT always pads the selection to max_output_size
 * with zeros and counts the valid entries; where TF does not pad (V3, or
 * {@code pad_to_max_output_size = false}) the selection is sliced to that count at run time.
 */
final class NonMaxSuppressionLegalizer {

  private NonMaxSuppressionLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ctx -> nms(ctx, false, false), "NonMaxSuppressionV3");
    table.register(ctx -> nms(ctx, false, ctx.attrBool("pad_to_max_output_size", false)), "NonMaxSuppressionV4");
    table.register(ctx -> nms(ctx, true, ctx.attrBool("pad_to_max_output_size", false)), "NonMaxSuppressionV5");
  }

  private static List<Tensor> nms(NodeContext ctx, boolean soft, boolean padded) {
    Tensor boxes = ctx.input(0);
    Tensor scores = ctx.input(1);
    if (boxes.type() != DataType.FLOAT32 || boxes.shape().rank() != 2 || scores.shape().rank() != 1) {
      throw ctx.error("needs FLOAT32 boxes [n, 4] and scores [n], got " + boxes + " and " + scores, null);
    }
    int max = IndexTensors.toInt(ctx, ctx.constantInts(2, "max_output_size")[0], "max_output_size");
    if (max < 0) {
      throw ctx.error("has max_output_size " + max, null);
    }
    List<Tensor> inputs = new ArrayList<>(List.of(boxes, scores, IndexTensors.int32Scalar(ctx, "max_output_size", max),
        ctx.input(3), ctx.input(4)));
    List<DataType> types = new ArrayList<>(List.of(DataType.INT32));
    List<Shape> shapes = new ArrayList<>(List.of(Shape.of(max)));
    if (soft) {
      inputs.add(ctx.input(5));
      types.add(DataType.FLOAT32);
      shapes.add(Shape.of(max));
    }
    types.add(DataType.INT32);
    shapes.add(Shape.scalar());
    List<Tensor> outs = ctx.emit(soft ? BuiltinOp.NON_MAX_SUPPRESSION_V5 : BuiltinOp.NON_MAX_SUPPRESSION_V4, inputs,
        types, shapes, null);
    if (padded) {
      return outs;
    }
    Tensor valid = outs.get(outs.size() - 1);
    Tensor size = ctx.emit(BuiltinOp.RESHAPE, List.of(valid, IndexTensors.int32Vector(ctx, "size_shape", 1)),
        DataType.INT32, Shape.of(1), new OpOptions.Reshape(new int[] {1}));
    List<Tensor> result = new ArrayList<>();
    for (int i = 0; i < outs.size() - 1; i++) {
      Tensor selected = outs.get(i);
      result.add(ctx.emit(BuiltinOp.SLICE, List.of(selected, IndexTensors.int32Vector(ctx, "begin_" + i, 0), size),
          selected.type(), Shape.of(Shape.DYNAMIC), new OpOptions.Slice()));
    }
    result.add(valid);
    return result;
  }
}
