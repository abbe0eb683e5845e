package io.litertj.quantize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.LiteRtConverter;
import io.litertj.dataset.NpzDataset;
import io.litertj.testing.Closeness;
import io.litertj.testing.NpzReader;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every quantization mode on a Keras input: ResNet-8 read from its .h5, quantized, and scored on
 * the held-out evaluation set against our own float conversion of the same file, with the
 * official converter's figures (same weights, same datasets) as the floor.
 */
class KerasQuantizationTest {

  private static final String DIR = "mlperf_tiny_resnet8_h5/";
  private static Path h5;
  private static NpzDataset calibration;
  private static TensorData evaluation;
  private static TensorData floatOutputs;

  @BeforeAll
  static void load() throws Exception {
    h5 = SharedModels.require().resolve(DIR + "pretrainedResnet.h5");
    calibration = NpzDataset.read(SharedModels.path(DIR + "reference_same_weights/calibration_100.npz"));
    evaluation = NpzReader.read(SharedModels.path(DIR + "reference_same_weights/evaluation_100.npz")).values()
        .iterator().next();
    floatOutputs = QuantEval.run(LiteRtConverter.fromKeras(h5).convert().bytes(), evaluation);
  }

  @Test
  void float16() throws Exception {
    assertAtLeast("FLOAT16", QuantizationOptions.of(QuantizationMode.FLOAT16), "model_float16.tflite");
  }

  @Test
  void dynamicRange() throws Exception {
    assertAtLeast("DYNAMIC_RANGE", QuantizationOptions.of(QuantizationMode.DYNAMIC_RANGE), "model_dynamic_range.tflite");
  }

  @Test
  void fullIntegerWithInt8Io() throws Exception {
    assertAtLeast("INT8", QuantizationOptions.of(QuantizationMode.INT8).withIoTypes(IoType.INT8, IoType.INT8),
        "model_int8_io_int8.tflite");
  }

  /** The official file is scored on the same inputs against the same float outputs (MANIFEST: 54.2, 25.0, 16.8 dB). */
  private static void assertAtLeast(String mode, QuantizationOptions options, String officialFile) throws Exception {
    byte[] official = Files.readAllBytes(SharedModels.path(DIR + "reference_same_weights/" + officialFile));
    double officialDb = Closeness.snrDb(floatOutputs, QuantEval.run(official, evaluation));
    byte[] quantized = LiteRtConverter.fromKeras(h5).quantize(options).representativeDataset(calibration)
        .qualityReport(false).convert().bytes();
    double snr = Closeness.snrDb(floatOutputs, QuantEval.run(quantized, evaluation));
    assertTrue(snr >= officialDb, mode + ": " + snr + " dB, the official converter reaches " + officialDb + " dB");
  }
}
