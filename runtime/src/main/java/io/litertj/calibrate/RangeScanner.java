package io.litertj.calibrate;

import io.litertj.ConversionException;
import io.litertj.dataset.NdArray;
import io.litertj.ir.Tensor;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the samples and records the min/max (and finds NaN/Inf) of the watched tensors. Two
 * interpreters on the same model take turns: while one computes the next sample on the calling
 * thread, a background thread reads the other's tensors in place, so the interpreter never waits
 * for the scan and nothing is copied on the calling thread.
 *
 * <p>The scan works on the floats' bit patterns mapped to ints that sort like the floats
 * ({@link #sortKey}): an int min/max loop vectorizes where a float one with NaN checks does not,
 * and NaN and infinity land beyond the keys of +/-Inf, so one comparison per sample finds them.
 */
final class RangeScanner implements AutoCloseable {

  private static final int POSITIVE_INFINITY_KEY = sortKey(Float.floatToRawIntBits(Float.POSITIVE_INFINITY));
  private static final int NEGATIVE_INFINITY_KEY = sortKey(Float.floatToRawIntBits(Float.NEGATIVE_INFINITY));

  private final List<String> names = new ArrayList<>();
  private final List<Tensor> tensors = new ArrayList<>();
  private final TensorRanges ranges;
  private final LiteRtRunner[] runners;
  /** The worker's copy of one tensor's bits (a bulk copy, then a loop over a Java array, is fastest). */
  private int[] scratch = new int[0];
  /** Running min and max sort keys per watched tensor, over the samples scanned so far. */
  private final int[] minKeys;
  private final int[] maxKeys;
  private final Future<?>[] pending = new Future<?>[2];
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "litertj-calibration-scan");
    t.setDaemon(true);
    return t;
  });

  /** Scans with {@code runner} and a sibling of it (closed with this scanner). */
  RangeScanner(LiteRtRunner runner, Map<String, Tensor> watched, TensorRanges ranges) {
    watched.forEach((name, tensor) -> {
      names.add(name);
      tensors.add(tensor);
    });
    this.ranges = ranges;
    this.runners = new LiteRtRunner[] {runner, runner.sibling()};
    this.minKeys = new int[names.size()];
    this.maxKeys = new int[names.size()];
    Arrays.fill(minKeys, Integer.MAX_VALUE);
    Arrays.fill(maxKeys, Integer.MIN_VALUE);
  }

  /** Runs sample number {@code index} and queues the scan of its tensors. */
  void run(Map<String, NdArray> sample, int index) {
    int slot = index & 1;
    await(slot); // that interpreter's previous sample must be scanned before it runs again
    LiteRtRunner runner = runners[slot];
    runner.invoke(sample);
    ranges.countSample();
    pending[slot] = worker.submit(() -> {
      for (int k = 0; k < names.size(); k++) {
        IntBuffer values = runner.outputView(names.get(k)).asIntBuffer();
        int n = values.remaining();
        if (scratch.length < n) {
          scratch = new int[n];
        }
        values.get(scratch, 0, n);
        scan(k, scratch, n, index);
      }
    });
  }

  /** Waits for every queued scan, rethrowing a NaN/Inf error, and records the ranges. */
  void finish() {
    await(0);
    await(1);
    for (int k = 0; k < names.size(); k++) {
      if (minKeys[k] <= maxKeys[k]) {
        ranges.record(tensors.get(k), toFloat(minKeys[k]), toFloat(maxKeys[k]));
      }
    }
  }

  private void await(int slot) {
    Future<?> f = pending[slot];
    if (f == null) {
      return;
    }
    pending[slot] = null;
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConversionException("calibration was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ConversionException c) {
        throw c;
      }
      throw new ConversionException("calibration failed: " + e.getCause(), e.getCause());
    }
  }

  private void scan(int k, int[] bits, int n, int sample) {
    if (n == 0) {
      return;
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      int key = sortKey(bits[i]);
      min = Math.min(min, key);
      max = Math.max(max, key);
    }
    if (min <= NEGATIVE_INFINITY_KEY || max >= POSITIVE_INFINITY_KEY) {
      float bad = firstNonFinite(bits, n);
      throw new ConversionException("calibration: tensor '" + tensors.get(k).name() + "' has " + bad + " on sample "
          + sample + " (the float model computes a NaN or infinite activation there)");
    }
    minKeys[k] = Math.min(minKeys[k], min);
    maxKeys[k] = Math.max(maxKeys[k], max);
  }

  private static float firstNonFinite(int[] bits, int n) {
    for (int i = 0; i < n; i++) {
      float v = Float.intBitsToFloat(bits[i]);
      if (!Float.isFinite(v)) {
        return v;
      }
    }
    throw new IllegalStateException("no NaN or infinity among the values");
  }

  /**
   * An int that orders like the float whose bits it takes (IEEE floats order like sign-magnitude
   * ints: negative ones get their magnitude bits flipped). -0 sorts just below +0; NaNs sort
   * beyond the infinities of their sign. The mapping is its own inverse.
   */
  static int sortKey(int bits) {
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  static float toFloat(int key) {
    return Float.intBitsToFloat(sortKey(key));
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(1, TimeUnit.MINUTES); // a scan may still read the sibling
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runners[1].close();
  }
}
