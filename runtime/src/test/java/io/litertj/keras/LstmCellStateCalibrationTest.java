package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.LiteRtConverter;
import io.litertj.calibrate.CalibrationMethod;
import io.litertj.calibrate.Calibrator;
import io.litertj.calibrate.ProgressListener;
import io.litertj.calibrate.Range;
import io.litertj.calibrate.TensorRanges;
import io.litertj.dataset.NdArray;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import io.litertj.tflite.TfliteReader;
import io.litertj.tflite.TfliteWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration follows a fused LSTM's cell state over every step. The kernel keeps the state in a
 * variable tensor that holds only the last step's value after an invocation; the calibrated range of
 * that tensor must be the range of c over every step of every sample, as Keras's equations
 * ({@link RecurrentReference}) compute it, and the int8 cell state's power-of-two scale follows from
 * it, batch-major (a Keras 3 file) and time-major (a Keras 2 file, its step count made static as
 * another tool's {@code .tflite} may have it). The inputs are strong in the first half of the sequence and zero after it, so c peaks well
 * before the last step and the final state alone would give a visibly smaller range.
 */
class LstmCellStateCalibrationTest {

  private static final Logger LOG = Logger.getLogger(LstmCellStateCalibrationTest.class.getName());
  private static final int T = 24;
  private static final int F = 3;
  private static final int U = 4;
  private static final int SAMPLES = 6;

  @TempDir
  Path dir;

  private final Random random = new Random(7);
  private final float[][] kernel = matrix(F, 4 * U, 0.8);
  private final float[][] recurrent = matrix(U, 4 * U, 0.5);
  private final float[] bias = matrix(1, 4 * U, 0.3)[0];

  private float[][] matrix(int rows, int cols, double scale) {
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) (random.nextGaussian() * scale);
      }
    }
    return m;
  }

  /** One sequence: N(0, 1.5) for the first half of the steps, zeros after. */
  private float[][] sequence() {
    float[][] x = new float[T][F];
    for (int t = 0; t < T / 2; t++) {
      for (int f = 0; f < F; f++) {
        x[t][f] = (float) (random.nextGaussian() * 1.5);
      }
    }
    return x;
  }

  @Test
  void batchMajorKeras3Lstm() throws Exception {
    String config = """
        {"module": "keras", "class_name": "Sequential", "config": {"name": "m", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer",
           "config": {"batch_shape": [null, %d, %d], "dtype": "float32", "name": "x"}},
          {"module": "keras.layers", "class_name": "LSTM", "config": {"name": "lstm", "units": %d,
           "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": true, "return_sequences": true}}]}}
        """.formatted(T, F, U);
    var w = KerasFixtures.weights();
    w.put("lstm", List.of(kernel, recurrent, bias));
    check(KerasFixtures.keras3(dir, "batch_major", config, w), false);
  }

  @Test
  void timeMajorKeras2Lstm() throws Exception {
    String config = """
        {"class_name": "Sequential", "config": {"name": "m", "layers": [
          {"class_name": "InputLayer", "config": {"batch_input_shape": [%d, null, %d], "dtype": "float32", "name": "x"}},
          {"class_name": "LSTM", "config": {"name": "lstm", "units": %d, "activation": "tanh",
            "recurrent_activation": "sigmoid", "use_bias": true, "return_sequences": true, "time_major": true}}]}}
        """.formatted(T, F, U);
    var w = KerasFixtures.weights();
    w.put("lstm", List.of(kernel, recurrent, bias));
    check(KerasFixtures.legacyH5(dir, "time_major", config, w,
        Map.of("lstm", List.of("kernel:0", "recurrent_kernel:0", "bias:0"))), true);
  }

  /** A sequence of unknown length cannot be followed step by step: the cell state keeps the bound of 64. */
  @Test
  void unknownSequenceLengthKeepsTheBound() throws Exception {
    String config = """
        {"module": "keras", "class_name": "Sequential", "config": {"name": "m", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer",
           "config": {"batch_shape": [null, null, %d], "dtype": "float32", "name": "x"}},
          {"module": "keras.layers", "class_name": "LSTM", "config": {"name": "lstm", "units": %d,
           "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": true, "return_sequences": true}}]}}
        """.formatted(F, U);
    var w = KerasFixtures.weights();
    w.put("lstm", List.of(kernel, recurrent, bias));
    Path file = KerasFixtures.keras3(dir, "dynamic_steps", config, w);
    List<Map<String, NdArray>> samples = new ArrayList<>();
    for (int s = 0; s < SAMPLES; s++) {
      samples.add(Map.of("x", NdArray.ofFloats(flat(sequence()), 1, T, F)));
    }
    LiteRtModel model = TfliteReader.read(LiteRtConverter.fromKeras(file).convert().bytes());
    TensorRanges ranges = Calibrator.calibrate(model, samples, ProgressListener.NONE);
    assertEquals(null, ranges.get(lstm(model).input(19)), "only the last step was seen: no range");
    Operator q = lstm(TfliteReader.read(LiteRtConverter.fromKeras(file).quantize(QuantizationOptions.of(
        QuantizationMode.INT8)).representativeDataset(samples).qualityReport(false).convert().bytes()));
    assertEquals(DataType.INT16, q.input(19).type());
    assertEquals(Math.scalb(1f, 6 - 15), q.input(19).quantization().scale(), "the bound 64");
  }

  private void check(Path file, boolean timeMajor) throws Exception {
    List<float[][]> xs = new ArrayList<>();
    List<Map<String, NdArray>> samples = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double finalMaxAbs = 0;
    for (int s = 0; s < SAMPLES; s++) {
      float[][] x = sequence();
      xs.add(x);
      samples.add(Map.of("x", NdArray.ofFloats(flat(x), timeMajor ? new int[] {T, 1, F} : new int[] {1, T, F})));
      RecurrentReference.Run run = RecurrentReference.run(x, kernel, recurrent, bias, 4, null, null, false,
          RecurrentReference.TANH, RecurrentReference.SIGMOID);
      for (float[] c : run.cells()) {
        for (float v : c) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      for (float v : run.c()) {
        finalMaxAbs = Math.max(finalMaxAbs, Math.abs(v));
      }
    }
    double maxAbs = Math.max(Math.abs(min), Math.abs(max));
    // The test tells a step-by-step range from the last step's: c must peak before the end.
    assertTrue(maxAbs > 1.5 * finalMaxAbs, "max |c| " + maxAbs + " vs final " + finalMaxAbs);

    byte[] tflite = LiteRtConverter.fromKeras(file).convert().bytes();
    if (timeMajor) {
      tflite = withStaticSteps(tflite);
    }
    Path floatFile = dir.resolve(timeMajor ? "time_major.tflite" : "batch_major.tflite");
    Files.write(floatFile, tflite);
    LiteRtModel model = TfliteReader.read(tflite);
    TensorRanges ranges = Calibrator.calibrate(model, samples, ProgressListener.NONE);
    Range cell = ranges.get(lstm(model).input(19));
    LOG.info((timeMajor ? "time-major" : "batch-major") + ": calibrated cell range " + cell + ", Keras's equations ["
        + min + ", " + max + "], final |c| up to " + finalMaxAbs);
    double tolerance = 1e-5 + 1e-4 * maxAbs;
    assertEquals(min, cell.min(), tolerance, "cell min");
    assertEquals(max, cell.max(), tolerance, "cell max");
    // Clipped (MSE) ranges elsewhere, but the cell state keeps its min/max: clipping would saturate it.
    Range mse = Calibrator.calibrate(model, samples, ProgressListener.NONE, CalibrationMethod.MSE)
        .get(lstm(model).input(19));
    assertEquals(cell, mse, "the cell state's range with MSE calibration");

    byte[] int8 = LiteRtConverter.fromTflite(floatFile).quantize(QuantizationOptions.of(QuantizationMode.INT8))
        .representativeDataset(samples).qualityReport(false).convert().bytes();
    Operator q = lstm(TfliteReader.read(int8));
    assertEquals(DataType.INT8, q.input(0).type());
    // The power of two covering the largest |c|, unless the bound steps + |c0| is tighter.
    int power = Math.max(0, Math.min(6, (int) Math.ceil(Math.log(Math.min(T, maxAbs)) / Math.log(2))));
    assertEquals(Math.scalb(1f, power - 15), q.input(19).quantization().scale(), "cell scale for max |c| " + maxAbs);
    try (LiteRtOracle lite = LiteRtOracle.load(int8)) {
      for (int s = 0; s < SAMPLES; s++) {
        RecurrentReference.Run run = RecurrentReference.run(xs.get(s), kernel, recurrent, bias, 4, null, null, false,
            RecurrentReference.TANH, RecurrentReference.SIGMOID);
        TensorData got = lite.run(KerasPipeline.SIGNATURE_KEY, Map.of("x", TensorData.ofFloats(
            timeMajor ? new long[] {T, 1, F} : new long[] {1, T, F}, flat(xs.get(s))).named("x"))).values()
            .iterator().next();
        double snr = Closeness.snrDb(TensorData.ofFloats(got.shape(), flat(run.sequence())), got);
        assertTrue(snr > 25, "int8 sample " + s + ": SNR " + snr + " dB");
      }
    }
  }

  /**
   * Keras makes an input's first dimension the resizable batch, so a time-major Keras LSTM has no
   * static step count; a {@code .tflite} from another tool may have one. This is that file.
   */
  private static byte[] withStaticSteps(byte[] tflite) {
    LiteRtModel model = TfliteReader.read(tflite);
    Tensor x = model.subgraphs().get(0).inputs().get("x");
    x.setShape(x.shape().withDim(0, T));
    assertEquals(x, lstm(model).input(0), "the LSTM reads the input directly");
    return new TfliteWriter().toBytes(model);
  }

  private static Operator lstm(LiteRtModel model) {
    return model.subgraphs().get(0).operators().stream().filter(o -> o.op() == BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM)
        .findFirst().orElseThrow();
  }

  private static float[] flat(float[][] x) {
    float[] out = new float[x.length * x[0].length];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, out, i * x[0].length, x[0].length);
    }
    return out;
  }
}
