package io.litertj.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The conformance criterion between a reference output and ours.
 *
 * <p>Floating outputs: element-wise {@code |ours - ref| <= absolute + relative * max|ref|}, with
 * max|ref| taken over the whole reference tensor; by default {@code 1e-5 + 1e-4 * max|ref|}. NaN must
 * meet NaN, and an infinity the same infinity. Integer and BOOL outputs must match exactly. Shapes
 * and element types must be equal. Failures are {@link AssertionError}s that name the output, the
 * worst element (flat and multi-dimensional index), both values and the bound.
 *
 * <p>For quantized models, which cannot meet that bound, {@link #snrDb} and {@link #cosineSimilarity}
 * measure how far they are.
 */
public final class Closeness {
  /** The default absolute term. */
  public static final double DEFAULT_ABSOLUTE = 1e-5;
  /** The default relative term, a fraction of max|ref|. */
  public static final double DEFAULT_RELATIVE = 1e-4;

  private static final Closeness STANDARD = new Closeness(DEFAULT_ABSOLUTE, DEFAULT_RELATIVE);

  private final double absolute;
  private final double relative;

  private Closeness(double absolute, double relative) {
    if (absolute < 0 || relative < 0) {
      throw new IllegalArgumentException("tolerances must be >= 0");
    }
    this.absolute = absolute;
    this.relative = relative;
  }

  /** The project's criterion: {@code 1e-5 + 1e-4 * max|ref|}. */
  public static Closeness standard() {
    return STANDARD;
  }

  /** A looser or stricter criterion: {@code absolute + relative * max|ref|}. */
  public static Closeness of(double absolute, double relative) {
    return new Closeness(absolute, relative);
  }

  /** {@link #standard()}{@code .assertClose(name, reference, ours)}. */
  public static void assertStandard(String outputName, TensorData reference, TensorData ours) {
    STANDARD.assertClose(outputName, reference, ours);
  }

  /** The absolute term. */
  public double absolute() {
    return absolute;
  }

  /** The relative term. */
  public double relative() {
    return relative;
  }

  /** Asserts that both maps have the same output names and that each pair is close. */
  public void assertAllClose(Map<String, TensorData> reference, Map<String, TensorData> ours) {
    if (!reference.keySet().equals(ours.keySet())) {
      throw new AssertionError("output names differ: reference has " + new TreeSet<>(reference.keySet())
          + ", ours has " + new TreeSet<>(ours.keySet()));
    }
    reference.forEach((name, ref) -> assertClose(name, ref, ours.get(name)));
  }

  /**
   * Asserts that {@code ours} meets the criterion against {@code reference}.
   *
   * @param outputName names the output in the failure message
   */
  public void assertClose(String outputName, TensorData reference, TensorData ours) {
    Comparison c = compare(reference, ours);
    if (!c.passed()) {
      throw new AssertionError("output '" + outputName + "': " + c.describe());
    }
  }

  /** Asserts equal shapes, naming the output. */
  public static void assertSameShape(String outputName, TensorData reference, TensorData ours) {
    if (!Arrays.equals(reference.shape(), ours.shape())) {
      throw new AssertionError("output '" + outputName + "': shape " + Arrays.toString(ours.shape())
          + " differs from the reference's " + Arrays.toString(reference.shape()));
    }
  }

  /**
   * Compares without throwing.
   *
   * @return the worst element and whether every element is within the bound
   */
  public Comparison compare(TensorData reference, TensorData ours) {
    if (reference.type() != ours.type()) {
      return Comparison.mismatch("element type " + ours.type() + " differs from the reference's " + reference.type());
    }
    if (!Arrays.equals(reference.shape(), ours.shape())) {
      return Comparison.mismatch("shape " + Arrays.toString(ours.shape())
          + " differs from the reference's " + Arrays.toString(reference.shape()));
    }
    if (reference.type().isExact()) {
      return compareExact(reference, ours);
    }
    double[] ref = reference.asDoubles();
    double[] act = ours.asDoubles();
    double maxRef = 0;
    for (double r : ref) {
      if (Double.isFinite(r)) {
        maxRef = Math.max(maxRef, Math.abs(r));
      }
    }
    double bound = absolute + relative * maxRef;
    int worst = -1;
    double worstError = -1;
    int failures = 0;
    for (int i = 0; i < ref.length; i++) {
      double error = error(ref[i], act[i]);
      if (error > bound) {
        failures++;
      }
      if (error > worstError) {
        worstError = error;
        worst = i;
      }
    }
    long[] shape = reference.shape();
    return worst < 0
        ? new Comparison(true, -1, null, 0, 0, 0, bound, 0, shape, null)
        : new Comparison(failures == 0, worst, multiIndex(worst, shape), ref[worst], act[worst],
            worstError, bound, failures, shape, null);
  }

  private static Comparison compareExact(TensorData reference, TensorData ours) {
    long[] ref = reference.asLongs();
    long[] act = ours.asLongs();
    int first = -1;
    int failures = 0;
    for (int i = 0; i < ref.length; i++) {
      if (ref[i] != act[i]) {
        failures++;
        if (first < 0) {
          first = i;
        }
      }
    }
    long[] shape = reference.shape();
    return first < 0
        ? new Comparison(true, -1, null, 0, 0, 0, 0, 0, shape, null)
        : new Comparison(false, first, multiIndex(first, shape), ref[first], act[first],
            Math.abs((double) ref[first] - act[first]), 0, failures, shape, null);
  }

  /** |ours - ref|, with NaN/NaN and equal infinities as 0, and any other non-finite pair as +inf. */
  private static double error(double ref, double ours) {
    if (Double.isNaN(ref) || Double.isNaN(ours)) {
      return Double.isNaN(ref) && Double.isNaN(ours) ? 0 : Double.POSITIVE_INFINITY;
    }
    if (Double.isInfinite(ref) || Double.isInfinite(ours)) {
      return ref == ours ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.abs(ours - ref);
  }

  private static long[] multiIndex(int flat, long[] shape) {
    long[] index = new long[shape.length];
    long rest = flat;
    for (int d = shape.length - 1; d >= 0; d--) {
      index[d] = shape[d] == 0 ? 0 : rest % shape[d];
      rest = shape[d] == 0 ? 0 : rest / shape[d];
    }
    return index;
  }

  /**
   * Signal-to-noise ratio of ours against the reference, in dB:
   * {@code 10 log10(sum ref^2 / sum (ref - ours)^2)}; +inf when they are equal.
   */
  public static double snrDb(TensorData reference, TensorData ours) {
    double[] ref = sameLength(reference, ours);
    double[] act = ours.asDoubles();
    double signal = 0;
    double noise = 0;
    for (int i = 0; i < ref.length; i++) {
      signal += ref[i] * ref[i];
      double d = ref[i] - act[i];
      noise += d * d;
    }
    return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
  }

  /** Cosine similarity of the two tensors as flat vectors; 1 when both are all zeros. */
  public static double cosineSimilarity(TensorData reference, TensorData ours) {
    double[] ref = sameLength(reference, ours);
    double[] act = ours.asDoubles();
    double dot = 0;
    double nr = 0;
    double na = 0;
    for (int i = 0; i < ref.length; i++) {
      dot += ref[i] * act[i];
      nr += ref[i] * ref[i];
      na += act[i] * act[i];
    }
    if (nr == 0 && na == 0) {
      return 1;
    }
    return nr == 0 || na == 0 ? 0 : dot / Math.sqrt(nr * na);
  }

  private static double[] sameLength(TensorData reference, TensorData ours) {
    if (reference.elementCount() != ours.elementCount()) {
      throw new IllegalArgumentException("element counts differ: reference " + reference.elementCount()
          + ", ours " + ours.elementCount());
    }
    return reference.asDoubles();
  }

  /**
   * The outcome of one comparison.
   *
   * @param passed     whether every element is within the bound (exactly equal for integer types)
   * @param worstIndex flat index of the worst element (the first mismatch for exact types); -1 if none
   * @param worstAt    the same index per dimension, or null
   * @param reference  the reference value there
   * @param ours       our value there
   * @param error      |ours - reference| there
   * @param bound      the allowed error (0 for exact types)
   * @param failures   how many elements are out of bound
   * @param shape      the compared shape
   * @param mismatch   why the tensors could not be compared element-wise (type or shape), or null
   */
  public record Comparison(boolean passed, int worstIndex, long[] worstAt, double reference, double ours,
      double error, double bound, int failures, long[] shape, String mismatch) {

    static Comparison mismatch(String why) {
      return new Comparison(false, -1, null, 0, 0, Double.POSITIVE_INFINITY, 0, 0, null, why);
    }

    /** A one-line account, as used in assertion messages. */
    public String describe() {
      if (mismatch != null) {
        return mismatch;
      }
      if (worstIndex < 0) {
        return "no elements";
      }
      String at = "index " + worstIndex + " " + Arrays.toString(worstAt) + " of shape " + Arrays.toString(shape);
      if (bound == 0 && failures > 0) {
        return String.format(Locale.ROOT, "%d of %d elements differ; first at %s: reference %s, ours %s",
            failures, Math.max(1, count()), at, (long) reference, (long) ours);
      }
      return String.format(Locale.ROOT, "%s: worst |ours - ref| = %.6g at %s (reference %.9g, ours %.9g), bound %.6g; "
          + "%d of %d elements out of bound", passed ? "within bound" : "too far", error, at, reference, ours, bound,
          failures, count());
    }

    private long count() {
      return shape == null ? 0 : Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }
  }
}
