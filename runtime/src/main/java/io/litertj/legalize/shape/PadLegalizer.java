package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.ArrayList;
import java.util.List;

/** TF Pad → PAD, PadV2 → PADV2, MirrorPad → MIRROR_PAD (REFLECT or SYMMETRIC). */
final class PadLegalizer {

  private PadLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ctx -> pad(ctx, BuiltinOp.PAD, new OpOptions.Pad(), false), "Pad");
    table.register(ctx -> pad(ctx, BuiltinOp.PADV2, new OpOptions.PadV2(), true), "PadV2");
    table.register(PadLegalizer::mirrorPad, "MirrorPad");
  }

  private static List<Tensor> pad(NodeContext ctx, BuiltinOp op, OpOptions options, boolean withValue) {
    Tensor input = ctx.input(0);
    List<Tensor> inputs = new ArrayList<>(List.of(input, paddings(ctx)));
    if (withValue) {
      inputs.add(ctx.input(2));
    }
    return List.of(ctx.emit(op, inputs, input.type(), outputShape(ctx, input.shape()), options));
  }

  private static List<Tensor> mirrorPad(NodeContext ctx) {
    String mode = ctx.attrString("mode", "REFLECT");
    if (!mode.equals("REFLECT") && !mode.equals("SYMMETRIC")) {
      throw ctx.error("has mode " + mode, "use REFLECT or SYMMETRIC");
    }
    Tensor input = ctx.input(0);
    return List.of(ctx.emit(BuiltinOp.MIRROR_PAD, List.of(input, paddings(ctx)), input.type(),
        outputShape(ctx, input.shape()), new OpOptions.MirrorPad(mode.equals("SYMMETRIC"))));
  }

  /** Constant paddings as INT32; computed ones as they are (PAD reads INT32 and INT64). */
  private static Tensor paddings(NodeContext ctx) {
    Tensor p = ctx.input(1);
    return p.isConstant() ? IndexTensors.asInt32(ctx, 1, "paddings") : p;
  }

  private static Shape outputShape(NodeContext ctx, Shape in) {
    long[][] probes = ctx.probeValues(1);
    int rank = in.rank();
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      if (probes == null) {
        out[i] = Shape.DYNAMIC;
        continue;
      }
      if (probes[0].length != 2 * rank) {
        throw ctx.error("has paddings for " + probes[0].length / 2 + " dimensions on an input of rank " + rank,
            "give paddings of shape [rank, 2]");
      }
      long before = probes[0][2 * i];
      long after = probes[0][2 * i + 1];
      boolean known = before == probes[1][2 * i] && after == probes[1][2 * i + 1];
      out[i] = known ? Dims.add(in.dim(i), IndexTensors.toInt(ctx, before + after, "padding")) : Shape.DYNAMIC;
    }
    return Shape.of(out);
  }
}
