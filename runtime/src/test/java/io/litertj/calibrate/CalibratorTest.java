package io.litertj.calibrate;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.dataset.NdArray;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Ranges recorded by running LiteRT, against min/max computed here from the same samples. */
class CalibratorTest {

  @Test
  void sortKeyOrdersLikeTheFloats() {
    Random random = new Random(7);
    List<Float> values = new ArrayList<>(List.of(-0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
        -Float.MAX_VALUE, Float.MIN_NORMAL, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f));
    for (int i = 0; i < 2000; i++) {
      values.add(Float.intBitsToFloat(random.nextInt()));
    }
    values.removeIf(v -> Float.isNaN(v));
    for (float a : values) {
      int ka = RangeScanner.sortKey(Float.floatToRawIntBits(a));
      assertEquals(Float.floatToRawIntBits(a), Float.floatToRawIntBits(RangeScanner.toFloat(ka)), "round trip of " + a);
      for (int j = 0; j < 40; j++) {
        float b = values.get(random.nextInt(values.size()));
        int kb = RangeScanner.sortKey(Float.floatToRawIntBits(b));
        assertEquals(Integer.signum(Float.compare(a, b)), Integer.signum(Integer.compare(ka, kb)), a + " vs " + b);
      }
    }
    int positiveInfinity = RangeScanner.sortKey(Float.floatToRawIntBits(Float.POSITIVE_INFINITY));
    int negativeInfinity = RangeScanner.sortKey(Float.floatToRawIntBits(Float.NEGATIVE_INFINITY));
    assertTrue(RangeScanner.sortKey(Float.floatToRawIntBits(Float.NaN)) > positiveInfinity);
    assertTrue(RangeScanner.sortKey(0xffc00000) < negativeInfinity, "a NaN with the sign bit set");
  }

  /** Odd and even sample counts: the two interpreters take turns, and every sample must count. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7})
  void rangesAreTheMinAndMaxOverEverySample(int count) {
    LiteRtModel model = scaleThenRelu();
    List<Map<String, NdArray>> samples = new ArrayList<>();
    Random random = new Random(count);
    float[] lo = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
    float[] hi = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
    for (int s = 0; s < count; s++) {
      float[] x = new float[6];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (random.nextGaussian() * (s + 1));
        float[] seen = {x[i], x[i] * 3f, Math.max(0f, x[i] * 3f)};
        for (int k = 0; k < 3; k++) {
          lo[k] = Math.min(lo[k], seen[k]);
          hi[k] = Math.max(hi[k], seen[k]);
        }
      }
      samples.add(Map.of("x", NdArray.ofFloats(x, 2, 3)));
    }
    TensorRanges ranges = Calibrator.calibrate(model, samples, ProgressListener.NONE);
    assertEquals(count, ranges.sampleCount());
    List<Tensor> tensors = List.of(model.subgraphs().get(0).inputs().get("x"),
        model.subgraphs().get(0).operators().get(0).output(0), model.subgraphs().get(0).outputs().get("y"));
    for (int k = 0; k < 3; k++) {
      Range r = ranges.get(tensors.get(k));
      assertEquals(lo[k], r.min(), tensors.get(k).name() + " min");
      assertEquals(hi[k], r.max(), tensors.get(k).name() + " max");
    }
  }

  @ParameterizedTest
  @ValueSource(floats = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN})
  void aNonFiniteActivationNamesTheTensorAndTheSample(float bad) {
    List<Map<String, NdArray>> samples = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      samples.add(Map.of("x", NdArray.ofFloats(new float[] {1, 2, 3, 4, 5, s == 3 ? bad : 6}, 2, 3)));
    }
    ConversionException e = assertInputError(
        () -> Calibrator.calibrate(scaleThenRelu(), samples, ProgressListener.NONE));
    assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("sample 3")
        && e.getMessage().contains(Float.toString(bad)), e.getMessage());
  }

  @Test
  void everySignatureNeedsSamplesAndReadsItsOwnInputs() {
    LiteRtModel model = twoSignatures();
    List<Map<String, NdArray>> onlyFirst = List.of(Map.of("x", NdArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)));
    ConversionException e = assertInputError(
        () -> Calibrator.calibrate(model, onlyFirst, ProgressListener.NONE));
    assertTrue(e.getMessage().contains("no samples for signature 'second' (inputs [z])")
        && e.getMessage().contains("--saved_model_signature_key"), e.getMessage());

    List<Map<String, NdArray>> both = List.of(Map.of("x", NdArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3),
        "z", NdArray.ofFloats(new float[] {-1, -2, -3, -4, -5, -6}, 2, 3)));
    TensorRanges ranges = Calibrator.calibrate(model, both, ProgressListener.NONE);
    assertEquals(18f, ranges.get(model.subgraphs().get(0).outputs().get("y")).max());
    assertEquals(-18f, ranges.get(model.subgraphs().get(1).outputs().get("w")).min());
  }

  @Test
  void theQualityReportCoversEverySignature() {
    List<Map<String, NdArray>> both = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      both.add(Map.of("x", NdArray.ofFloats(new float[] {i, 2, 3, 4, 5, 6}, 2, 3),
          "z", NdArray.ofFloats(new float[] {-1, -2, -3, -4, -5, -i}, 2, 3)));
    }
    LiteRtModel model = twoSignatures();
    LiteRtModel q = io.litertj.quantize.PostTrainingQuantizer.quantize(model,
        io.litertj.quantize.QuantizationOptions.of(io.litertj.quantize.QuantizationMode.INT8), both,
        ProgressListener.NONE);
    io.litertj.quantize.QuantizationReport report = io.litertj.quantize.QualityReporter.report(model, q, both,
        ProgressListener.NONE);
    assertEquals(List.of("serving_default/y", "second/w"),
        report.outputs().stream().map(io.litertj.quantize.QuantizationReport.OutputMetrics::name).toList());
    assertEquals(5, report.samples());
    for (io.litertj.quantize.QuantizationReport.OutputMetrics o : report.outputs()) {
      assertTrue(o.snrDb() > 30, o.toString());
    }
  }

  /** Signature 'first': y = relu(3x); signature 'second': w = 3z. */
  private static LiteRtModel twoSignatures() {
    LiteRtModel m = scaleThenRelu();
    Subgraph s = new Subgraph("second");
    Tensor z = new Tensor("z", DataType.FLOAT32, Shape.of(2, 3));
    Tensor three = Tensor.constant("three", DataType.FLOAT32, Shape.of(1), ConstantData.ofFloats(3f));
    Tensor w = new Tensor("w", DataType.FLOAT32, Shape.of(2, 3));
    s.addInput("z", z);
    s.addOperator(new Operator(BuiltinOp.MUL, List.of(z, three), List.of(w), new OpOptions.Mul(Activation.NONE)));
    s.addOutput("w", w);
    m.addSubgraph(s);
    return m;
  }

  /** x:[2,3] → MUL by 3 → RELU → y. */
  private static LiteRtModel scaleThenRelu() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.FLOAT32, Shape.of(2, 3));
    Tensor three = Tensor.constant("three", DataType.FLOAT32, Shape.of(1), ConstantData.ofFloats(3f));
    Tensor scaled = new Tensor("scaled", DataType.FLOAT32, Shape.of(2, 3));
    Tensor y = new Tensor("y", DataType.FLOAT32, Shape.of(2, 3));
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.MUL, List.of(x, three), List.of(scaled), new OpOptions.Mul(Activation.NONE)));
    s.addOperator(new Operator(BuiltinOp.RELU, List.of(scaled), List.of(y), null));
    s.addOutput("y", y);
    LiteRtModel m = new LiteRtModel("scale then relu");
    m.addSubgraph(s);
    return m;
  }
}
