package io.litertj.calibrate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.dataset.NdArray;
import io.litertj.dataset.NpzDataset;
import io.litertj.ir.LiteRtModel;
import io.litertj.testing.SharedModels;
import io.litertj.tflite.TfliteReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calibration throughput against the bare interpreter on the same float model and samples
 * (the bar: under 15% overhead). Timing on a shared machine is noisy, so the gate is loose
 * and the measured figures are printed.
 */
class CalibrationThroughputTest {
  private static final String RESNET = "mlperf_tiny_resnet8_h5/reference_same_weights/";

  @Test
  void calibrationIsCloseToTheBareInterpreter() throws Exception {
    byte[] bytes = Files.readAllBytes(SharedModels.path(RESNET + "model_float32.tflite"));
    LiteRtModel model = TfliteReader.read(bytes);
    List<Map<String, NdArray>> samples = new ArrayList<>();
    NpzDataset.read(SharedModels.path(RESNET + "calibration_100.npz")).forEach(samples::add);
    String key = model.subgraphs().get(0).name();
    double bare = Double.MAX_VALUE;
    double calibration = Double.MAX_VALUE;
    for (int round = 0; round < 6; round++) {
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
    System.out.printf("ResNet-8, 100 samples: bare %.1f samples/s, calibration %.1f samples/s, overhead %.1f%%%n",
        100 / bare, 100 / calibration, 100 * overhead);
    assertTrue(overhead < 1.0, "overhead " + overhead); // loose: a shared 2-core machine is noisy
  }
}
