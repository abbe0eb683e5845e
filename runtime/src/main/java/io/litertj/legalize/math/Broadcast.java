package io.litertj.legalize.math;

import io.litertj.ir.Shape;
import io.litertj.legalize.NodeContext;
import java.util.Arrays;

/**
 * NumPy broadcasting of shapes whose dimensions may be dynamic (-1), as TensorFlow's elementwise
 * ops and LiteRT's broadcasting kernels apply it: shapes are aligned on the right, and each pair of
 * dimensions must be equal or contain a 1.
 */
public final class Broadcast {

  private Broadcast() {}

  /**
   * The broadcast shape of {@code shapes}. A dynamic dimension against a static one greater than 1
   * takes the static size (anything else would fail at run time); against 1 or another dynamic
   * dimension it stays dynamic.
   *
   * @throws io.litertj.ConversionException naming the node when two static sizes disagree
   */
  public static Shape of(NodeContext ctx, Shape... shapes) {
    Shape out = shapes[0];
    for (int i = 1; i < shapes.length; i++) {
      Shape next = pair(out, shapes[i]);
      if (next == null) {
        throw ctx.error("has inputs of shapes " + Arrays.toString(shapes) + " that do not broadcast",
            "give the inputs equal sizes, or size 1, in each dimension (aligned on the right)");
      }
      out = next;
    }
    return out;
  }

  /** The broadcast shape of two shapes, or null when they do not broadcast. */
  public static Shape pair(Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int k = 0; k < rank; k++) {
      int da = dimFromRight(a, rank - 1 - k);
      int db = dimFromRight(b, rank - 1 - k);
      Integer d = dim(da, db);
      if (d == null) {
        return null;
      }
      out[k] = d;
    }
    return Shape.of(out);
  }

  /** True when {@code from} can be broadcast to exactly {@code to} (no dimension of {@code to} grows). */
  public static boolean expandsTo(Shape from, Shape to) {
    Shape joint = pair(from, to);
    return joint != null && joint.equals(to);
  }

  private static int dimFromRight(Shape s, int fromRight) {
    int i = s.rank() - 1 - fromRight;
    return i < 0 ? 1 : s.dim(i);
  }

  private static Integer dim(int a, int b) {
    if (a == b) {
      return a;
    }
    if (a == 1) {
      return b;
    }
    if (b == 1) {
      return a;
    }
    if (a < 0) {
      return b;
    }
    if (b < 0) {
      return a;
    }
    return null;
  }
}
