package io.litertj.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.litertj.LiteRtConverter;
import io.litertj.calibrate.ProgressListener;
import io.litertj.dataset.NpzDataset;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.testing.SharedModels;
import io.litertj.tflite.OperatorVersions;
import io.litertj.tflite.TfliteReader;
import io.litertj.tflite.TfliteWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our int8 DS-CNN quantizes the same tensors as the official int8 file, with the same types,
 * operator versions, and the same params wherever the spec fixes them (softmax output, same-scale
 * pool and reshape); calibrated params agree closely.
 */
class DsCnnInt8StructureTest {
  private static final String KWS = "mlperf_tiny_kws_dscnn_tf2";

  @Test
  void matchesTheOfficialInt8File() throws Exception {
    LiteRtModel floatModel = TfliteReader.read(LiteRtConverter.fromSavedModel(SharedModels.path(KWS)).convert().bytes());
    LiteRtModel q = PostTrainingQuantizer.quantize(floatModel,
        QuantizationOptions.of(QuantizationMode.INT8).withIoTypes(IoType.INT8, IoType.INT8),
        NpzDataset.read(SharedModels.path(KWS + "/reference_same_weights/calibration_100.npz")), ProgressListener.NONE);
    Subgraph ours = TfliteReader.read(new TfliteWriter().toBytes(q)).subgraphs().get(0);
    Subgraph theirs = TfliteReader.read(SharedModels.path(KWS + "/reference_same_weights/model_int8_io_int8.tflite"))
        .subgraphs().get(0);
    List<Operator> a = ours.operators();
    List<Operator> b = theirs.operators();
    assertEquals(b.size(), a.size(), "operator count");
    for (int i = 0; i < a.size(); i++) {
      Operator x = a.get(i);
      Operator y = b.get(i);
      String where = "op " + i + " " + y.op();
      assertEquals(y.op(), x.op(), where);
      assertEquals(OperatorVersions.of(y), OperatorVersions.of(x), where + " version");
      for (int k = 0; k < y.inputs().size(); k++) {
        sameTensor(where + " input " + k, y.input(k), x.input(k));
      }
      sameTensor(where + " output", y.output(0), x.output(0));
      if (y.op() == BuiltinOp.SOFTMAX) {
        assertEquals(y.output(0).quantization().scale(), x.output(0).quantization().scale(), where + " fixed scale");
        assertEquals(y.output(0).quantization().zeroPoint(), x.output(0).quantization().zeroPoint(), where + " fixed zp");
      }
      if (y.op() == BuiltinOp.AVERAGE_POOL_2D || y.op() == BuiltinOp.RESHAPE) {
        assertEquals(x.input(0).quantization().scale(), x.output(0).quantization().scale(), where + " same scale");
        assertEquals(x.input(0).quantization().zeroPoint(), x.output(0).quantization().zeroPoint(), where + " same zp");
      }
    }
  }

  /** FLOAT16 and DYNAMIC_RANGE of the official float file: the same ops at the same versions as the official files. */
  @Test
  void float16AndDynamicRangeUseTheOfficialOpsAndVersions() throws Exception {
    String dir = KWS + "/reference_same_weights/";
    LiteRtModel floatModel = TfliteReader.read(SharedModels.path(dir + "model_float32.tflite"));
    String[][] cases = {{"FLOAT16", "model_float16.tflite"}, {"DYNAMIC_RANGE", "model_dynamic_range.tflite"}};
    for (String[] c : cases) {
      LiteRtModel q = PostTrainingQuantizer.quantize(floatModel,
          QuantizationOptions.of(QuantizationMode.valueOf(c[0])), null, ProgressListener.NONE);
      Subgraph ours = TfliteReader.read(new TfliteWriter().toBytes(q)).subgraphs().get(0);
      Subgraph theirs = TfliteReader.read(SharedModels.path(dir + c[1])).subgraphs().get(0);
      assertEquals(signature(theirs), signature(ours), c[0]);
    }
  }

  /**
   * DYNAMIC_RANGE from the SavedModel: every int8 weight equals the official one bit for bit, and
   * every per-channel scale is within four ulps of it. What differs is only the last bits of the
   * BN-folded float weights (the official converter folds with an approximate rsqrt; see
   * BatchNormLegalizer), which is why DsCnnQuantizationTest allows 0.01 dB.
   */
  @Test
  void dynamicRangeWeightsAreTheOfficialInts() throws Exception {
    LiteRtModel floatModel = TfliteReader.read(LiteRtConverter.fromSavedModel(SharedModels.path(KWS)).convert().bytes());
    LiteRtModel q = PostTrainingQuantizer.quantize(floatModel, QuantizationOptions.of(QuantizationMode.DYNAMIC_RANGE),
        null, ProgressListener.NONE);
    List<Operator> a = TfliteReader.read(new TfliteWriter().toBytes(q)).subgraphs().get(0).operators();
    List<Operator> b = TfliteReader.read(SharedModels.path(KWS + "/reference_same_weights/model_dynamic_range.tflite"))
        .subgraphs().get(0).operators();
    assertEquals(b.size(), a.size(), "operator count");
    int quantized = 0;
    for (int i = 0; i < a.size(); i++) {
      for (int k = 0; k < b.get(i).inputs().size(); k++) {
        Tensor theirs = b.get(i).input(k);
        Tensor ours = a.get(i).input(k);
        String where = "op " + i + " " + b.get(i).op() + " input " + k;
        if (theirs == null || theirs.type() != io.litertj.ir.DataType.INT8) {
          continue;
        }
        assertEquals(io.litertj.ir.DataType.INT8, ours.type(), where);
        assertEquals(theirs.constantBytes(), ours.constantBytes(), where + " int8 values");
        float[] e = theirs.quantization().scales();
        float[] s = ours.quantization().scales();
        assertEquals(e.length, s.length, where + " scale count");
        for (int c = 0; c < e.length; c++) {
          assertEquals(e[c], s[c], 4 * Math.ulp(e[c]), where + " scale " + c);
        }
        quantized++;
      }
    }
    assertEquals(5, quantized, "the first conv and the four pointwise convs are int8");
  }

  private static List<String> signature(Subgraph s) {
    return s.operators().stream()
        .map(op -> op.op() + " v" + OperatorVersions.of(op) + " " + op.inputs().stream()
            .map(t -> t == null ? "-" : t.type().name()).toList())
        .sorted().toList();
  }

  private static void sameTensor(String where, Tensor expected, Tensor actual) {
    assertEquals(expected.type(), actual.type(), where + " type");
    QuantizationParams e = expected.quantization();
    QuantizationParams a = actual.quantization();
    if (e == null) {
      assertNull(a, where + " should not be quantized");
      return;
    }
    assertNotNull(a, where + " should be quantized");
    assertEquals(e.scales().length, a.scales().length, where + " scale count");
    assertEquals(e.quantizedDimension(), a.quantizedDimension(), where + " axis");
    for (int c = 0; c < e.scales().length; c++) {
      // Calibrated ranges and folded weights differ in the last bits; the rules must not.
      assertEquals(e.scales()[c], a.scales()[c], Math.abs(e.scales()[c]) * 1e-4, where + " scale " + c);
      assertEquals(e.zeroPoints()[c], a.zeroPoints()[c], 1, where + " zero point " + c);
    }
  }
}
