package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** TF Tile → TILE; BroadcastTo → BROADCAST_TO; BroadcastArgs → BROADCAST_ARGS (folded when known). */
final class TileLegalizer {

  private TileLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(TileLegalizer::tile, "Tile");
    table.register(TileLegalizer::broadcastTo, "BroadcastTo");
    table.register(TileLegalizer::broadcastArgs, "BroadcastArgs");
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

  /** The broadcast of two shapes; computed here when both are known, else BROADCAST_ARGS. */
  private static List<Tensor> broadcastArgs(NodeContext ctx) {
    Tensor a = ctx.input(0);
    Tensor b = ctx.input(1);
    if (a.shape().rank() != 1 || b.shape().rank() != 1 || a.type() != b.type()) {
      throw ctx.error("needs two 1-D shapes of one integer type, got " + a + " and " + b, null);
    }
    if (a.isConstant() && b.isConstant()) {
      long[] x = a.constantLongs();
      long[] y = b.constantLongs();
      long[] out = new long[Math.max(x.length, y.length)];
      for (int i = 1; i <= out.length; i++) {
        long u = i <= x.length ? x[x.length - i] : 1;
        long v = i <= y.length ? y[y.length - i] : 1;
        if (u != v && u != 1 && v != 1) {
          throw ctx.error("broadcasts incompatible shapes " + java.util.Arrays.toString(x) + " and "
              + java.util.Arrays.toString(y), null);
        }
        out[out.length - i] = u == 1 ? v : u;
      }
      return List.of(a.type() == io.litertj.ir.DataType.INT64
          ? ctx.constant("shape", a.type(), Shape.of(out.length), io.litertj.ir.ConstantData.ofLongs(out))
          : IndexTensors.int32Vector(ctx, "shape", out));
    }
    int n = a.shape().dim(0) < 0 || b.shape().dim(0) < 0 ? Shape.DYNAMIC : Math.max(a.shape().dim(0), b.shape().dim(0));
    return List.of(ctx.emit(BuiltinOp.BROADCAST_ARGS, List.of(a, b), a.type(), Shape.of(n), null));
  }
}
