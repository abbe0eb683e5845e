package io.litertj.legalize.shape;

import io.litertj.ir.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A TF strided slice rewritten over every input dimension, without ellipsis or new axes: what
 * LiteRT's STRIDED_SLICE is given. {@code finalDims} maps each output dimension to the input
 * dimension it keeps, or to {@link #NEW_AXIS}; shrunk dimensions have no entry.
 *
 * <p>The expansion follows TensorFlow's {@code BuildDenseSpec}: an ellipsis covers the input
 * dimensions that no other entry names; with no ellipsis, one is implied at the end.
 */
record DenseSlice(long[] begin, long[] end, long[] strides, int beginMask, int endMask, int shrinkMask,
    int[] finalDims) {

  static final int NEW_AXIS = -1;

  /** Thrown for a slice TensorFlow itself rejects. */
  static final class InvalidSlice extends RuntimeException {
    InvalidSlice(String message) {
      super(message);
    }
  }

  static DenseSlice of(int rank, long[] begin, long[] end, long[] strides, int beginMask, int endMask,
      int ellipsisMask, int newAxisMask, int shrinkMask) {
    int sparseDims = begin.length;
    if (end.length != sparseDims || strides.length != sparseDims) {
      throw new InvalidSlice("begin, end and strides have lengths " + begin.length + ", " + end.length + ", "
          + strides.length);
    }
    if (Integer.bitCount(ellipsisMask) > 1) {
      throw new InvalidSlice("has more than one ellipsis");
    }
    boolean ellipsisSeen = false;
    int newAxesAfterEllipsis = 0;
    for (int i = 0; i < sparseDims; i++) {
      if (ellipsisSeen && (newAxisMask & (1 << i)) != 0) {
        newAxesAfterEllipsis++;
      }
      if ((ellipsisMask & (1 << i)) != 0) {
        ellipsisSeen = true;
      }
    }
    if (!ellipsisSeen) {
      ellipsisMask |= 1 << sparseDims;
      sparseDims++;
    }
    long[] dBegin = new long[rank];
    long[] dEnd = new long[rank];
    long[] dStrides = new long[rank];
    int dBeginMask = 0;
    int dEndMask = 0;
    int dShrink = 0;
    List<Integer> finalDims = new ArrayList<>();
    int full = 0;
    for (int i = 0; i < sparseDims; i++) {
      int bit = 1 << i;
      if ((ellipsisMask & bit) != 0) {
        int next = Math.min(rank - (sparseDims - i) + 1 + newAxesAfterEllipsis, rank);
        for (; full < next; full++) {
          dStrides[full] = 1;
          dBeginMask |= 1 << full;
          dEndMask |= 1 << full;
          finalDims.add(full);
        }
      } else if ((newAxisMask & bit) != 0) {
        finalDims.add(NEW_AXIS);
      } else {
        if (full >= rank) {
          throw new InvalidSlice("indexes more dimensions than the input's " + rank);
        }
        dBegin[full] = begin[i];
        dEnd[full] = end[i];
        dStrides[full] = strides[i];
        if (strides[i] == 0) {
          throw new InvalidSlice("has a zero stride");
        }
        if ((beginMask & bit) != 0) {
          dBeginMask |= 1 << full;
        }
        if ((endMask & bit) != 0) {
          dEndMask |= 1 << full;
        }
        if ((shrinkMask & bit) != 0) {
          dShrink |= 1 << full;
        } else {
          finalDims.add(full);
        }
        full++;
      }
    }
    return new DenseSlice(dBegin, dEnd, dStrides, dBeginMask, dEndMask, dShrink,
        finalDims.stream().mapToInt(Integer::intValue).toArray());
  }

  boolean hasNewAxis() {
    for (int d : finalDims) {
      if (d == NEW_AXIS) {
        return true;
      }
    }
    return false;
  }

  /** The shape STRIDED_SLICE produces: the input dimensions kept, without new axes. */
  Shape slicedShape(Shape input) {
    List<Integer> dims = new ArrayList<>();
    for (int d : finalDims) {
      if (d != NEW_AXIS) {
        dims.add(size(input.dim(d), d));
      }
    }
    return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The TF result shape, new axes included. */
  Shape outputShape(Shape input) {
    int[] out = new int[finalDims.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = finalDims[k] == NEW_AXIS ? 1 : size(input.dim(finalDims[k]), finalDims[k]);
    }
    return Shape.of(out);
  }

  /** Size of dense dimension {@code i} of input size {@code d} (-1 when dynamic). */
  private int size(int d, int i) {
    int bit = 1 << i;
    long stride = strides[i];
    boolean beginMasked = (beginMask & bit) != 0;
    boolean endMasked = (endMask & bit) != 0;
    if ((shrinkMask & bit) != 0) {
      if (d >= 0) {
        long index = begin[i] < 0 ? begin[i] + d : begin[i];
        if (index < 0 || index >= d) {
          throw new InvalidSlice("index " + begin[i] + " is out of bounds for a dimension of size " + d);
        }
      }
      return 1;
    }
    if (d < 0) {
      return beginMasked && endMasked && Math.abs(stride) == 1 ? d : Shape.DYNAMIC;
    }
    long b = canonical(begin[i], beginMasked, true, d, stride);
    long e = canonical(end[i], endMasked, false, d, stride);
    long length = e - b;
    if (length == 0 || (length < 0) != (stride < 0)) {
      return 0;
    }
    long n = length / stride + (length % stride != 0 ? 1 : 0);
    return (int) n;
  }

  private static long canonical(long x, boolean masked, boolean isBegin, int d, long stride) {
    if (masked) {
      return stride > 0 ? (isBegin ? 0 : d) : (isBegin ? d - 1 : -1);
    }
    long fwd = x < 0 ? x + d : x;
    long lower = stride > 0 ? 0 : -1;
    long upper = stride > 0 ? d : d - 1;
    return Math.max(lower, Math.min(upper, fwd));
  }
}
