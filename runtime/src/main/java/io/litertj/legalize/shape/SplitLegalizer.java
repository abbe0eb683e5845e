package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** TF Split → SPLIT (axis first) and SplitV → SPLIT_V (sizes may hold one -1). */
final class SplitLegalizer {

  private SplitLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(SplitLegalizer::split, "Split");
    table.register(SplitLegalizer::splitV, "SplitV");
  }

  private static List<Tensor> split(NodeContext ctx) {
    Tensor input = ctx.input(1);
    int rank = input.shape().rank();
    int axis = Axes.normalize(ctx, Axes.constantAxis(ctx, 0, "axis"), rank, "axis");
    int num = (int) ctx.attrInt("num_split");
    int d = input.shape().dim(axis);
    if (d >= 0 && d % num != 0) {
      throw ctx.error("splits a dimension of size " + d + " into " + num + " parts", "the size must divide evenly");
    }
    Shape piece = input.shape().withDim(axis, d < 0 ? Shape.DYNAMIC : d / num);
    Tensor axisTensor = IndexTensors.int32Scalar(ctx, "axis", axis);
    return ctx.emit(BuiltinOp.SPLIT, List.of(axisTensor, input), Collections.nCopies(num, input.type()),
        Collections.nCopies(num, piece), new OpOptions.Split(num));
  }

  private static List<Tensor> splitV(NodeContext ctx) {
    Tensor input = ctx.input(0);
    int rank = input.shape().rank();
    int axis = Axes.normalize(ctx, Axes.constantAxis(ctx, 2, "axis"), rank, "axis");
    long[] sizes = ctx.constantInts(1, "size_splits").clone();
    int num = (int) ctx.attrInt("num_split");
    if (sizes.length != num) {
      throw ctx.error("has " + sizes.length + " sizes for " + num + " outputs", null);
    }
    int d = input.shape().dim(axis);
    int inferred = -1;
    long sum = 0;
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] == -1) {
        if (inferred >= 0) {
          throw ctx.error("has more than one -1 in size_splits", null);
        }
        inferred = i;
      } else {
        sum += sizes[i];
      }
    }
    if (inferred >= 0 && d >= 0) {
      sizes[inferred] = d - sum;
    }
    List<Shape> shapes = new ArrayList<>();
    for (long s : sizes) {
      shapes.add(input.shape().withDim(axis, s < 0 ? Shape.DYNAMIC : IndexTensors.toInt(ctx, s, "size")));
    }
    Tensor sizeTensor = IndexTensors.int32Vector(ctx, "size_splits", sizes);
    Tensor axisTensor = IndexTensors.int32Scalar(ctx, "axis", axis);
    List<DataType> types = Collections.nCopies(num, input.type());
    return ctx.emit(BuiltinOp.SPLIT_V, List.of(input, sizeTensor, axisTensor), types, shapes,
        new OpOptions.SplitV(num));
  }
}
