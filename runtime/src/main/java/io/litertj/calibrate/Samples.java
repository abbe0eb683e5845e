package io.litertj.calibrate;

import io.litertj.dataset.NdArray;
import java.util.Iterator;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Lazy views of a dataset: each pass over the view makes one pass over the dataset. */
final class Samples {

  private Samples() {}

  /** Every sample of {@code dataset} as {@code f} makes it, computed when read. */
  static Iterable<Map<String, NdArray>> map(Iterable<Map<String, NdArray>> dataset,
      UnaryOperator<Map<String, NdArray>> f) {
    return () -> new Iterator<>() {
      private final Iterator<Map<String, NdArray>> source = dataset.iterator();

      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public Map<String, NdArray> next() {
        return f.apply(source.next());
      }
    };
  }
}
