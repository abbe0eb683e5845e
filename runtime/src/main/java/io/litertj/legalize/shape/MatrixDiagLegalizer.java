package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/**
 * TF MatrixDiag → MATRIX_DIAG and MatrixSetDiag → MATRIX_SET_DIAG, the main diagonal only: the
 * V2/V3 forms with {@code k = 0} (and for MatrixDiag the default square size and zero padding),
 * which is what LiteRT's kernels compute and what the official converter accepts.
 */
final class MatrixDiagLegalizer {

  private MatrixDiagLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(MatrixDiagLegalizer::diag, "MatrixDiag", "MatrixDiagV2", "MatrixDiagV3");
    table.register(MatrixDiagLegalizer::setDiag, "MatrixSetDiag", "MatrixSetDiagV2", "MatrixSetDiagV3");
  }

  private static List<Tensor> diag(NodeContext ctx) {
    Tensor d = ctx.input(0);
    if (ctx.inputCount() > 1) {
      requireValue(ctx, 1, "k", 0);
      requireValue(ctx, 2, "num_rows", -1);
      requireValue(ctx, 3, "num_cols", -1);
      Tensor pad = ctx.constantInput(4, "padding_value");
      if (pad.shape().numElements() != 1 || !isZero(pad)) {
        throw ctx.error("pads with a nonzero value; LiteRT's MATRIX_DIAG pads with zeros", null);
      }
    }
    if (d.shape().rank() < 1) {
      throw ctx.error("needs a diagonal of rank 1 or more, got a scalar", null);
    }
    int n = d.shape().dim(-1);
    int[] out = new int[d.shape().rank() + 1];
    System.arraycopy(d.shape().dims(), 0, out, 0, d.shape().rank());
    out[out.length - 1] = n;
    return List.of(ctx.emit(BuiltinOp.MATRIX_DIAG, List.of(d), d.type(), Shape.of(out), null));
  }

  private static List<Tensor> setDiag(NodeContext ctx) {
    Tensor x = ctx.input(0);
    Tensor d = ctx.input(1);
    if (ctx.inputCount() > 2) {
      requireValue(ctx, 2, "k", 0);
    }
    if (x.shape().rank() < 2) {
      throw ctx.error("needs matrices (rank 2 or more), got " + x.shape(), null);
    }
    return List.of(ctx.emit(BuiltinOp.MATRIX_SET_DIAG, List.of(x, d), x.type(), x.shape(), null));
  }

  private static void requireValue(NodeContext ctx, int index, String what, long value) {
    long[] v = ctx.constantInts(index, what);
    if (v.length != 1 || v[0] != value) {
      throw ctx.error("has " + what + " " + java.util.Arrays.toString(v) + "; LiteRT handles only " + what + " = "
          + value + " (the main diagonal, square matrices)", null);
    }
  }

  private static boolean isZero(Tensor t) {
    java.nio.ByteBuffer b = t.constantBytes();
    while (b.hasRemaining()) {
      if (b.get() != 0) {
        return false;
      }
    }
    return true;
  }
}
