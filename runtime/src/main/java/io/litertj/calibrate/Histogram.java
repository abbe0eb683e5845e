package io.litertj.calibrate;

/** A fixed-bin histogram of one tensor's values over a known range (its min/max, widened to include 0). */
final class Histogram {

  static final int BINS = 2048;

  private final double lo;
  private final double width;
  private final long[] counts = new long[BINS];

  Histogram(Range range) {
    this.lo = Math.min(range.min(), 0f);
    double hi = Math.max(range.max(), 0f);
    this.width = hi > lo ? (hi - lo) / BINS : 1;
  }

  void add(float[] values, int n) {
    for (int i = 0; i < n; i++) {
      int b = (int) ((values[i] - lo) / width);
      counts[b < 0 ? 0 : b >= BINS ? BINS - 1 : b]++;
    }
  }

  /**
   * The range {@code [lo * a, hi * a]}, {@code a} in (0.3, 1], with the least expected squared
   * error for {@code levels} quantization steps: {@code step^2 / 12} for values inside, the squared
   * distance to the edge for values clipped.
   */
  Range mseOptimal(Range minMax, int levels) {
    double min = Math.min(minMax.min(), 0f);
    double max = Math.max(minMax.max(), 0f);
    if (max - min == 0) {
      return minMax;
    }
    double bestError = Double.MAX_VALUE;
    double bestA = 1;
    for (int k = 100; k >= 30; k--) {
      double a = k / 100.0;
      double l = min * a;
      double h = max * a;
      double step = (h - l) / (levels - 1);
      double error = 0;
      for (int b = 0; b < BINS; b++) {
        if (counts[b] == 0) {
          continue;
        }
        double x = lo + (b + 0.5) * width;
        double d = x < l ? l - x : x > h ? x - h : 0;
        error += counts[b] * (d > 0 ? d * d : step * step / 12);
      }
      if (error < bestError) {
        bestError = error;
        bestA = a;
      }
    }
    return new Range((float) (minMax.min() * bestA), (float) (minMax.max() * bestA));
  }
}
