package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/**
 * TF SparseToDense → SPARSE_TO_DENSE, a scalar value filled out to one per index; the output
 * shape is static when the shape input is constant (or known up to dynamic dimensions), else only
 * its rank is.
 */
final class SparseToDenseLegalizer {

  private SparseToDenseLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(SparseToDenseLegalizer::sparseToDense, "SparseToDense");
  }

  private static List<Tensor> sparseToDense(NodeContext ctx) {
    Tensor indices = ctx.input(0);
    Tensor shape = ctx.input(1);
    Tensor values = ctx.input(2);
    Tensor defaultValue = ctx.input(3);
    if (indices.type() != DataType.INT32 && indices.type() != DataType.INT64 || shape.shape().rank() != 1) {
      throw ctx.error("needs integer indices and a 1-D output shape, got " + indices + " and " + shape, null);
    }
    if (defaultValue.shape().rank() != 0 || values.type() != defaultValue.type()) {
      throw ctx.error("needs a scalar default value of the values' type, got " + defaultValue, null);
    }
    if (values.shape().rank() == 0 && indices.shape().rank() > 0 && indices.shape().dim(0) != 1) {
      // TF spreads a scalar value over every index; LiteRT wants one value per index.
      int n = indices.shape().dim(0);
      if (n < 0) {
        throw ctx.error("has a scalar value for a number of indices known only at run time",
            "give the indices a fixed count, or one value per index");
      }
      values = ctx.emit(BuiltinOp.FILL, List.of(IndexTensors.int32Vector(ctx, "values_shape", n), values),
          values.type(), Shape.of(n), new OpOptions.Fill());
    }
    long[] partial = ctx.partialInts(1);
    Shape out;
    if (partial != null) {
      out = Dims.fromPartial(partial);
    } else if (shape.shape().dim(0) >= 0) {
      out = Dims.allDynamic(shape.shape().dim(0));
    } else {
      throw ctx.error("has an output shape of unknown length", "give the output a fixed number of dimensions");
    }
    return List.of(ctx.emit(BuiltinOp.SPARSE_TO_DENSE, List.of(indices, shape, values, defaultValue), values.type(),
        out, new OpOptions.SparseToDense(ctx.attrBool("validate_indices", true))));
  }
}
