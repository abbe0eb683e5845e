package io.litertj.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import io.litertj.tflite.schema.Model;
import io.litertj.tflite.schema.OperatorCode;
import io.litertj.tflite.schema.SubGraph;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader and writer on files made by the official converter (TF 2.21), from
 * {@code ../shared/models}; skipped with a message where that directory is absent.
 */
class OfficialModelsTest {

  private static final List<String> KWS = List.of("CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D", "DEPTHWISE_CONV_2D",
      "CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D", "AVERAGE_POOL_2D", "RESHAPE",
      "FULLY_CONNECTED", "SOFTMAX");
  private static final List<String> RESNET_BODY = List.of("CONV_2D", "CONV_2D", "CONV_2D", "ADD", "CONV_2D",
      "CONV_2D", "CONV_2D", "ADD", "CONV_2D", "CONV_2D", "CONV_2D", "ADD", "AVERAGE_POOL_2D");

  @ParameterizedTest
  @ValueSource(strings = {
      "mlperf_tiny_kws_dscnn_tf2/reference_same_weights/model_float32.tflite",
      "mlperf_tiny_kws_dscnn_tf2/reference_same_weights/model_dynamic_range.tflite",
      "mlperf_tiny_kws_dscnn_tf2/reference_same_weights/model_float16.tflite",
      "mlperf_tiny_kws_dscnn_tf2/reference_same_weights/model_int8_io_int8.tflite",
      "mlperf_tiny_resnet8_h5/reference/pretrainedResnet.tflite"})
  void operatorLists(String relative) {
    LiteRtModel model = TfliteReader.read(SharedModels.path(relative));
    List<String> ops = opNames(model);
    List<String> expected = new ArrayList<>();
    if (relative.contains("float16")) {
      expected.addAll(Collections.nCopies(20, "DEQUANTIZE")); // one per FLOAT16 weight or bias
    }
    if (relative.contains("kws")) {
      expected.addAll(KWS);
    } else {
      expected.addAll(RESNET_BODY);
      expected.addAll(List.of("RESHAPE", "FULLY_CONNECTED", "SOFTMAX"));
    }
    assertEquals(expected, ops);
  }

  /** Every official file in ../shared/models that litertj can read (all but person_detect and int8 LSTM). */
  static List<String> readableOfficialFiles() {
    return List.of(
        "half_plus_two_tf1/reference/model.tflite",
        "half_plus_two_tf1/reference_sigdef/model.tflite",
        "tf2onnx_regression_tf1/reference/model.tflite",
        "keras3_emg_lstm/reference/model.tflite",
        "mlperf_tiny_ad_autoencoder_h5/reference/model_ToyCar.tflite",
        "mlperf_tiny_ad_autoencoder_h5/reference/model_ToyCar_quant.tflite",
        "mlperf_tiny_ad_autoencoder_h5/reference/model_ToyCar_quant_fullint.tflite",
        "mlperf_tiny_ad_autoencoder_h5/reference/model_ToyCar_quant_fullint_micro_intio.tflite",
        "mlperf_tiny_kws_dscnn_tf2/reference/kws_ref_model.tflite",
        "mlperf_tiny_kws_dscnn_tf2/reference/kws_ref_model_float32.tflite",
        "mlperf_tiny_kws_dscnn_tf2/reference_same_weights/model_float32.tflite",
        "mlperf_tiny_kws_dscnn_tf2/reference_same_weights/model_dynamic_range.tflite",
        "mlperf_tiny_kws_dscnn_tf2/reference_same_weights/model_float16.tflite",
        "mlperf_tiny_kws_dscnn_tf2/reference_same_weights/model_int8_io_int8.tflite",
        "mlperf_tiny_resnet8_h5/reference/pretrainedResnet.tflite",
        "mlperf_tiny_resnet8_h5/reference/pretrainedResnet_quant.tflite",
        "mlperf_tiny_resnet8_h5/reference_same_weights/model_float32.tflite",
        "mlperf_tiny_resnet8_h5/reference_same_weights/model_dynamic_range.tflite",
        "mlperf_tiny_resnet8_h5/reference_same_weights/model_float16.tflite",
        "mlperf_tiny_resnet8_h5/reference_same_weights/model_int8_io_int8.tflite",
        "tflm_hello_world_tflite/hello_world_float.tflite",
        "tflm_hello_world_tflite/hello_world_int8.tflite",
        "tflm_mnist_lstm_tflite/trained_lstm.tflite",
        "tflm_mnist_lstm_tflite/trained_lstm_int8.tflite");
  }

  /**
   * Our operator versions against the official converter's, op by op type: it writes one code per
   * operator with the highest version its uses need, so we compare that maximum.
   */
  @ParameterizedTest
  @MethodSource("readableOfficialFiles")
  void operatorVersionsMatchTheOfficialConverter(String relative) throws Exception {
    // An older converter (TF 2.3 era) wrote FULLY_CONNECTED version 3 there for float weights;
    // today's op_version.cc, and we, say 1.
    assumeFalse(relative.endsWith("kws_ref_model_float32.tflite"), "written by an older converter");
    Path file = SharedModels.path(relative);
    Map<String, Integer> official = new TreeMap<>();
    Model m = Model.getRootAsModel(ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN));
    SubGraph main = m.subgraphs(0);
    for (int i = 0; i < main.operatorsLength(); i++) {
      // Only codes in use: converters leave codes of removed operators behind.
      OperatorCode code = m.operatorCodes((int) main.operators(i).opcodeIndex());
      int builtin = Math.max(code.builtinCode(), code.deprecatedBuiltinCode());
      official.merge(BuiltinOp.fromCode(builtin).name(), code.version(), Math::max);
    }
    Map<String, Integer> ours = new TreeMap<>();
    for (Operator op : TfliteReader.read(file).subgraphs().get(0).operators()) {
      ours.merge(op.op().name(), OperatorVersions.of(op), Math::max);
    }
    assertEquals(official, ours);
  }

  /** Read an official file, write it again (both layouts): LiteRT gives the same outputs, bit for bit. */
  @ParameterizedTest
  @MethodSource("readableOfficialFiles")
  void rewrittenOfficialModelsRunIdentically(String relative) throws Exception {
    Path file = SharedModels.path(relative);
    LiteRtModel model = TfliteReader.read(file);
    byte[] inline = new TfliteWriter().toBytes(model);
    byte[] offsets = new TfliteWriter(TfliteWriter.Options.defaults().withBufferOffsets(true)).toBytes(model);
    List<TensorData> reference;
    List<TensorData> input;
    try (LiteRtOracle official = LiteRtOracle.load(file)) {
      input = new ArrayList<>(RandomInputs.seeded(3).batch(1).ints(-100, 100).floats(-1, 1)
          .forInputs(official.inputs()).values());
      reference = official.runByIndex(input);
    }
    for (byte[] ours : List.of(inline, offsets)) {
      try (LiteRtOracle rewritten = LiteRtOracle.load(ours)) {
        List<TensorData> actual = rewritten.runByIndex(input);
        assertEquals(reference.size(), actual.size());
        for (int i = 0; i < reference.size(); i++) {
          assertArrayEquals(reference.get(i).shape(), actual.get(i).shape());
          assertArrayEquals(reference.get(i).bytes(), actual.get(i).bytes(), relative + " output " + i);
        }
      }
    }
    assertTrue(inline.length < Files.size(file) * 2);
  }

  /** An old converter's file with per-axis bias quantization on a missing axis: LiteRT 2.21 refuses it too. */
  @org.junit.jupiter.api.Test
  void refusesWhatLiteRtRefuses() {
    Path file = SharedModels.path("tflm_person_detect_tflite/person_detect.tflite");
    io.litertj.ConversionException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.litertj.ConversionException.class, () -> TfliteReader.read(file));
    assertTrue(e.getMessage().contains("quantized along dimension 3 of a rank-1 tensor"), e.getMessage());
    assertEquals(file, e.file().orElseThrow());
  }

  static List<String> opNames(LiteRtModel model) {
    List<String> names = new ArrayList<>();
    for (Operator op : model.subgraphs().get(0).operators()) {
      names.add(op.op().name());
    }
    return names;
  }
}
