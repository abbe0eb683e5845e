package io.litertj.quantize;

/** Running error statistics of one tensor over many samples (reference vs quantized, as floats). */
final class ErrorStats {

  private double signal;
  private double noise;
  private double dot;
  private double oursSquared;
  private double maxAbs;
  private long count;
  private long rows;
  private long agreeingRows;

  void add(float[] reference, float[] ours, int classes) {
    int n = Math.min(reference.length, ours.length);
    for (int i = 0; i < n; i++) {
      double r = reference[i];
      double o = ours[i];
      double d = r - o;
      signal += r * r;
      noise += d * d;
      dot += r * o;
      oursSquared += o * o;
      maxAbs = Math.max(maxAbs, Math.abs(d));
    }
    count += n;
    if (classes > 1) {
      for (int row = 0; row + classes <= n; row += classes) {
        rows++;
        if (argmax(reference, row, classes) == argmax(ours, row, classes)) {
          agreeingRows++;
        }
      }
    }
  }

  private static int argmax(float[] v, int off, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (v[off + i] > v[off + best]) {
        best = i;
      }
    }
    return best;
  }

  double snrDb() {
    return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
  }

  double mse() {
    return count == 0 ? 0 : noise / count;
  }

  double maxAbs() {
    return maxAbs;
  }

  double cosine() {
    double norm = Math.sqrt(signal) * Math.sqrt(oursSquared);
    return norm == 0 ? (signal == oursSquared ? 1 : 0) : dot / norm;
  }

  /** Top-1 agreement, or NaN when the tensor is not a vector of scores. */
  double top1() {
    return rows == 0 ? Double.NaN : agreeingRows / (double) rows;
  }
}
