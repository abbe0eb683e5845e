package io.litertj.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.LiteRtConverter;
import io.litertj.dataset.NdArray;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.tflite.TfliteReader;
import io.litertj.tflite.schema.Model;
import io.litertj.tflite.schema.SubGraph;
import io.litertj.testing.Closeness;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official converter's float fused-LSTM file (tflite-micro's mnist_lstm) quantized by us in
 * every mode, against the float file in LiteRT, beside the official full-int8 file. Each run uses a
 * fresh interpreter: that file's LSTM state is never reset, so it would carry into the next run.
 */
class OfficialLstmQuantizationTest {

  private static final Logger LOG = Logger.getLogger(OfficialLstmQuantizationTest.class.getName());
  private static final String DIR = "tflm_mnist_lstm_tflite/";

  private static TensorData image(long seed) {
    Random r = new Random(seed);
    float[] v = new float[28 * 28];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() < 0.2f ? r.nextFloat() : 0f; // sparse strokes in [0, 1], as MNIST pixels
    }
    return TensorData.ofFloats(new long[] {1, 28, 28}, v);
  }

  @ParameterizedTest
  @EnumSource(QuantizationMode.class)
  void quantizesTheFusedLstmFileInEveryMode(QuantizationMode mode) throws Exception {
    Path floatFile = SharedModels.path(DIR + "trained_lstm.tflite");
    byte[] floatModel = Files.readAllBytes(floatFile);
    List<Map<String, NdArray>> samples = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      samples.add(Map.of("fixed_input", new NdArray(DataType.FLOAT32, new int[] {1, 28, 28}, image(i).bytes())));
    }
    byte[] ours = LiteRtConverter.fromTflite(floatFile).quantize(QuantizationOptions.of(mode).withDynamicRangeMinElements(1))
        .representativeDataset(samples).convert().bytes();
    Operator lstm = TfliteReader.read(ours).subgraphs().get(0).operators().stream()
        .filter(o -> o.op() == BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM).findFirst().orElseThrow();
    if (mode == QuantizationMode.INT8) {
      // The official layout: int8 data and weights, int32 biases, int8 / int16 states, 5 intermediates.
      assertEquals(List.of(DataType.INT8, DataType.INT8, DataType.INT32, DataType.INT8, DataType.INT16, DataType.INT8),
          List.of(lstm.input(0).type(), lstm.input(5).type(), lstm.input(12).type(), lstm.input(18).type(),
              lstm.input(19).type(), lstm.output(0).type()));
      assertEquals(5, lstm.intermediates().size());
      assertEquals(lstm.output(0).quantization(), lstm.input(18).quantization());
    } else {
      // 16x8 keeps the LSTM float between QUANTIZE / DEQUANTIZE (LiteRT's integer LSTM takes int8 data).
      assertEquals(DataType.FLOAT32, lstm.input(0).type());
      assertEquals(mode == QuantizationMode.DYNAMIC_RANGE ? DataType.INT8 : DataType.FLOAT32, lstm.input(1).type());
    }
    double worst = Double.POSITIVE_INFINITY;
    double official = Double.POSITIVE_INFINITY;
    byte[] officialInt8 = Files.readAllBytes(SharedModels.path(DIR + "trained_lstm_int8.tflite"));
    for (int i = 100; i < 104; i++) {
      TensorData x = image(i);
      TensorData reference = QuantEval.run(floatModel, x);
      worst = Math.min(worst, Closeness.snrDb(reference, QuantEval.run(ours, x)));
      official = Math.min(official, Closeness.snrDb(reference, QuantEval.run(officialInt8, x)));
    }
    LOG.info(mode + ": ours " + worst + " dB vs the float file; the official int8 file " + official + " dB; "
        + "official int8 structure " + structure(officialInt8) + ", ours " + structure(ours));
    double floor = switch (mode) {
      case FLOAT16 -> 40; // a softmax output: its small probabilities weigh in the SNR
      case DYNAMIC_RANGE, INT16X8 -> 25;
      case INT8 -> 20;
    };
    assertTrue(worst > floor, mode + ": SNR " + worst + " dB");
  }

  /** Operators with their input 0 and output types, read from the schema. */
  private static List<String> structure(byte[] tflite) {
    Model m = Model.getRootAsModel(ByteBuffer.wrap(tflite).order(ByteOrder.LITTLE_ENDIAN));
    SubGraph g = m.subgraphs(0);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < g.operatorsLength(); i++) {
      var op = g.operators(i);
      var code = m.operatorCodes((int) op.opcodeIndex());
      String name = BuiltinOp.fromCode(Math.max(code.builtinCode(), code.deprecatedBuiltinCode())).name();
      TreeSet<String> types = new TreeSet<>();
      for (int j = 0; j < op.inputsLength(); j++) {
        if (op.inputs(j) >= 0) {
          types.add(io.litertj.tflite.schema.TensorType.name(g.tensors(op.inputs(j)).type()));
        }
      }
      out.add(name + types + (op.intermediatesLength() > 0 ? "+" + op.intermediatesLength() + " intermediates" : ""));
    }
    return out;
  }
}
