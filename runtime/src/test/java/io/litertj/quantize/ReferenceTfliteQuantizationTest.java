package io.litertj.quantize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.calibrate.CalibrationMethod;
import io.litertj.calibrate.ProgressListener;
import io.litertj.dataset.NdArray;
import io.litertj.dataset.NpzDataset;
import io.litertj.ir.LiteRtModel;
import io.litertj.testing.Closeness;
import io.litertj.testing.NpzReader;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import io.litertj.tflite.TfliteReader;
import io.litertj.tflite.TfliteWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Quantizing float {@code .tflite} files made by the official converter (read with TfliteReader),
 * scored against that float file's own outputs, next to the official quantized files.
 */
class ReferenceTfliteQuantizationTest {

  private static final String RESNET = "mlperf_tiny_resnet8_h5/reference_same_weights/";
  private static final String KWS = "mlperf_tiny_kws_dscnn_tf2/reference_same_weights/";
  private static final String TOYCAR = "mlperf_tiny_ad_autoencoder_h5/reference/";

  @Test
  void resnet8MeetsTheOfficialFigures() throws Exception {
    compareAll("ResNet-8", RESNET, "input_1");
  }

  @Test
  void dsCnnFromTheOfficialFloatFileMeetsTheOfficialFigures() throws Exception {
    compareAll("DS-CNN (official float file)", KWS, "serving_default_input_1");
  }

  /** The shipped quantized variants were calibrated on real audio features we don't have: report, don't gate. */
  @Test
  void autoencoderInEachReferenceMode() throws Exception {
    Path floatFile = SharedModels.path(TOYCAR + "model_ToyCar.tflite");
    LiteRtModel floatModel = TfliteReader.read(floatFile);
    List<Map<String, NdArray>> calibration = uniform(100, 640, 1);
    TensorData eval = stack(uniform(100, 640, 2), 640);
    TensorData reference = QuantEval.run(Files.readAllBytes(floatFile), eval);
    Object[][] modes = {
        {"DYNAMIC_RANGE", QuantizationOptions.of(QuantizationMode.DYNAMIC_RANGE), "model_ToyCar_quant.tflite"},
        {"INT8 float I/O", QuantizationOptions.of(QuantizationMode.INT8), "model_ToyCar_quant_fullint.tflite"},
        {"INT8 int8 I/O", QuantizationOptions.of(QuantizationMode.INT8).withIoTypes(IoType.INT8, IoType.INT8),
            "model_ToyCar_quant_fullint_micro_intio.tflite"},
        {"INT8 int8 I/O, per-tensor dense", QuantizationOptions.of(QuantizationMode.INT8)
            .withIoTypes(IoType.INT8, IoType.INT8).withPerChannelDense(false),
            "model_ToyCar_quant_fullint_micro_intio.tflite"}};
    for (Object[] m : modes) {
      LiteRtModel q = PostTrainingQuantizer.quantize(floatModel, (QuantizationOptions) m[1], calibration,
          ProgressListener.NONE);
      byte[] ours = new TfliteWriter().toBytes(q);
      Path official = SharedModels.path(TOYCAR + m[2]);
      double a = Closeness.snrDb(reference, QuantEval.run(ours, eval));
      double b = Closeness.snrDb(reference, QuantEval.run(Files.readAllBytes(official), eval));
      System.out.printf("ToyCar %s: ours %.2f dB, %d bytes; shipped (real-data calibration) %.2f dB, %d bytes%n",
          m[0], a, ours.length, b, Files.size(official));
      assertTrue(a > 10, m[0] + ": SNR " + a);
    }
  }

  private static void compareAll(String what, String dir, String inputName) throws Exception {
    Path floatFile = SharedModels.path(dir + "model_float32.tflite");
    LiteRtModel floatModel = TfliteReader.read(floatFile);
    NdArray samples = NpzDataset.read(SharedModels.path(dir + "calibration_100.npz")).arrays().get("input_1");
    NpzDataset calibration = new NpzDataset(Map.of(inputName, samples));
    TensorData eval = NpzReader.read(SharedModels.path(dir + "evaluation_100.npz"), "input_1");
    TensorData reference = QuantEval.run(Files.readAllBytes(floatFile), eval);
    Object[][] modes = {
        {"FLOAT16", QuantizationOptions.of(QuantizationMode.FLOAT16), "model_float16.tflite"},
        {"DYNAMIC_RANGE", QuantizationOptions.of(QuantizationMode.DYNAMIC_RANGE), "model_dynamic_range.tflite"},
        {"INT8 int8 I/O", QuantizationOptions.of(QuantizationMode.INT8).withIoTypes(IoType.INT8, IoType.INT8),
            "model_int8_io_int8.tflite"},
        {"INT8 int8 I/O, MSE ranges", QuantizationOptions.of(QuantizationMode.INT8)
            .withIoTypes(IoType.INT8, IoType.INT8).withCalibrationMethod(CalibrationMethod.MSE),
            "model_int8_io_int8.tflite"}};
    for (Object[] m : modes) {
      LiteRtModel q = PostTrainingQuantizer.quantize(floatModel, (QuantizationOptions) m[1], calibration,
          ProgressListener.NONE);
      byte[] ours = new TfliteWriter().toBytes(q);
      Path official = SharedModels.path(dir + m[2]);
      TensorData oursOut = QuantEval.run(ours, eval);
      double a = Closeness.snrDb(reference, oursOut);
      double b = Closeness.snrDb(reference, QuantEval.run(Files.readAllBytes(official), eval));
      System.out.printf("%s %s: ours %.2f dB (top-1 %.2f), %d bytes; official %.2f dB, %d bytes%n", what, m[0], a,
          QuantEval.top1(reference, oursOut), ours.length, b, Files.size(official));
      assertTrue(a >= b - 1e-9, what + " " + m[0] + ": our SNR " + a + " < official " + b);
      assertTrue(ours.length <= Files.size(official) * 1.05, what + " " + m[0] + ": " + ours.length + " bytes");
    }
  }

  @Test
  void int16x8IsMoreAccurateThanInt8() throws Exception {
    for (String[] m : new String[][] {{"ResNet-8", RESNET, "input_1"}, {"DS-CNN", KWS, "serving_default_input_1"}}) {
      Path floatFile = SharedModels.path(m[1] + "model_float32.tflite");
      LiteRtModel floatModel = TfliteReader.read(floatFile);
      NdArray samples = NpzDataset.read(SharedModels.path(m[1] + "calibration_100.npz")).arrays().get("input_1");
      NpzDataset calibration = new NpzDataset(Map.of(m[2], samples));
      TensorData eval = NpzReader.read(SharedModels.path(m[1] + "evaluation_100.npz"), "input_1");
      TensorData reference = QuantEval.run(Files.readAllBytes(floatFile), eval);
      double[] snr = new double[2];
      int i = 0;
      for (QuantizationMode mode : new QuantizationMode[] {QuantizationMode.INT8, QuantizationMode.INT16X8}) {
        byte[] ours = new TfliteWriter().toBytes(PostTrainingQuantizer.quantize(floatModel,
            QuantizationOptions.of(mode), calibration, ProgressListener.NONE));
        snr[i++] = Closeness.snrDb(reference, QuantEval.run(ours, eval));
        System.out.printf("%s %s float I/O: %.2f dB, %d bytes%n", m[0], mode, snr[i - 1], ours.length);
      }
      assertTrue(snr[1] > snr[0] + 3, m[0] + " 16x8 " + snr[1] + " vs int8 " + snr[0]);
      byte[] int16Io = new TfliteWriter().toBytes(PostTrainingQuantizer.quantize(floatModel,
          QuantizationOptions.of(QuantizationMode.INT16X8).withIoTypes(IoType.INT16, IoType.INT16), calibration,
          ProgressListener.NONE));
      double snrInt16Io = Closeness.snrDb(reference, QuantEval.run(int16Io, eval));
      System.out.printf("%s INT16X8 int16 I/O: %.2f dB%n", m[0], snrInt16Io);
      assertTrue(snrInt16Io > snr[0] + 3, m[0] + " 16x8 int16 I/O " + snrInt16Io);
    }
  }

  static List<Map<String, NdArray>> uniform(int samples, int width, long seed) {
    Random r = new Random(seed);
    List<Map<String, NdArray>> out = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      float[] v = new float[width];
      for (int j = 0; j < width; j++) {
        v[j] = r.nextFloat();
      }
      out.add(Map.of("input_1", NdArray.ofFloats(v, 1, width)));
    }
    return out;
  }

  static TensorData stack(List<Map<String, NdArray>> samples, int width) {
    float[] all = new float[samples.size() * width];
    for (int i = 0; i < samples.size(); i++) {
      System.arraycopy(samples.get(i).get("input_1").floats(), 0, all, i * width, width);
    }
    return TensorData.ofFloats(new long[] {samples.size(), width}, all);
  }
}
