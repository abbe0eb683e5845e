package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.Arrays;
import java.util.List;

/**
 * TF StridedSlice → STRIDED_SLICE. With constant begin/end/strides the slice is first rewritten
 * over every input dimension (ellipsis expanded, new axes taken out), so that LiteRT sees only
 * begin, end and shrink masks; new axes are put back by a reshape, as the official converter does.
 */
final class StridedSliceLegalizer {

  private StridedSliceLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(StridedSliceLegalizer::stridedSlice, "StridedSlice");
  }

  private static List<Tensor> stridedSlice(NodeContext ctx) {
    Tensor input = ctx.input(0);
    int beginMask = (int) ctx.attrInt("begin_mask", 0);
    int endMask = (int) ctx.attrInt("end_mask", 0);
    int ellipsisMask = (int) ctx.attrInt("ellipsis_mask", 0);
    int newAxisMask = (int) ctx.attrInt("new_axis_mask", 0);
    int shrinkMask = (int) ctx.attrInt("shrink_axis_mask", 0);
    boolean constant = ctx.input(1).isConstant() && ctx.input(2).isConstant() && ctx.input(3).isConstant();
    if (!constant) {
      if (ellipsisMask != 0 || newAxisMask != 0) {
        throw ctx.error("uses an ellipsis or tf.newaxis with begin/end computed at run time",
            "use constant slice bounds together with ... or tf.newaxis");
      }
      return List.of(runtimeSlice(ctx, input, beginMask, endMask, shrinkMask));
    }
    DenseSlice slice;
    try {
      slice = DenseSlice.of(input.shape().rank(), ctx.constantInts(1, "begin"), ctx.constantInts(2, "end"),
          ctx.constantInts(3, "strides"), beginMask, endMask, ellipsisMask, newAxisMask, shrinkMask);
    } catch (DenseSlice.InvalidSlice e) {
      throw ctx.error(e.getMessage() + " (input " + input.shape() + ")", null);
    }
    Tensor sliced;
    try {
      sliced = isIdentity(slice, input.shape()) ? input : ctx.emit(BuiltinOp.STRIDED_SLICE, List.of(input,
          IndexTensors.int32Vector(ctx, "begin", slice.begin()), IndexTensors.int32Vector(ctx, "end", slice.end()),
          IndexTensors.int32Vector(ctx, "strides", slice.strides())), input.type(), slice.slicedShape(input.shape()),
          new OpOptions.StridedSlice(slice.beginMask(), slice.endMask(), 0, 0, slice.shrinkMask(), false));
    } catch (DenseSlice.InvalidSlice e) {
      throw ctx.error(e.getMessage() + " (input " + input.shape() + ")", null);
    }
    if (!slice.hasNewAxis()) {
      return List.of(sliced);
    }
    return List.of(insertNewAxes(ctx, sliced, slice.finalDims(), slice.outputShape(input.shape())));
  }

  /** True when the slice keeps every element in place (full ranges, stride 1, nothing shrunk). */
  private static boolean isIdentity(DenseSlice slice, Shape input) {
    if (slice.shrinkMask() != 0) {
      return false;
    }
    for (int i = 0; i < input.rank(); i++) {
      int bit = 1 << i;
      int d = input.dim(i);
      boolean fullBegin = (slice.beginMask() & bit) != 0 || slice.begin()[i] == 0 || (d >= 0 && slice.begin()[i] == -d);
      boolean fullEnd = (slice.endMask() & bit) != 0 || (d >= 0 && slice.end()[i] >= d);
      if (slice.strides()[i] != 1 || !fullBegin || !fullEnd) {
        return false;
      }
    }
    return true;
  }

  /** Puts back the size-1 dimensions of tf.newaxis entries. */
  private static Tensor insertNewAxes(NodeContext ctx, Tensor sliced, int[] finalDims, Shape outShape) {
    if (Reshapes.expressible(outShape)) {
      return Reshapes.reshape(ctx, sliced, outShape, "new_shape");
    }
    Tensor t = sliced;
    int[] current = sliced.shape().dims();
    for (int k = 0; k < finalDims.length; k++) {
      if (finalDims[k] != DenseSlice.NEW_AXIS) {
        continue;
      }
      int[] next = new int[current.length + 1];
      System.arraycopy(current, 0, next, 0, k);
      next[k] = 1;
      System.arraycopy(current, k, next, k + 1, current.length - k);
      t = ctx.emit(BuiltinOp.EXPAND_DIMS, List.of(t, IndexTensors.int32Scalar(ctx, "new_axis_" + k, k)), t.type(),
          Shape.of(next), new OpOptions.ExpandDims());
      current = next;
    }
    return t;
  }

  private static Tensor runtimeSlice(NodeContext ctx, Tensor input, int beginMask, int endMask, int shrinkMask) {
    Tensor begin = IndexTensors.asInt32(ctx, 1, "begin");
    Tensor end = IndexTensors.asInt32(ctx, 2, "end");
    Tensor strides = IndexTensors.asInt32(ctx, 3, "strides");
    long[] knownStrides = ctx.partialInts(3);
    int rank = input.shape().rank();
    int[] out = new int[rank];
    int n = 0;
    for (int i = 0; i < rank; i++) {
      int bit = 1 << i;
      if ((shrinkMask & bit) != 0) {
        continue;
      }
      boolean full = (beginMask & bit) != 0 && (endMask & bit) != 0 && knownStrides != null
          && i < knownStrides.length && Math.abs(knownStrides[i]) == 1;
      out[n++] = full ? input.shape().dim(i) : Shape.DYNAMIC;
    }
    return ctx.emit(BuiltinOp.STRIDED_SLICE, List.of(input, begin, end, strides), input.type(),
        Shape.of(Arrays.copyOf(out, n)),
        new OpOptions.StridedSlice(beginMask, endMask, 0, 0, shrinkMask, false));
  }
}
