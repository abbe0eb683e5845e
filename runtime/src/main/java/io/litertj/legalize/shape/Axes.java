package io.litertj.legalize.shape;

import io.litertj.legalize.NodeContext;

/** Axis arguments, normalized the way TensorFlow reads them. */
public final class Axes {

  private Axes() {}

  /** {@code axis} in {@code [-rank, rank)} as a non-negative axis; an error otherwise. */
  public static int normalize(NodeContext ctx, long axis, int rank, String what) {
    if (axis < -rank || axis >= rank) {
      throw ctx.error("has " + what + " " + axis + ", out of range for rank " + rank,
          "use an axis in [" + -rank + ", " + rank + ")");
    }
    return (int) (axis < 0 ? axis + rank : axis);
  }

  /** A single axis from a constant scalar or one-element input. */
  public static long constantAxis(NodeContext ctx, int index, String what) {
    long[] values = ctx.constantInts(index, what);
    if (values.length != 1) {
      throw ctx.error("needs a single " + what + ", got " + values.length + " values", null);
    }
    return values[0];
  }
}
