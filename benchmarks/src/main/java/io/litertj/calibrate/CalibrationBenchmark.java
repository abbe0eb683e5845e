package io.litertj.calibrate;

import io.litertj.dataset.NdArray;
import io.litertj.dataset.NpzDataset;
import io.litertj.ir.LiteRtModel;
import io.litertj.tflite.TfliteReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calibration throughput against the bare interpreter on the same float model and samples
 * (ResNet-8, 100 samples): the overhead of recording every activation's range. The target
 * is under 15%. Lives in the calibration package to time its internals directly.
 *
 * <p>Arguments: the shared models folder (default {@code ../shared/models}), rounds (default 6), and
 * how many times the 100 samples are repeated (default 1; calibration has a one-off cost — building
 * and loading the variant model that exposes every activation — which longer datasets amortize).
 */
public final class CalibrationBenchmark {

  private CalibrationBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args.length > 0 ? args[0] : "../shared/models");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path dir = shared.resolve("mlperf_tiny_resnet8_h5/reference_same_weights");
    if (!Files.isDirectory(dir)) {
      System.out.println("calibration benchmark: " + dir + " is absent; skipped");
      return;
    }
    byte[] bytes = Files.readAllBytes(dir.resolve("model_float32.tflite"));
    LiteRtModel model = TfliteReader.read(bytes);
    List<Map<String, NdArray>> samples = new ArrayList<>();
    NpzDataset dataset = NpzDataset.read(dir.resolve("calibration_100.npz"));
    for (int r = 0; r < repeat; r++) {
      dataset.forEach(samples::add);
    }
    String key = model.subgraphs().get(0).name();
    double bare = Double.MAX_VALUE;
    double calibration = Double.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      long t0 = System.nanoTime();
      try (LiteRtRunner runner = new LiteRtRunner(bytes, key)) {
        for (Map<String, NdArray> s : samples) {
          runner.invoke(s);
          runner.outputs();
        }
      }
      long t1 = System.nanoTime();
      Calibrator.calibrate(model, samples, ProgressListener.NONE);
      long t2 = System.nanoTime();
      bare = Math.min(bare, (t1 - t0) / 1e9);
      calibration = Math.min(calibration, (t2 - t1) / 1e9);
    }
    double overhead = calibration / bare - 1;
    System.out.printf("calibration, ResNet-8, %d samples, best of %d: bare interpreter %.1f samples/s, "
        + "calibration %.1f samples/s, overhead %.1f%% (target < 15%%: %s)%n", samples.size(), rounds,
        samples.size() / bare, samples.size() / calibration, 100 * overhead, overhead < 0.15 ? "PASS" : "MISS");
  }
}
