package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** TF Tile → TILE; BroadcastTo → BROADCAST_TO. */
final class TileLegalizer {

  private TileLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(TileLegalizer::tile, "Tile");
    table.register(TileLegalizer::broadcastTo, "BroadcastTo");
  }

  private static List<Tensor> tile(NodeContext ctx) {
    Tensor input = ctx.input(0);
    int rank = input.shape().rank();
    long[] multiples = ctx.partialInts(1);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      boolean known = multiples != null && multiples[i] >= 0;
      out[i] = known ? Dims.mul(input.shape().dim(i), IndexTensors.toInt(ctx, multiples[i], "multiple"))
          : Shape.DYNAMIC;
    }
    if (multiples != null && multiples.length != rank) {
      throw ctx.error("has " + multiples.length + " multiples for an input of rank " + rank, null);
    }
    Tensor m = ctx.input(1).isConstant() ? IndexTensors.asInt32(ctx, 1, "multiples") : ctx.input(1);
    return List.of(ctx.emit(BuiltinOp.TILE, List.of(input, m), input.type(), Shape.of(out), new OpOptions.Tile()));
  }

  private static List<Tensor> broadcastTo(NodeContext ctx) {
    Tensor input = ctx.input(0);
    Tensor shape = ctx.input(1);
    long[] partial = ctx.partialInts(1);
    Shape out;
    if (partial != null) {
      out = Dims.fromPartial(partial);
    } else if (shape.shape().rank() == 1 && shape.shape().dim(0) >= 0) {
      out = Dims.allDynamic(shape.shape().dim(0));
    } else {
      throw ctx.error("has a target shape of unknown length", "give the target a fixed number of dimensions");
    }
    if (out.equals(input.shape()) && out.isStatic()) {
      return List.of(input);
    }
    Tensor s = shape.isConstant() ? IndexTensors.asInt32(ctx, 1, "shape") : shape;
    return List.of(ctx.emit(BuiltinOp.BROADCAST_TO, List.of(input, s), input.type(), out, null));
  }
}
