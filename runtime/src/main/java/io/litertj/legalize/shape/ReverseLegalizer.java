package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;
import java.util.TreeSet;

/**
 * TF ReverseV2 → one REVERSE_V2 per reversed axis (LiteRT's kernel reverses one axis at a time in
 * its older versions, and axes commute); no axes is the identity. ReverseSequence →
 * REVERSE_SEQUENCE (the first seq_lengths[b] entries along seq_dim reversed, per batch entry b).
 */
final class ReverseLegalizer {

  private ReverseLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ReverseLegalizer::reverse, "ReverseV2");
    table.register(ReverseLegalizer::reverseSequence, "ReverseSequence");
  }

  private static List<Tensor> reverse(NodeContext ctx) {
    Tensor x = ctx.input(0);
    int rank = x.shape().rank();
    TreeSet<Integer> axes = new TreeSet<>();
    for (long axis : ctx.constantInts(1, "axis")) {
      if (!axes.add(Axes.normalize(ctx, axis, rank, "axis"))) {
        throw ctx.error("reverses axis " + axis + " twice", "TensorFlow refuses repeated axes too; list each once");
      }
    }
    Tensor out = x;
    for (int axis : axes) {
      out = ctx.emit(BuiltinOp.REVERSE_V2, List.of(out, IndexTensors.int32Vector(ctx, "axis_" + axis, axis)),
          x.type(), x.shape(), null);
    }
    return List.of(out);
  }

  private static List<Tensor> reverseSequence(NodeContext ctx) {
    Tensor x = ctx.input(0);
    Tensor lengths = ctx.input(1);
    int rank = x.shape().rank();
    int seqDim = Axes.normalize(ctx, ctx.attrInt("seq_dim"), rank, "seq_dim");
    int batchDim = Axes.normalize(ctx, ctx.attrInt("batch_dim", 0), rank, "batch_dim");
    if (seqDim == batchDim) {
      throw ctx.error("has seq_dim and batch_dim both " + seqDim, "TensorFlow refuses it too");
    }
    if (lengths.type() != DataType.INT32 && lengths.type() != DataType.INT64 || lengths.shape().rank() != 1) {
      throw ctx.error("needs 1-D integer seq_lengths, got " + lengths.type() + lengths.shape(), null);
    }
    return List.of(ctx.emit(BuiltinOp.REVERSE_SEQUENCE, List.of(x, lengths), x.type(), x.shape(),
        new OpOptions.ReverseSequence(seqDim, batchDim)));
  }
}
