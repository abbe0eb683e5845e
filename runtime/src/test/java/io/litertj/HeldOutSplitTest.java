package io.litertj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.dataset.NdArray;
import io.litertj.ir.DataType;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.quantize.QuantizationReport;
import io.litertj.testing.ElementType;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality report is measured on samples calibration did not see, or says that it could not be. */
class HeldOutSplitTest {

  @TempDir
  static Path temp;
  static Path model;

  @BeforeAll
  static void writeModel() {
    model = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 4)
        .variable("w", TensorData.ofFloats(new long[] {4, 2}, 1, -2, 3, -4, 5, -6, 7, -8))
        .output("y", g -> g.tf().linalg.matMul(g.input("x"), g.variable("w")))
        .export(temp.resolve("model"));
  }

  private static List<Map<String, NdArray>> samples(int n) {
    List<Map<String, NdArray>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      for (int j = 0; j < 4; j++) {
        b.putFloat((i * 4 + j) % 9 - 4f);
      }
      out.add(Map.of("x", new NdArray(DataType.FLOAT32, new int[] {1, 4}, b.array())));
    }
    return out;
  }

  @Test
  void everyFifthSampleIsHeldOut() {
    ConversionReport r = LiteRtConverter.fromSavedModel(model).quantize(QuantizationOptions.of(QuantizationMode.INT8))
        .representativeDataset(samples(12)).convert().report();
    QuantizationReport q = r.quantization().orElseThrow();
    assertEquals(2, q.samples());
    assertEquals("2 samples held out of calibration (every 5th of the representative dataset; the other 10 calibrated)",
        q.evaluatedOn());
    assertEquals(List.of(), r.warnings());
  }

  @Test
  void tooFewSamplesAreMeasuredAsTheyAreAndTheReportSaysSo() {
    ConversionReport r = LiteRtConverter.fromSavedModel(model).quantize(QuantizationOptions.of(QuantizationMode.INT8))
        .representativeDataset(samples(3)).convert().report();
    assertEquals("the calibration samples themselves", r.quantization().orElseThrow().evaluatedOn());
    assertEquals(1, r.warnings().size(), r.warnings().toString());
    assertTrue(r.warnings().get(0).contains("--evaluation_dataset"), r.warnings().toString());
  }

  @Test
  void withoutAReportCalibrationTakesEverySample() {
    byte[] whole = LiteRtConverter.fromSavedModel(model).quantize(QuantizationOptions.of(QuantizationMode.INT8))
        .representativeDataset(samples(12)).qualityReport(false).convert().bytes();
    byte[] evaluated = LiteRtConverter.fromSavedModel(model).quantize(QuantizationOptions.of(QuantizationMode.INT8))
        .representativeDataset(samples(12)).evaluationDataset(samples(5)).convert().bytes();
    org.junit.jupiter.api.Assertions.assertArrayEquals(whole, evaluated);
  }
}
