package io.litertj.keras.layers;

import io.litertj.ir.Shape;

/** The result shape of an elementwise op under numpy broadcasting (-1 stays dynamic). */
final class Broadcasting {

  private Broadcasting() {}

  static Shape shape(Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
      int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
      out[i] = da == 1 ? db : db == 1 ? da : da < 0 ? db : da;
    }
    return Shape.of(out);
  }
}
