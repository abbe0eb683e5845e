package io.litertj.optimize.fold;

import java.util.Arrays;

/** Row-major index arithmetic shared by the kernels. */
final class NdIndex {

  private NdIndex() {}

  static long count(int[] dims) {
    long n = 1;
    for (int d : dims) {
      n = multiply(n, d);
    }
    return n;
  }

  /** Product of {@code dims[from..to)}. */
  static int count(int[] dims, int from, int to) {
    long n = 1;
    for (int i = from; i < to; i++) {
      n = multiply(n, dims[i]);
    }
    return toInt(n);
  }

  /** {@code a * b}; a product that overflows is a tensor too large to fold, not an error. */
  static long multiply(long a, long b) {
    long product = a * b;
    if (Math.multiplyHigh(a, b) != (product >> 63)) {
      throw new NotFoldable("a size of " + a + " * " + b + " elements overflows");
    }
    return product;
  }

  /** {@code v} as an int (a Java array index); a larger size or offset is too large to fold. */
  static int toInt(long v) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new NotFoldable("a size or offset of " + v + " is beyond what a Java array holds");
    }
    return (int) v;
  }

  /** The bytes of {@code count} elements of {@code elementSize} bytes, as an array length. */
  static int bytes(long count, int elementSize) {
    return toInt(multiply(count, elementSize));
  }

  /** Row-major strides, in elements. */
  static int[] strides(int[] dims) {
    int[] strides = new int[dims.length];
    long s = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      strides[i] = toInt(s);
      s = multiply(s, Math.max(dims[i], 1));
    }
    return strides;
  }

  /** An axis in {@code [-rank, rank)} made non-negative; not foldable when out of range. */
  static int axis(long axis, int rank) {
    long a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new NotFoldable("axis " + axis + " out of range for rank " + rank);
    }
    return (int) a;
  }

  static int[] toInts(long[] values, String what) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < Integer.MIN_VALUE || values[i] > Integer.MAX_VALUE) {
        throw new NotFoldable(what + " value " + values[i] + " does not fit 32 bits");
      }
      out[i] = (int) values[i];
    }
    return out;
  }

  /**
   * For each element of {@code outDims} in row-major order, the flat index into a source whose
   * element at a multi-index is found through {@code strides} (per output axis, possibly 0) from
   * {@code base}.
   */
  static int[] map(int[] outDims, long base, long[] strides) {
    int n = toInt(count(outDims));
    int[] out = new int[n];
    if (n == 0) {
      return out;
    }
    int rank = outDims.length;
    int[] index = new int[rank];
    long offset = base;
    for (int i = 0; i < n; i++) {
      out[i] = toInt(offset);
      for (int k = rank - 1; k >= 0; k--) {
        if (++index[k] < outDims[k]) {
          offset += strides[k];
          break;
        }
        index[k] = 0;
        offset -= strides[k] * (outDims[k] - 1);
      }
    }
    return out;
  }

  /** Copies element {@code map[i]} of {@code src} to element {@code i} of a new array; -1 picks {@code fill}. */
  static byte[] gather(byte[] src, int elementSize, int[] map, byte[] fill) {
    byte[] out = new byte[bytes(map.length, elementSize)];
    for (int i = 0; i < map.length; i++) {
      int from = map[i];
      if (from < 0) {
        System.arraycopy(fill, 0, out, i * elementSize, elementSize);
      } else if (elementSize == 1) {
        out[i] = src[from];
      } else {
        System.arraycopy(src, from * elementSize, out, i * elementSize, elementSize);
      }
    }
    return out;
  }

  static String show(int[] dims) {
    return Arrays.toString(dims);
  }
}
