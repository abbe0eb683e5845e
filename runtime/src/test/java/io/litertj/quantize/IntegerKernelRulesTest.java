package io.litertj.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.calibrate.ProgressListener;
import io.litertj.dataset.NdArray;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Padding;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What LiteRT's integer kernels need, found by quantizing every legalizer test model in every mode:
 * each case is a one- or two-op model, quantized to int8 and compared with the float model in
 * LiteRT. Before the fix, some of these aborted the JVM (a failed CHECK) and others ran with wrong
 * values (SNR under 12 dB).
 */
class IntegerKernelRulesTest {

  /** GREATER(x, 0): LiteRT's int8 comparison aborts on an input scale of 1, which an all-zero constant used to get. */
  @Test
  void aZeroConstantTakesTheOtherInputsParams() {
    LiteRtModel q = quantize(x -> op(BuiltinOp.GREATER, DataType.BOOL, null, x, scalar(0f)));
    Operator greater = find(q, BuiltinOp.GREATER);
    assertEquals(greater.input(0).quantization().scale(), greater.input(1).quantization().scale());
    assertEquals(greater.input(0).quantization().zeroPoint(), greater.input(1).quantization().zeroPoint());
    report(q, 100); // BOOL output: must be exact
  }

  /** Comparing values whose range spans 255 or more would need an input scale of 1 or more: stays float. */
  @Test
  void aWideComparisonStaysFloat() {
    LiteRtModel q = quantize(x -> op(BuiltinOp.LESS, DataType.BOOL, null, x, scalar(0.5f)), 300f);
    assertEquals(DataType.FLOAT32, find(q, BuiltinOp.LESS).input(0).type());
    report(q, 100);
  }

  /** SPLIT takes its axis first: its outputs must share the data input's params, not the axis's. */
  @Test
  void splitOutputsShareTheDataInputsParams() {
    LiteRtModel q = quantize(x -> {
      Tensor axis = Tensor.constant("axis", DataType.INT32, Shape.of(), ConstantData.ofInts(1));
      return new Operator(BuiltinOp.SPLIT, List.of(axis, x), List.of(f32("a", 1, 3), f32("b", 1, 3)),
          new OpOptions.Split(2));
    });
    Operator split = find(q, BuiltinOp.SPLIT);
    for (Tensor out : split.outputs()) {
      assertEquals(split.input(1).quantization().scale(), out.quantization().scale(), out.name());
    }
    report(q, 35);
  }

  /** PADV2's pad value may lie outside the input's range: the output's range decides the shared params. */
  @Test
  void aPadValueOutsideTheInputRangeIsKept() {
    LiteRtModel q = quantize(x -> {
      Tensor paddings = Tensor.constant("paddings", DataType.INT32, Shape.of(2, 2), ConstantData.ofInts(0, 0, 1, 1));
      return new Operator(BuiltinOp.PADV2, List.of(x, paddings, scalar(9f)), List.of(f32("y", 1, 8)),
          new OpOptions.PadV2());
    });
    report(q, 35);
  }

  /** SELECT copies the chosen input's stored values: both branches must carry the output's params. */
  @Test
  void selectBranchesShareTheOutputsParams() {
    LiteRtModel q = quantize(x -> {
      Tensor positive = new Tensor("positive", DataType.BOOL, Shape.of(1, 6));
      return List.of(op(BuiltinOp.GREATER, DataType.BOOL, positive, x, scalar(0f)),
          new Operator(BuiltinOp.SELECT_V2, List.of(positive, scalar(1.05f), scalar(1.76f)), List.of(f32("y", 1, 6)),
              null));
    });
    Operator select = find(q, BuiltinOp.SELECT_V2);
    assertEquals(select.output(0).quantization().scale(), select.input(1).quantization().scale());
    assertEquals(select.output(0).quantization().scale(), select.input(2).quantization().scale());
    report(q, 35);
  }

  /** LiteRT's int8 NEG negates the stored values: NEG stays float. */
  @Test
  void negStaysFloat() {
    LiteRtModel q = quantize(x -> new Operator(BuiltinOp.NEG, List.of(x), List.of(f32("y", 1, 6)), new OpOptions.Neg()));
    assertEquals(DataType.FLOAT32, find(q, BuiltinOp.NEG).input(0).type());
    report(q, 100);
  }

  /** A convolution whose filter is computed at run time has no fixed weight scales: it stays float. */
  @Test
  void weightsComputedAtRunTimeStayFloat() {
    LiteRtModel q = quantize(x -> {
      Tensor filter4 = f32("filter", 1, 1, 1, 6);
      Tensor bias = Tensor.constant("bias", DataType.FLOAT32, Shape.of(1), ConstantData.ofFloats(0.5f));
      Tensor shape = Tensor.constant("shape", DataType.INT32, Shape.of(4), ConstantData.ofInts(1, 1, 1, 6));
      Tensor image = f32("image", 1, 1, 1, 6);
      return List.of(new Operator(BuiltinOp.RESHAPE, List.of(x, shape), List.of(filter4), new OpOptions.Reshape(
              new int[] {1, 1, 1, 6})),
          new Operator(BuiltinOp.RESHAPE, List.of(x, shape), List.of(image), new OpOptions.Reshape(new int[] {1, 1, 1, 6})),
          new Operator(BuiltinOp.CONV_2D, List.of(image, filter4, bias), List.of(f32("y", 1, 1, 1, 1)),
              new OpOptions.Conv2D(Padding.VALID, 1, 1, Activation.NONE, 1, 1)));
    });
    assertEquals(DataType.FLOAT32, find(q, BuiltinOp.CONV_2D).input(1).type());
    report(q, 35); // the reshapes before it are int8
  }

  /** Integer and boolean outputs are measured as values (exactly equal here), not refused. */
  @Test
  void theReportMeasuresIntegerOutputs() {
    LiteRtModel q = quantize(x -> new Operator(BuiltinOp.ARG_MAX, List.of(x, Tensor.constant("axis", DataType.INT32,
        Shape.of(), ConstantData.ofInts(1))), List.of(new Tensor("y", DataType.INT32, Shape.of(1))),
        new OpOptions.ArgMax(DataType.INT32)));
    report(q, 100);
  }

  // ---------------------------------------------------------------------------------------------

  private LiteRtModel model;

  /** x:[1,6] → ops from {@code body} → outputs named as their last op's outputs; quantized to int8. */
  private LiteRtModel quantize(Function<Tensor, Object> body) {
    return quantize(body, 2f);
  }

  private LiteRtModel quantize(Function<Tensor, Object> body, float amplitude) {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = f32("x", 1, 6);
    s.addInput("x", x);
    Object made = body.apply(x);
    @SuppressWarnings("unchecked")
    List<Operator> ops = made instanceof Operator op ? List.of(op) : (List<Operator>) made;
    ops.forEach(s::addOperator);
    for (Tensor out : ops.get(ops.size() - 1).outputs()) {
      s.addOutput(out.name(), out);
    }
    model = new LiteRtModel("rule");
    model.addSubgraph(s);
    samples = new ArrayList<>();
    Random r = new Random(5);
    for (int i = 0; i < 8; i++) {
      float[] v = new float[6];
      for (int j = 0; j < 6; j++) {
        v[j] = (float) (r.nextGaussian() * amplitude);
      }
      samples.add(Map.of("x", NdArray.ofFloats(v, 1, 6)));
    }
    return PostTrainingQuantizer.quantize(model, QuantizationOptions.of(QuantizationMode.INT8), samples,
        ProgressListener.NONE);
  }

  private List<Map<String, NdArray>> samples;

  /** Runs both models in LiteRT on the calibration samples; every output must reach {@code minSnrDb}. */
  private void report(LiteRtModel q, double minSnrDb) {
    QuantizationReport report = QualityReporter.report(model, q, samples, ProgressListener.NONE);
    assertEquals(8, report.samples());
    for (QuantizationReport.OutputMetrics o : report.outputs()) {
      assertTrue(o.snrDb() >= minSnrDb, o + "\n" + report.summary());
    }
  }

  private static Operator op(BuiltinOp kind, DataType outType, Tensor out, Tensor a, Tensor b) {
    Tensor y = out != null ? out : new Tensor("y", outType, Shape.of(1, 6));
    return new Operator(kind, List.of(a, b), List.of(y), null);
  }

  private static Tensor scalar(float v) {
    return Tensor.constant("c" + v, DataType.FLOAT32, Shape.of(), ConstantData.ofFloats(v));
  }

  private static Tensor f32(String name, int... dims) {
    return new Tensor(name, DataType.FLOAT32, Shape.of(dims));
  }

  private static Operator find(LiteRtModel m, BuiltinOp kind) {
    return m.subgraphs().get(0).operators().stream().filter(op -> op.op() == kind).findFirst().orElseThrow();
  }
}
