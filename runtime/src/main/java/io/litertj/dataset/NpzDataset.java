package io.litertj.dataset;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A representative dataset from a {@code .npz}: one array per model input, keyed by input name,
 * axis 0 indexing the samples. Each sample maps every input to its slice with a leading batch
 * dimension of 1. Arrays with different sample counts are reported when the dataset is checked,
 * not here; iteration stops at the shortest.
 */
public final class NpzDataset implements Iterable<Map<String, NdArray>> {

  private final Map<String, NdArray> arrays;

  public NpzDataset(Map<String, NdArray> arrays) {
    this.arrays = new LinkedHashMap<>(arrays);
  }

  /** Reads a {@code .npz} (or {@code .npy}); a bad file ends in a {@link io.litertj.ConversionException}. */
  public static NpzDataset read(Path file) {
    return new NpzDataset(NpzReader.read(file));
  }

  /** The whole arrays, by name. */
  public Map<String, NdArray> arrays() {
    return java.util.Collections.unmodifiableMap(arrays);
  }

  /** The number of samples: the smallest axis-0 length (0 if an array is a scalar or there are none). */
  public int size() {
    int n = arrays.isEmpty() ? 0 : Integer.MAX_VALUE;
    for (NdArray a : arrays.values()) {
      n = Math.min(n, a.shape().length == 0 ? 0 : a.shape()[0]);
    }
    return n;
  }

  /** The first {@code count} samples (or all, if fewer), as a dataset. */
  public Iterable<Map<String, NdArray>> limit(int count) {
    return () -> iterator(Math.min(count, size()));
  }

  @Override
  public Iterator<Map<String, NdArray>> iterator() {
    return iterator(size());
  }

  private Iterator<Map<String, NdArray>> iterator(int count) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public Map<String, NdArray> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Map<String, NdArray> sample = new LinkedHashMap<>();
        for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
          sample.put(e.getKey(), e.getValue().slice0(next));
        }
        next++;
        return sample;
      }
    };
  }
}
