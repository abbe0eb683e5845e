package io.litertj.legalize.math;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.ir.TransposedData;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/**
 * Matrix products. A constant 2-D right-hand side makes FULLY_CONNECTED (weights {@code [out, in]},
 * transposed lazily when TF stores them {@code [in, out]}; zero bias), which is what the official
 * converter emits; otherwise BATCH_MATMUL with adj_x/adj_y. MatMul's FULLY_CONNECTED flattens
 * (keep_num_dims false); BatchMatMul's keeps the leading dimensions.
 */
final class MatMulLegalizer {

  private MatMulLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(MatMulLegalizer::matMul, "MatMul");
    table.register(MatMulLegalizer::batchMatMul, "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3");
  }

  private static List<Tensor> matMul(NodeContext ctx) {
    Tensor a = ctx.input(0);
    Tensor b = ctx.input(1);
    if (a.shape().rank() != 2 || b.shape().rank() != 2) {
      throw ctx.error("needs 2-D operands, got " + a.shape() + " and " + b.shape(), null);
    }
    return List.of(product(ctx, a, b, ctx.attrBool("transpose_a", false), ctx.attrBool("transpose_b", false), false));
  }

  private static List<Tensor> batchMatMul(NodeContext ctx) {
    Tensor x = ctx.input(0);
    Tensor y = ctx.input(1);
    if (x.shape().rank() < 2 || y.shape().rank() < 2) {
      throw ctx.error("needs operands of rank 2 or more, got " + x.shape() + " and " + y.shape(), null);
    }
    if (ctx.hasAttr("Tout") && ctx.attrType("Tout") != x.type()) {
      throw ctx.error("multiplies " + x.type() + " into " + ctx.attrType("Tout")
          + "; LiteRT's BATCH_MATMUL keeps the operand type", null);
    }
    return List.of(product(ctx, x, y, ctx.attrBool("adj_x", false), ctx.attrBool("adj_y", false), true));
  }

  private static Tensor product(NodeContext ctx, Tensor x, Tensor y, boolean adjX, boolean adjY, boolean keepDims) {
    if (x.type() != DataType.FLOAT32 || y.type() != DataType.FLOAT32) {
      throw ctx.error("multiplies " + x.type() + " by " + y.type() + "; LiteRT's matrix products take FLOAT32",
          "cast the operands to float32 in the model");
    }
    Shape xs = x.shape();
    Shape ys = y.shape();
    int m = adjX ? xs.dim(-1) : xs.dim(-2);
    int k = adjX ? xs.dim(-2) : xs.dim(-1);
    int ky = adjY ? ys.dim(-1) : ys.dim(-2);
    int n = adjY ? ys.dim(-2) : ys.dim(-1);
    if (k >= 0 && ky >= 0 && k != ky) {
      throw ctx.error("multiplies " + xs + " by " + ys + " (adjoints " + adjX + ", " + adjY
          + "): inner dimensions " + k + " and " + ky + " differ", null);
    }
    if (y.isConstant() && ys.rank() == 2) {
      return fullyConnected(ctx, adjX ? swapLastTwo(ctx, x) : x, y, adjY, n, keepDims);
    }
    Shape batch = Broadcast.of(ctx, leading(xs), leading(ys));
    int[] out = new int[batch.rank() + 2];
    System.arraycopy(batch.dims(), 0, out, 0, batch.rank());
    out[batch.rank()] = m;
    out[batch.rank() + 1] = n;
    return Kernels.emit(ctx, BuiltinOp.BATCH_MATMUL, List.of(x, y), DataType.FLOAT32, DataType.FLOAT32,
        Shape.of(out), new OpOptions.BatchMatMul(adjX, adjY, false));
  }

  /** x · w for a constant w, stored {@code [out, in]} when {@code transposed}, else {@code [in, out]}. */
  private static Tensor fullyConnected(NodeContext ctx, Tensor x, Tensor w, boolean transposed, int units,
      boolean keepDims) {
    Tensor weights = w;
    if (!transposed) {
      int[] dims = w.shape().dims();
      ConstantData data = TransposedData.of(w.data(), dims, new int[] {1, 0}, w.type().byteSize());
      weights = ctx.constant("weights", w.type(), Shape.of(dims[1], dims[0]), data);
    }
    Tensor bias = ctx.constant("bias", DataType.FLOAT32, Shape.of(units), ConstantData.ofFloats(new float[units]));
    Shape xs = x.shape();
    Shape out = keepDims ? xs.withDim(xs.rank() - 1, units) : Shape.of(flatRows(xs), units);
    return Kernels.emit(ctx, BuiltinOp.FULLY_CONNECTED, List.of(x, weights, bias), DataType.FLOAT32,
        DataType.FLOAT32, out, new OpOptions.FullyConnected(Activation.NONE, keepDims, false));
  }

  /** The rows FULLY_CONNECTED makes of an input when it does not keep its dimensions. */
  private static int flatRows(Shape s) {
    int rows = 1;
    for (int i = 0; i < s.rank() - 1; i++) {
      if (s.dim(i) < 0) {
        return Shape.DYNAMIC;
      }
      rows = Math.multiplyExact(rows, s.dim(i));
    }
    return rows;
  }

  private static Tensor swapLastTwo(NodeContext ctx, Tensor x) {
    int r = x.shape().rank();
    int[] perm = new int[r];
    for (int i = 0; i < r; i++) {
      perm[i] = i;
    }
    perm[r - 2] = r - 1;
    perm[r - 1] = r - 2;
    int[] dims = x.shape().dims();
    int[] out = dims.clone();
    out[r - 2] = dims[r - 1];
    out[r - 1] = dims[r - 2];
    return ctx.emit(BuiltinOp.TRANSPOSE, List.of(x, ctx.constInt32("perm", perm)), x.type(), Shape.of(out),
        new OpOptions.Transpose());
  }

  private static Shape leading(Shape s) {
    int[] dims = s.dims();
    return Shape.of(java.util.Arrays.copyOf(dims, dims.length - 2));
  }
}
