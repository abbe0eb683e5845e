package io.litertj.calibrate;

import io.litertj.ConversionException;
import io.litertj.ir.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Min/max (and NaN/Inf) scanning of the watched tensors, on a background thread so that it
 * overlaps the interpreter's next invoke: after each invoke the values are bulk-copied into one of
 * two buffer sets (a memcpy), and the scan of that set runs while LiteRT computes the next sample.
 */
final class RangeScanner implements AutoCloseable {

  private final List<String> names = new ArrayList<>();
  private final List<Tensor> tensors = new ArrayList<>();
  private final TensorRanges ranges;
  private final float[][][] buffers;
  private final int[][] lengths;
  private final Future<?>[] pending = new Future<?>[2];
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "litertj-calibration-scan");
    t.setDaemon(true);
    return t;
  });

  RangeScanner(Map<String, Tensor> watched, TensorRanges ranges) {
    watched.forEach((name, tensor) -> {
      names.add(name);
      tensors.add(tensor);
    });
    this.ranges = ranges;
    this.buffers = new float[2][names.size()][0];
    this.lengths = new int[2][names.size()];
  }

  /** Copies the watched outputs of the sample just invoked and queues their scan. */
  void submit(LiteRtRunner runner, int sample) {
    int slot = sample & 1;
    await(slot);
    for (int k = 0; k < names.size(); k++) {
      FloatBuffer values = runner.outputView(names.get(k)).asFloatBuffer();
      int n = values.remaining();
      if (buffers[slot][k].length < n) {
        buffers[slot][k] = new float[n];
      }
      values.get(buffers[slot][k], 0, n);
      lengths[slot][k] = n;
    }
    ranges.countSample();
    pending[slot] = worker.submit(() -> {
      for (int k = 0; k < names.size(); k++) {
        scan(buffers[slot][k], lengths[slot][k], tensors.get(k), sample);
      }
    });
  }

  /** Waits for every queued scan; rethrows a NaN/Inf error. */
  void finish() {
    await(0);
    await(1);
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

  private void scan(float[] values, int n, Tensor tensor, int sample) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    boolean nan = false;
    for (int i = 0; i < n; i++) {
      float v = values[i];
      min = v < min ? v : min;
      max = v > max ? v : max;
      nan |= v != v;
    }
    if (n > 0 && (nan || Float.isInfinite(min) || Float.isInfinite(max))) {
      float bad = nan ? Float.NaN : Float.isInfinite(min) ? min : max;
      throw new ConversionException("calibration: tensor '" + tensor.name() + "' has " + bad + " on sample " + sample
          + " (the float model computes a NaN or infinite activation there)");
    }
    if (n > 0) {
      ranges.record(tensor, min, max);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
