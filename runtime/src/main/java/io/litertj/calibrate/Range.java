package io.litertj.calibrate;

/** The observed float range of one tensor: absolute min and max over every value of every sample. */
public record Range(float min, float max) {

  public static final Range EMPTY = new Range(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);

  public boolean isEmpty() {
    return min > max;
  }

  public Range union(Range other) {
    return new Range(Math.min(min, other.min), Math.max(max, other.max));
  }
}
