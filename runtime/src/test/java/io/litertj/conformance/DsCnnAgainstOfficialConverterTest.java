package io.litertj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.NpzReader;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import io.litertj.tflite.TfliteReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DS-CNN keyword spotter against the official converter's files: the same builtin operators
 * (batch norm and activations fused), the same numbers in LiteRT as the official float model made
 * from this very SavedModel, and a file no larger than it (5% slack).
 */
class DsCnnAgainstOfficialConverterTest {

  private static Path model;
  private static byte[] ours;

  @BeforeAll
  static void convert() {
    model = SharedModels.require().resolve("mlperf_tiny_kws_dscnn_tf2");
    ConversionResult result = LiteRtConverter.fromSavedModel(model).convert();
    ours = result.bytes();
  }

  @Test
  void usesTheSameOperatorsAsTheOfficialConverter() {
    Map<String, Integer> official = operators(TfliteReader.read(model.resolve("reference_same_weights/model_float32.tflite")));
    Map<String, Integer> otherRun = operators(TfliteReader.read(model.resolve("reference/kws_ref_model.tflite")));
    Map<String, Integer> mine = operators(TfliteReader.read(ours));
    assertEquals(official, mine, "operator counts differ from the official float model");
    assertEquals(otherRun.keySet().stream().filter(op -> !op.equals("QUANTIZE") && !op.equals("DEQUANTIZE")).toList(),
        List.copyOf(mine.keySet()), "operator set differs from the official int8 model of another training run");
    assertTrue(!mine.containsKey("MUL") && !mine.containsKey("RELU"), "batch norm or activations were not fused: " + mine);
  }

  @Test
  void matchesTheOfficialFloatModelInLiteRt() throws IOException {
    Path official = model.resolve("reference_same_weights/model_float32.tflite");
    TensorData samples = NpzReader.read(model.resolve("reference_same_weights/evaluation_100.npz")).values()
        .iterator().next();
    long[] shape = samples.shape();
    int perSample = (int) (samples.elementCount() / shape[0]);
    float[] all = samples.asFloats();
    try (LiteRtOracle reference = LiteRtOracle.load(official); LiteRtOracle mine = LiteRtOracle.load(ours)) {
      for (int i = 0; i < 20; i++) {
        float[] one = Arrays.copyOfRange(all, i * perSample, (i + 1) * perSample);
        TensorData input = TensorData.ofFloats(new long[] {1, shape[1], shape[2], shape[3]}, one);
        TensorData expected = reference.runByIndex(List.of(input)).get(0);
        TensorData actual = mine.run("serving_default", Map.of("input_1", input)).get("dense");
        Closeness.standard().assertClose("dense (sample " + i + ")", expected, actual);
      }
    }
  }

  @Test
  void isNoLargerThanTheOfficialFloatModel() throws IOException {
    long official = Files.size(model.resolve("reference_same_weights/model_float32.tflite"));
    assertTrue(ours.length <= official * 1.05, "ours has " + ours.length + " bytes, the official " + official);
  }

  private static Map<String, Integer> operators(LiteRtModel m) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Subgraph g : m.subgraphs()) {
      for (Operator op : g.operators()) {
        counts.merge(op.op().name(), 1, Integer::sum);
      }
    }
    return counts;
  }
}
