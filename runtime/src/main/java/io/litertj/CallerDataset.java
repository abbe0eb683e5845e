package io.litertj;

import io.litertj.dataset.NdArray;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The caller's representative dataset, as the quantizer reads it. An exception thrown by the
 * caller's iterator is the caller's problem, not a bug in litertj: it ends in an input error that
 * says so, with the original as its cause.
 */
final class CallerDataset implements Iterable<Map<String, NdArray>> {

  private final Iterable<Map<String, NdArray>> samples;
  private final Path model;

  CallerDataset(Iterable<Map<String, NdArray>> samples, Path model) {
    this.samples = samples;
    this.model = model;
  }

  @Override
  public Iterator<Map<String, NdArray>> iterator() {
    Iterator<Map<String, NdArray>> it = guard(samples::iterator);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return guard(it::hasNext);
      }

      @Override
      public Map<String, NdArray> next() {
        return guard(it::next);
      }
    };
  }

  private <T> T guard(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (ConversionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ConversionException.builder("the representative dataset failed while it was read"
              + (e.getMessage() == null ? "" : ": " + e.getMessage()))
          .file(model)
          .hint("the Iterable given to representativeDataset threw (see the cause); it must yield the same samples"
              + " every time it is iterated")
          .cause(e)
          .build();
    }
  }
}
