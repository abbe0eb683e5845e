package io.litertj.bench;

import io.litertj.ConversionReport;
import io.litertj.LiteRtConverter;
import io.litertj.dataset.NdArray;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Quantization time of the ~200 MB SavedModel of the conversion benchmark, in every mode: the
 * whole run (read, convert, quantize with 10 calibration samples where needed, write), against
 * the float conversion alone. Best of a few runs in one JVM.
 *
 * <p>Arguments: the models folder (default {@code benchmarks/target/bench-models}), runs (default 3).
 */
public final class QuantizationBenchmark {

  private QuantizationBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "benchmarks/target/bench-models");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path model = MlpSavedModel.ensure(work.resolve("mlp_200mb"));
    Path out = Files.createTempFile(work, "quantized", ".tflite");
    List<Map<String, NdArray>> samples = new ArrayList<>();
    Random random = new Random(3);
    for (int i = 0; i < 10; i++) {
      float[] x = new float[MlpSavedModel.WIDTH];
      for (int j = 0; j < x.length; j++) {
        x[j] = random.nextFloat();
      }
      samples.add(Map.of("x", NdArray.ofFloats(x, 1, MlpSavedModel.WIDTH)));
    }
    try {
      double floatSeconds = best(runs, () -> LiteRtConverter.fromSavedModel(model).convertTo(out));
      System.out.printf("quantization, ~200 MB SavedModel, best of %d: float32 %.2f s%n", runs, floatSeconds);
      for (QuantizationMode mode : QuantizationMode.values()) {
        long[] size = new long[1];
        double seconds = best(runs, () -> {
          ConversionReport report = LiteRtConverter.fromSavedModel(model).quantize(QuantizationOptions.of(mode))
              .representativeDataset(samples).qualityReport(false).convertTo(out);
          size[0] = report.modelBytes();
        });
        System.out.printf("  %-13s %.2f s (quantizing adds %.2f s), %,d bytes%n", mode, seconds, seconds - floatSeconds,
            size[0]);
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private interface Run {
    void run() throws Exception;
  }

  private static double best(int runs, Run run) throws Exception {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < runs + 1; i++) { // the first run warms up
      long t0 = System.nanoTime();
      run.run();
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (i > 0) {
        best = Math.min(best, seconds);
      }
    }
    return best;
  }
}
