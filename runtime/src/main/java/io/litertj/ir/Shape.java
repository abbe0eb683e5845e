package io.litertj.ir;

import java.util.Arrays;

/**
 * A tensor shape. A dimension of -1 is dynamic: LiteRT stores it as 1 in {@code shape} and as -1
 * in {@code shape_signature}. A {@code null} shape (where a tensor has one) means the rank
 * itself is unknown.
 */
public record Shape(int[] dims) {

  public static final int DYNAMIC = -1;

  public Shape {
    dims = dims.clone();
  }

  public static Shape of(int... dims) {
    return new Shape(dims);
  }

  public static Shape scalar() {
    return new Shape(new int[0]);
  }

  public static Shape ofLongs(long[] dims) {
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < -1 || dims[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("dimension out of range: " + dims[i]);
      }
      out[i] = (int) dims[i];
    }
    return new Shape(out);
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int axis) {
    return dims[axis < 0 ? axis + dims.length : axis];
  }

  public boolean isStatic() {
    for (int d : dims) {
      if (d < 0) {
        return false;
      }
    }
    return true;
  }

  /** Number of elements, counting dynamic dimensions as 1 (the size LiteRT allocates first). */
  public long numElements() {
    long n = 1;
    for (int d : dims) {
      n = Math.multiplyExact(n, d < 0 ? 1 : d);
    }
    return n;
  }

  /** The shape with every dynamic dimension replaced by 1, as LiteRT's {@code shape} field. */
  public int[] staticDims() {
    int[] out = dims.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] < 0) {
        out[i] = 1;
      }
    }
    return out;
  }

  public Shape withDim(int axis, int value) {
    int[] out = dims.clone();
    out[axis] = value;
    return new Shape(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape other && Arrays.equals(dims, other.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
