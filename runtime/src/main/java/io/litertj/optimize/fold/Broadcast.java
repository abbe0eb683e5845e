package io.litertj.optimize.fold;

/**
 * NumPy broadcasting, as LiteRT's elementwise kernels do it: shapes are aligned on the right and
 * each pair of dims must be equal or contain a 1.
 */
final class Broadcast {

  private Broadcast() {}

  /** The broadcast shape of all {@code shapes}; not foldable when they do not broadcast. */
  static int[] shape(int[]... shapes) {
    int rank = 0;
    for (int[] s : shapes) {
      rank = Math.max(rank, s.length);
    }
    int[] out = new int[rank];
    java.util.Arrays.fill(out, 1);
    for (int[] s : shapes) {
      for (int i = 0; i < s.length; i++) {
        int k = rank - s.length + i;
        int d = s[i];
        if (d == out[k] || d == 1) {
          continue;
        }
        if (out[k] != 1) {
          throw new NotFoldable("shapes do not broadcast: " + NdIndex.show(s) + " against dim " + out[k]);
        }
        out[k] = d;
      }
    }
    return out;
  }

  /**
   * For each element of {@code outDims}, the flat index of the element of a {@code inDims} input
   * it reads; {@code null} when the shapes are equal (the index is the element's own).
   */
  static int[] map(int[] inDims, int[] outDims) {
    if (java.util.Arrays.equals(inDims, outDims)) {
      return null;
    }
    int rank = outDims.length;
    if (inDims.length > rank) {
      throw new NotFoldable("cannot broadcast " + NdIndex.show(inDims) + " to " + NdIndex.show(outDims));
    }
    int[] inStrides = NdIndex.strides(inDims);
    long[] strides = new long[rank];
    for (int i = 0; i < inDims.length; i++) {
      int k = rank - inDims.length + i;
      if (inDims[i] == outDims[k]) {
        strides[k] = inStrides[i];
      } else if (inDims[i] != 1) {
        throw new NotFoldable("cannot broadcast " + NdIndex.show(inDims) + " to " + NdIndex.show(outDims));
      }
    }
    return NdIndex.map(outDims, 0, strides);
  }

  /** Element {@code i}'s source index under a map from {@link #map}. */
  static int at(int[] map, int i) {
    return map == null ? i : map[i];
  }
}
