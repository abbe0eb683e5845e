package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/**
 * TF MatrixBandPart → SELECT_V2(band, x, 0) with the band of the innermost two axes as a constant
 * BOOL mask: element (m, n) is kept when {@code (num_lower < 0 || m - n <= num_lower) &&
 * (num_upper < 0 || n - m <= num_upper)}. Keras's causal attention masks apply it to a constant
 * all-true square, which folds here to a constant, as the official converter's output has it.
 */
final class BandPartLegalizer {

  /** The largest mask this converter builds (a 4096 x 4096 attention mask is 16 MB). */
  static final long MAX_MASK_ELEMENTS = 1L << 24;

  private BandPartLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(BandPartLegalizer::bandPart, "MatrixBandPart");
  }

  private static List<Tensor> bandPart(NodeContext ctx) {
    Tensor x = ctx.input(0);
    Shape shape = x.shape();
    if (shape.rank() < 2) {
      throw ctx.error("needs an input of rank 2 or more, got " + shape, null);
    }
    int rows = shape.dim(-2);
    int cols = shape.dim(-1);
    if (rows < 0 || cols < 0) {
      throw ctx.error("has matrices of dynamic size " + shape, "give the innermost two dimensions fixed sizes");
    }
    if ((long) rows * cols > MAX_MASK_ELEMENTS) {
      throw ctx.error("has " + rows + " x " + cols + " matrices, above the " + MAX_MASK_ELEMENTS
          + "-element band mask this converter builds", null);
    }
    long lower = single(ctx, 1, "num_lower");
    long upper = single(ctx, 2, "num_upper");
    byte[] band = new byte[rows * cols];
    for (int m = 0; m < rows; m++) {
      for (int n = 0; n < cols; n++) {
        boolean keep = (lower < 0 || m - n <= lower) && (upper < 0 || n - m <= upper);
        band[m * cols + n] = (byte) (keep ? 1 : 0);
      }
    }
    Tensor mask = ctx.constant("band", DataType.BOOL, Shape.of(rows, cols), ConstantData.of(band));
    Tensor zero = ctx.constant("zero", x.type(), Shape.scalar(), ConstantData.of(new byte[x.type().byteSize()]));
    return List.of(ctx.emit(BuiltinOp.SELECT_V2, List.of(mask, x, zero), x.type(), shape, null));
  }

  private static long single(NodeContext ctx, int index, String what) {
    long[] values = ctx.constantInts(index, what);
    if (ctx.input(index).shape().rank() != 0) {
      throw ctx.error("needs a scalar " + what + ", got shape " + ctx.input(index).shape(),
          "TensorFlow refuses it too; pass a scalar");
    }
    return values[0];
  }
}
