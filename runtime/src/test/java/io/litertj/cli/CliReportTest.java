package io.litertj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.litertj.LiteRtConverter;
import io.litertj.dataset.NpzDataset;
import io.litertj.quantize.IoType;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.testing.ElementType;
import io.litertj.testing.NpzWriter;
import io.litertj.testing.SavedModels;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --report FILE.json} for every conversion: valid JSON (read back by a strict parser), with
 * signatures, I/O, operators, sizes and times; for quantized models the quality measured on samples
 * kept out of calibration, model inputs left out of the worst tensors.
 */
class CliReportTest {

  @TempDir
  Path temp;

  /** Jackson's defaults refuse NaN and Infinity tokens, which are not JSON. */
  private static JsonNode read(Path json) throws IOException {
    return new ObjectMapper().readTree(Files.readString(json));
  }

  private static float[] uniform(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }

  /** The row: --report without quantization wrote the model, then exited 1. */
  @Test
  void aFloatConversionGetsTheWholeReport() throws IOException {
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 4)
        .variable("w", TensorData.ofFloats(new long[] {4, 2}, uniform(8, 1)))
        .output("y", g -> g.tf().nn.relu(g.tf().linalg.matMul(g.input("x"), g.variable("w"))))
        .export(temp.resolve("float"));
    Path out = temp.resolve("float.tflite");
    Path json = temp.resolve("float.json");
    Cli.Outcome o = Cli.run("--saved_model_dir", dir.toString(), "--output_file", out.toString(), "--report",
        json.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("Wrote the report to " + json), o.out());
    JsonNode r = read(json);
    assertEquals(dir.toString(), r.at("/source/path").asText());
    assertEquals("saved_model", r.at("/source/kind").asText());
    assertEquals(out.toString(), r.at("/output/path").asText());
    assertEquals(Files.size(out), r.at("/output/bytes").asLong());
    assertTrue(r.at("/output/constant_bytes").asLong() >= 32, r.toString());
    JsonNode signature = r.at("/signatures/0");
    assertEquals("serving_default", signature.get("key").asText());
    assertEquals("x", signature.at("/inputs/0/name").asText());
    assertEquals("FLOAT32", signature.at("/inputs/0/type").asText());
    assertEquals("[-1,4]", signature.at("/inputs/0/shape").toString());
    assertEquals("[-1,2]", signature.at("/outputs/0/shape").toString());
    assertEquals(1, r.at("/operators/FULLY_CONNECTED").asInt(), r.toString());
    for (String stage : List.of("convert", "write", "total")) {
      assertTrue(r.at("/time_ms/" + stage).isIntegralNumber(), stage + " in " + r.get("time_ms"));
    }
    assertTrue(r.get("quantization").isNull());
    assertEquals(0, r.get("warnings").size());
  }

  /**
   * The quality row: the report was measured on the calibration samples and listed the
   * model input at "Infinity dB". Now every fifth sample is held out of calibration, the input is
   * not among the worst tensors, and the file is byte for byte what the API writes.
   */
  @Test
  void theQualityIsMeasuredOnSamplesHeldOutOfCalibration() throws IOException {
    Path kws = SharedModels.path("mlperf_tiny_kws_dscnn_tf2");
    Path calibration = kws.resolve("reference_same_weights/calibration_100.npz");
    Path out = temp.resolve("kws.tflite");
    Path json = temp.resolve("kws.json");
    Cli.Outcome o = Cli.run("--saved_model_dir", kws.toString(), "--output_file", out.toString(), "--quantize", "int8",
        "--representative_dataset", calibration.toString(), "--inference_input_type", "int8",
        "--inference_output_type", "int8", "--report", json.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("quantization report on 20 samples held out of calibration"), o.out());
    JsonNode q = read(json).get("quantization");
    assertEquals("int8", q.get("mode").asText());
    assertEquals("int8", q.get("inference_input_type").asText());
    assertEquals(20, q.at("/quality/samples").asInt());
    assertTrue(q.at("/quality/evaluated_on").asText().contains("held out of calibration"), q.toString());
    assertTrue(q.at("/quality/outputs/0/snr_db").asDouble() > 20, q.toString());
    assertEquals(10, q.at("/quality/worst_tensors").size());
    for (JsonNode t : q.at("/quality/worst_tensors")) {
      assertFalse(t.get("name").asText().equals("input_1"), "the model input is among the worst tensors: " + q);
    }
    byte[] api = LiteRtConverter.fromSavedModel(kws).preferServingDefault(true)
        .quantize(QuantizationOptions.of(QuantizationMode.INT8).withIoTypes(IoType.INT8, IoType.INT8))
        .representativeDataset(NpzDataset.read(calibration))
        .convert().bytes();
    assertArrayEquals(api, Files.readAllBytes(out));
  }

  /**
   * With --evaluation_dataset the report is measured on those samples and the representative
   * dataset calibrates whole: the same bytes as the API calibrating on all samples without a report.
   */
  @Test
  void anEvaluationDatasetLetsCalibrationUseEverySample() throws IOException {
    Path dir = SharedModels.path("mlperf_tiny_resnet8_h5/reference_same_weights");
    Path floatFile = dir.resolve("model_float32.tflite");
    Path out = temp.resolve("resnet8_eval.tflite");
    Path json = temp.resolve("resnet8_eval.json");
    Cli.Outcome o = Cli.run("--tflite_model_file", floatFile.toString(), "--output_file", out.toString(),
        "--quantize", "int8", "--representative_dataset", dir.resolve("calibration_100.npz").toString(),
        "--evaluation_dataset", dir.resolve("evaluation_100.npz").toString(), "--report", json.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.err().contains("calibration: 100/100 samples") && o.err().contains("report: 100/100 samples"), o.err());
    JsonNode quality = read(json).at("/quantization/quality");
    assertEquals("the evaluation dataset", quality.get("evaluated_on").asText());
    assertEquals(100, quality.get("samples").asInt());
    byte[] api = LiteRtConverter.fromTflite(floatFile).quantize(QuantizationOptions.of(QuantizationMode.INT8))
        .representativeDataset(NpzDataset.read(dir.resolve("calibration_100.npz"))).qualityReport(false)
        .convert().bytes();
    assertArrayEquals(api, Files.readAllBytes(out));
  }

  /** An output float16 leaves exact has an infinite SNR: written as the string "Infinity", not 1e999. */
  @Test
  void infinityIsAStringAndTheJsonStaysValid() throws IOException {
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 4)
        .variable("w", TensorData.ofFloats(new long[] {4, 3}, uniform(12, 2)))
        .output("scores", g -> g.tf().linalg.matMul(g.input("x"), g.variable("w")))
        .output("square", g -> g.tf().math.mul(g.input("x"), g.input("x")))
        .export(temp.resolve("two_outputs"));
    Path samples = NpzWriter.write(temp.resolve("x.npz"), Map.of("x", TensorData.ofFloats(new long[] {8, 4},
        uniform(32, 3))));
    Path json = temp.resolve("fp16.json");
    Cli.Outcome o = Cli.run("--saved_model_dir", dir.toString(), "--output_file", temp.resolve("fp16.tflite").toString(),
        "--quantize", "float16", "--representative_dataset", samples.toString(), "--report", json.toString());
    assertEquals(0, o.exit(), o.err());
    String text = Files.readString(json);
    assertFalse(text.contains("1e999") || text.contains("NaN"), text);
    JsonNode outputs = read(json).at("/quantization/quality/outputs");
    List<String> snr = new ArrayList<>();
    outputs.forEach(out -> snr.add(out.get("name").asText() + "=" + out.get("snr_db")));
    assertTrue(snr.contains("square=\"Infinity\""), snr.toString());
    assertTrue(read(json).at("/quantization/quality/evaluated_on").asText().contains("does not calibrate"), text);
    assertNull(read(json).at("/quantization/calibration_method").textValue(), "float16 does not calibrate");
  }

  /** The row: dynamic range on small weights wrote a float model without a word. */
  @Test
  void dynamicRangeThatQuantizesNothingSaysSo() throws IOException {
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 4)
        .variable("w", TensorData.ofFloats(new long[] {4, 2}, uniform(8, 4)))
        .output("y", g -> g.tf().linalg.matMul(g.input("x"), g.variable("w")))
        .export(temp.resolve("small"));
    Path json = temp.resolve("dr.json");
    Cli.Outcome o = Cli.run("--saved_model_dir", dir.toString(), "--output_file", temp.resolve("dr.tflite").toString(),
        "--quantize", "dynamic_range", "--report", json.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.err().contains("WARNING: dynamic range quantization quantized nothing: no weight of an op with a"
        + " hybrid kernel has 1024 or more elements"), o.err());
    JsonNode warnings = read(json).get("warnings");
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).asText().startsWith("dynamic range quantization quantized nothing"), warnings.toString());
  }

  /**
   * The "268,468,224 of them constants" row: two signatures reading the same weights
   * counted them twice. Each distinct constant counts once, as the file stores it once.
   */
  @Test
  void sharedConstantsAreCountedOnce() throws IOException {
    float[] weights = uniform(64 * 64, 5);
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 64)
        .variable("w", TensorData.ofFloats(new long[] {64, 64}, weights))
        .output("y", g -> g.tf().nn.relu(g.tf().linalg.matMul(g.input("x"), g.variable("w"))))
        .signature("other")
        .input("x2", ElementType.FLOAT32, -1, 64)
        .output("y", g -> g.tf().math.sigmoid(g.tf().linalg.matMul(g.input("x2"), g.variable("w"))))
        .export(temp.resolve("shared_weights"));
    Path both = temp.resolve("both.json");
    Path one = temp.resolve("one.json");
    Cli.Outcome b = Cli.run("--saved_model_dir", dir.toString(), "--output_file", temp.resolve("both.tflite").toString(),
        "--saved_model_signature_key", "serving_default,other", "--report", both.toString());
    Cli.Outcome s = Cli.run("--saved_model_dir", dir.toString(), "--output_file", temp.resolve("one.tflite").toString(),
        "--report", one.toString());
    assertEquals(0, b.exit(), b.err());
    assertEquals(0, s.exit(), s.err());
    assertEquals(2, read(both).get("signatures").size());
    long constants = read(both).at("/output/constant_bytes").asLong();
    assertEquals(read(one).at("/output/constant_bytes").asLong(), constants);
    assertTrue(constants >= 64 * 64 * 4 && constants < Files.size(temp.resolve("both.tflite")), "constants " + constants);
    assertTrue(b.out().contains(String.format("%,d of them constants", constants)), b.out());
  }
}
