package io.litertj.calibrate;

import io.litertj.ConversionException;
import io.litertj.dataset.NdArray;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a whole representative dataset against a subgraph's inputs before anything runs, so that
 * a bad sample 97 fails in a second instead of after 96 samples of calibration.
 */
public final class DatasetValidator {

  private DatasetValidator() {}

  /**
   * @return the number of samples
   * @throws ConversionException naming the input, the sample index and what was expected
   */
  public static int validate(Subgraph subgraph, Iterable<Map<String, NdArray>> dataset) {
    return validate(subgraph.inputs(), dataset);
  }

  /** As {@link #validate(Subgraph, Iterable)}, against these inputs by name. */
  static int validate(Map<String, Tensor> inputs, Iterable<Map<String, NdArray>> dataset) {
    int index = 0;
    for (Map<String, NdArray> sample : dataset) {
      check(inputs, sample, index);
      index++;
    }
    if (index == 0) {
      throw new ConversionException("the representative dataset is empty: it needs at least one sample with inputs "
          + new TreeSet<>(inputs.keySet()));
    }
    return index;
  }

  private static void check(Map<String, Tensor> inputs, Map<String, NdArray> sample, int index) {
    for (String name : sample.keySet()) {
      if (!inputs.containsKey(name)) {
        throw error(index, name, "the model has no input '" + name + "'; its inputs are "
            + new TreeSet<>(inputs.keySet()));
      }
    }
    for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
      String name = e.getKey();
      Tensor input = e.getValue();
      NdArray value = sample.get(name);
      if (value == null) {
        throw error(index, name, "input '" + name + "' is missing; expected " + input.type() + input.shape());
      }
      if (value.type() != input.type()) {
        throw error(index, name, "input '" + name + "' is " + value.type() + ", expected " + input.type());
      }
      Shape want = input.shape();
      int[] got = value.shape();
      if (got.length != want.rank()) {
        throw error(index, name, "input '" + name + "' has rank " + got.length + " " + Arrays.toString(got)
            + ", expected rank " + want.rank() + " " + want + " (-1 = any)");
      }
      for (int d = 0; d < got.length; d++) {
        if (want.dim(d) >= 0 && want.dim(d) != got[d]) {
          throw error(index, name, "input '" + name + "' has shape " + Arrays.toString(got) + ", expected "
              + want + " (-1 = any)");
        }
      }
      if (value.elementCount() == 0) {
        throw error(index, name, "input '" + name + "' is empty " + Arrays.toString(got));
      }
    }
  }

  private static ConversionException error(int index, String input, String what) {
    return new ConversionException("representative dataset, sample " + index + ", input '" + input + "': " + what);
  }
}
