package io.litertj.optimize.fold;

/**
 * Float math on subnormal numbers is not folded: LiteRT's x86 build flushes them to zero (both as
 * inputs and as results), ARM builds may not, so the value depends on the CPU the model runs on.
 * They are rare (below 1.2e-38 in magnitude), so declining costs nothing in practice. Kernels that
 * only move bits (and NEG/ABS, which flip bits) do not check.
 */
final class Subnormals {

  private Subnormals() {}

  static float check(float x) {
    if (x != 0 && Math.abs(x) < Float.MIN_NORMAL) {
      throw new NotFoldable("subnormal float " + x + ": its value depends on the CPU's flush-to-zero mode");
    }
    return x;
  }

  static double check(double x) {
    if (x != 0 && Math.abs(x) < Double.MIN_NORMAL) {
      throw new NotFoldable("subnormal double " + x + ": its value depends on the CPU's flush-to-zero mode");
    }
    return x;
  }

  static float[] checkAll(float[] values) {
    for (float v : values) {
      check(v);
    }
    return values;
  }

  static double[] checkAll(double[] values) {
    for (double v : values) {
      check(v);
    }
    return values;
  }
}
