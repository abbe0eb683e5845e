package io.litertj.calibrate;

import io.litertj.ConversionException;
import io.litertj.dataset.NdArray;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.logging.Logger;

/**
 * Fits dataset samples to a model whose inputs have a fixed batch: a dataset gives one example per
 * sample, with a leading batch of 1, while an input of shape {@code [8, 224, 224, 3]} takes eight
 * at a time. Then every {@code B} consecutive samples are stacked into one (the remainder is left
 * out, with a warning). A sample that already holds a whole batch under an extra leading axis of 1
 * ({@code .npz} arrays of shape {@code [N, 8, 224, 224, 3]}) loses that axis. Anything else passes
 * unchanged, for {@link DatasetValidator} to report.
 */
public final class BatchFitter {

  private static final Logger LOG = Logger.getLogger(BatchFitter.class.getName());

  private BatchFitter() {}

  /** The dataset as the subgraph's inputs take it (the same object when nothing needs fitting). */
  public static Iterable<Map<String, NdArray>> fit(Subgraph subgraph, Iterable<Map<String, NdArray>> dataset) {
    Iterator<Map<String, NdArray>> it = dataset.iterator();
    if (!it.hasNext()) {
      return dataset;
    }
    Map<String, NdArray> first = it.next();
    boolean squeeze = true;
    Integer batch = null;
    for (Map.Entry<String, Tensor> e : subgraph.inputs().entrySet()) {
      NdArray value = first.get(e.getKey());
      if (value == null) {
        return dataset;
      }
      Shape want = e.getValue().shape();
      int[] got = value.shape();
      squeeze &= got.length == want.rank() + 1 && got[0] == 1 && fits(want, Arrays.copyOfRange(got, 1, got.length));
      int b = want.rank() > 0 && got.length == want.rank() && got[0] == 1 && want.dim(0) > 1 ? want.dim(0) : 0;
      batch = batch == null || batch == b ? b : 0;
    }
    if (squeeze) {
      return Samples.map(dataset, BatchFitter::squeeze);
    }
    if (batch != null && batch > 1) {
      return stacked(subgraph, dataset, batch);
    }
    return dataset;
  }

  private static boolean fits(Shape want, int[] got) {
    if (got.length != want.rank()) {
      return false;
    }
    for (int d = 0; d < got.length; d++) {
      if (want.dim(d) >= 0 && want.dim(d) != got[d]) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, NdArray> squeeze(Map<String, NdArray> sample) {
    Map<String, NdArray> out = new LinkedHashMap<>();
    sample.forEach((name, v) -> {
      int[] s = v.shape();
      boolean leadingOne = s.length > 0 && s[0] == 1;
      out.put(name, leadingOne ? new NdArray(v.type(), Arrays.copyOfRange(s, 1, s.length), v.data()) : v);
    });
    return out;
  }

  private static Iterable<Map<String, NdArray>> stacked(Subgraph subgraph, Iterable<Map<String, NdArray>> dataset,
      int batch) {
    // Each sample is checked as one example, so errors name the sample the user gave.
    Map<String, Tensor> oneExample = new LinkedHashMap<>();
    subgraph.inputs().forEach((name, t) -> {
      int[] dims = t.shape().dims();
      dims[0] = 1;
      oneExample.put(name, new Tensor(t.name(), t.type(), Shape.of(dims)));
    });
    int count = DatasetValidator.validate(oneExample, dataset);
    if (count < batch) {
      throw new ConversionException("the representative dataset has " + count + " samples, but the model's inputs "
          + "take batches of " + batch + " " + subgraph.inputs().keySet() + ": give at least " + batch
          + " samples (a leading axis of " + batch + " per sample also works)");
    }
    int batches = count / batch;
    if (count % batch != 0) {
      int left = count % batch;
      LOG.warning(() -> "the model takes batches of " + batch + ": the last " + left + " of " + count
          + " samples are not used");
    }
    return () -> new Iterator<>() {
      private final Iterator<Map<String, NdArray>> source = dataset.iterator();
      private int made;

      @Override
      public boolean hasNext() {
        return made < batches;
      }

      @Override
      public Map<String, NdArray> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        List<Map<String, NdArray>> group = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
          group.add(source.next());
        }
        made++;
        return stack(group);
      }
    };
  }

  /** Concatenates along axis 0 (the samples were validated: same inputs, types and shapes). */
  private static Map<String, NdArray> stack(List<Map<String, NdArray>> group) {
    Map<String, NdArray> out = new LinkedHashMap<>();
    for (String name : group.get(0).keySet()) {
      NdArray first = group.get(0).get(name);
      int[] shape = first.shape();
      byte[] data = new byte[Math.multiplyExact(first.data().length, group.size())];
      int at = 0;
      for (Map<String, NdArray> sample : group) {
        byte[] part = sample.get(name).data();
        System.arraycopy(part, 0, data, at, part.length);
        at += part.length;
      }
      shape[0] *= group.size();
      out.put(name, new NdArray(first.type(), shape, data));
    }
    return out;
  }
}
