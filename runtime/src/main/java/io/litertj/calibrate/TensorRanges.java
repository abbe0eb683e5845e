package io.litertj.calibrate;

import io.litertj.ir.Tensor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/** Calibrated ranges by tensor (identity: the tensors of the calibrated model). */
public final class TensorRanges {

  private final Map<Tensor, Range> ranges = new IdentityHashMap<>();
  private int sampleCount;

  void record(Tensor tensor, float min, float max) {
    ranges.merge(tensor, new Range(min, max), Range::union);
  }

  /** Drops a tensor's range (a tensor only the calibration model has), returning it. */
  Range remove(Tensor tensor) {
    return ranges.remove(tensor);
  }

  void countSample() {
    sampleCount++;
  }

  /** The range of {@code tensor}, or {@code null} if it was not calibrated. */
  public Range get(Tensor tensor) {
    return ranges.get(tensor);
  }

  /** Sets a range directly (for tests and for ranges known without running the model). */
  public void put(Tensor tensor, Range range) {
    ranges.put(tensor, range);
  }

  public int sampleCount() {
    return sampleCount;
  }

  public Map<Tensor, Range> asMap() {
    return Collections.unmodifiableMap(ranges);
  }
}
