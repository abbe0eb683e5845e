package io.litertj.optimize.fold;

import io.litertj.ir.OpOptions;

/**
 * LiteRT's reading of a STRIDED_SLICE (kernels/strided_slice.cc {@code BuildStridedSliceParams},
 * reference {@code StartForAxis}/{@code EndForAxis}): the ellipsis is expanded and new axes are
 * turned into size-1 input axes, giving per effective axis a start, a stop and a stride; shrunk
 * axes keep one element and are dropped from the output.
 *
 * @param inputDims the effective input dims (the input with the new axes inserted)
 * @param start first index per effective axis
 * @param stop the exclusive end per effective axis (may be -1 for a negative stride)
 * @param strides per effective axis
 * @param shrink which effective axes are dropped from the output
 */
record StridedSliceSpec(int[] inputDims, int[] start, int[] stop, int[] strides, boolean[] shrink) {

  static StridedSliceSpec of(int[] dims, int[] begin, int[] end, int[] stride, OpOptions.StridedSlice o) {
    int beginCount = begin.length;
    if (end.length != beginCount || stride.length != beginCount || beginCount > 31) {
      throw new NotFoldable("STRIDED_SLICE with " + beginCount + " begin, " + end.length + " end, "
          + stride.length + " stride values");
    }
    int ellipsisMask = o.ellipsisMask();
    int newAxisMask = o.newAxisMask();
    int numAddAxis = 0;
    for (int i = 0; i < beginCount; i++) {
      if (!bit(ellipsisMask, i) && bit(newAxisMask, i)) {
        numAddAxis++;
      }
    }
    int rank = dims.length;
    int effectiveDims = rank + numAddAxis;
    if (effectiveDims > 31) {
      throw new NotFoldable("STRIDED_SLICE of too many axes");
    }
    // Which effective axes the ellipsis covers, and which are new; a new axis at the ellipsis's
    // position has no effect.
    int effectiveEllipsis = 0;
    int effectiveNewAxis = 0;
    int ellipsisStart = effectiveDims;
    int expandedEllipsis = 0;
    for (int i = 0; i < effectiveDims;) {
      if (bit(ellipsisMask, i)) {
        ellipsisStart = i;
        int ellipsisEnd = Math.max(i + 1, Math.min(i + 1 + numAddAxis + rank - beginCount, effectiveDims));
        expandedEllipsis = ellipsisEnd - ellipsisStart - 1;
        for (; i < ellipsisEnd; i++) {
          effectiveEllipsis |= 1 << i;
        }
        continue;
      }
      if (bit(newAxisMask, i - expandedEllipsis)) {
        effectiveNewAxis |= 1 << i;
      }
      i++;
    }
    int[] inputDims = new int[effectiveDims];
    int[] starts = new int[effectiveDims];
    int[] stops = new int[effectiveDims];
    int[] strides = new int[effectiveDims];
    boolean[] beginAll = new boolean[effectiveDims];
    boolean[] endAll = new boolean[effectiveDims];
    boolean[] shrink = new boolean[effectiveDims];
    int addedEllipsis = 0;
    int addedAxes = 0;
    for (int i = 0; i < effectiveDims; i++) {
      strides[i] = 1;
      if (bit(effectiveEllipsis, i)) {
        addedEllipsis = Math.max(0, i - ellipsisStart);
        beginAll[i] = true;
        endAll[i] = true;
        inputDims[i] = inputDim(dims, i - addedAxes);
      } else if (bit(effectiveNewAxis, i)) {
        stops[i] = 1;
        inputDims[i] = 1;
        addedAxes++;
      } else if (i >= beginCount + expandedEllipsis) {
        beginAll[i] = true;
        endAll[i] = true;
        inputDims[i] = inputDim(dims, i - addedAxes);
      } else {
        int orig = i - addedEllipsis;
        starts[i] = begin[orig];
        stops[i] = end[orig];
        strides[i] = stride[orig];
        beginAll[i] = bit(o.beginMask(), orig);
        endAll[i] = bit(o.endMask(), orig);
        shrink[i] = bit(o.shrinkAxisMask(), orig);
        inputDims[i] = inputDim(dims, i - addedAxes);
      }
    }
    int[] first = new int[effectiveDims];
    int[] last = new int[effectiveDims];
    for (int i = 0; i < effectiveDims; i++) {
      if (strides[i] == 0 || strides[i] == Integer.MIN_VALUE) {
        throw new NotFoldable("STRIDED_SLICE stride " + strides[i]);
      }
      first[i] = startForAxis(starts[i], strides[i], beginAll[i], inputDims[i]);
      last[i] = endForAxis(stops[i], strides[i], endAll[i], shrink[i], o.offset(), inputDims[i], first[i]);
    }
    return new StridedSliceSpec(inputDims, first, last, strides, shrink);
  }

  private static int startForAxis(int start, int stride, boolean all, int size) {
    if (start < 0) {
      start += size;
    }
    start = stride > 0 ? clamp(start, 0, size) : clamp(start, -1, size - 1);
    if (all) {
      start = stride > 0 ? 0 : size - 1;
    }
    return start;
  }

  private static int endForAxis(int stop, int stride, boolean all, boolean shrink, boolean offset, int size,
      int start) {
    if (shrink) {
      return start >= size ? start : start + 1;
    }
    long end = offset ? (long) stop + start : stop;
    if (end < 0) {
      end += size;
    }
    end = stride > 0 ? clamp(end, 0, size) : clamp(end, -1, size - 1);
    if (all) {
      end = stride > 0 ? size : -1;
    }
    return (int) end;
  }

  /** How many indices {@code start, start + stride, ...} come before {@code stop}: the loop LiteRT runs. */
  int count(int axis) {
    long span = (long) stop[axis] - start[axis];
    int s = strides[axis];
    if (s > 0) {
      return span <= 0 ? 0 : (int) ((span + s - 1) / s);
    }
    return span >= 0 ? 0 : (int) ((-span + -(long) s - 1) / -(long) s);
  }

  private static int inputDim(int[] dims, int index) {
    if (index < 0 || index >= dims.length) {
      throw new NotFoldable("STRIDED_SLICE spec does not fit the input's rank");
    }
    return dims[index];
  }

  private static boolean bit(int mask, int i) {
    return i >= 0 && i < 32 && (mask & (1 << i)) != 0;
  }

  private static int clamp(long v, int lo, int hi) {
    return (int) Math.max(lo, Math.min(hi, v));
  }
}
