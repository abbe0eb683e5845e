package io.litertj;

import io.litertj.dataset.NdArray;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntPredicate;

/**
 * Keeps samples of a representative dataset out of calibration, for the quality report: a model
 * measured on the samples it was calibrated on looks better than it is. Every fifth sample is held
 * out (spread over the dataset, which may be sorted by class); the others calibrate. A dataset of
 * fewer than five samples is not split.
 */
final class HeldOutSplit {

  /** One sample in this many is held out. */
  static final int EVERY = 5;

  /** The two parts and their sizes. */
  record Parts(Iterable<Map<String, NdArray>> calibration, Iterable<Map<String, NdArray>> evaluation,
      int calibrationCount, int evaluationCount) {}

  private HeldOutSplit() {}

  /** The split, or null when the dataset is too small to lose samples from calibration. */
  static Parts of(Iterable<Map<String, NdArray>> samples) {
    int n = 0;
    for (Iterator<Map<String, NdArray>> it = samples.iterator(); it.hasNext(); it.next()) {
      n++;
    }
    if (n < EVERY) {
      return null;
    }
    int held = n / EVERY;
    return new Parts(filtered(samples, i -> i % EVERY != EVERY - 1), filtered(samples, i -> i % EVERY == EVERY - 1),
        n - held, held);
  }

  private static Iterable<Map<String, NdArray>> filtered(Iterable<Map<String, NdArray>> samples, IntPredicate keep) {
    return () -> new Iterator<>() {
      private final Iterator<Map<String, NdArray>> it = samples.iterator();
      private int index = -1;
      private Map<String, NdArray> next = advance();

      private Map<String, NdArray> advance() {
        while (it.hasNext()) {
          Map<String, NdArray> sample = it.next();
          if (keep.test(++index)) {
            return sample;
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Map<String, NdArray> next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Map<String, NdArray> out = next;
        next = advance();
        return out;
      }
    };
  }
}
