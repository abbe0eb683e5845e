package io.litertj.legalize.shape;

import io.litertj.ir.Shape;
import java.util.Arrays;

/** Arithmetic on dimensions where -1 means dynamic and stays dynamic. */
public final class Dims {

  private Dims() {}

  public static int add(int a, int b) {
    return a < 0 || b < 0 ? Shape.DYNAMIC : Math.addExact(a, b);
  }

  public static int mul(int a, int b) {
    return a < 0 || b < 0 ? Shape.DYNAMIC : Math.multiplyExact(a, b);
  }

  /** The dimension two inputs agree on: the static one when one of them is dynamic. */
  public static int merge(int a, int b) {
    return a < 0 ? b : a;
  }

  public static int dynamicCount(Shape shape) {
    int n = 0;
    for (int d : shape.dims()) {
      if (d < 0) {
        n++;
      }
    }
    return n;
  }

  /** Product of the static dimensions. */
  public static long staticProduct(Shape shape) {
    long n = 1;
    for (int d : shape.dims()) {
      if (d >= 0) {
        n = Math.multiplyExact(n, d);
      }
    }
    return n;
  }

  /** A shape from integer values where negative entries are unknown. */
  public static Shape fromPartial(long[] values) {
    int[] dims = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      dims[i] = values[i] < 0 || values[i] > Integer.MAX_VALUE ? Shape.DYNAMIC : (int) values[i];
    }
    return Shape.of(dims);
  }

  /** A shape of {@code rank} dynamic dimensions. */
  public static Shape allDynamic(int rank) {
    int[] dims = new int[rank];
    Arrays.fill(dims, Shape.DYNAMIC);
    return Shape.of(dims);
  }
}
