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
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An ADD of an all-zero tensor (scale 1) and a tiny one: LiteRT's quantized ADD checks that its
 * output rescale is below one and aborts the process when it is not (an LSTM's first step, whose
 * state is zeros, did this in 16x8). The output scale must be widened enough, and the model run.
 */
class AddRescaleTest {

  @ParameterizedTest
  @EnumSource(value = QuantizationMode.class, names = {"INT8", "INT16X8"})
  void outputRescaleStaysBelowOneAndLiteRtRuns(QuantizationMode mode) {
    List<Map<String, NdArray>> data = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      data.add(Map.of("x", NdArray.ofFloats(new float[] {i, -i, 0.5f * i, 1}, 1, 4)));
    }
    LiteRtModel q = PostTrainingQuantizer.quantize(model(), QuantizationOptions.of(mode), data, ProgressListener.NONE);
    Operator add = q.subgraphs().get(0).operators().stream().filter(op -> op.op() == BuiltinOp.ADD).findFirst()
        .orElseThrow();
    double maxInput = Math.max(add.input(0).quantization().scale(), add.input(1).quantization().scale());
    int shift = mode == QuantizationMode.INT16X8 ? 15 : 20;
    double multiplier = 2 * maxInput / ((1 << shift) * (double) add.output(0).quantization().scale());
    assertTrue(multiplier < 1, "LiteRT would abort: output rescale " + multiplier);
    // Checked first, because a violation kills the JVM here rather than failing the test.
    QuantizationReport report = QualityReporter.report(model(), q, data, ProgressListener.NONE);
    assertEquals(8, report.samples());
    assertTrue(report.outputs().get(0).snrDb() > 20, report.summary());
  }

  @Test
  void squaredDifferenceToo() {
    List<Map<String, NdArray>> data = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      data.add(Map.of("x", NdArray.ofFloats(new float[] {i, -i, 0.5f * i, 1}, 1, 4)));
    }
    LiteRtModel model = model();
    Operator add = model.subgraphs().get(0).operators().get(2);
    model.subgraphs().get(0).replaceOperators(List.of(model.subgraphs().get(0).operators().get(0),
        model.subgraphs().get(0).operators().get(1),
        new Operator(BuiltinOp.SQUARED_DIFFERENCE, add.inputs(), add.outputs(), null)));
    LiteRtModel q = PostTrainingQuantizer.quantize(model, QuantizationOptions.of(QuantizationMode.INT8), data,
        ProgressListener.NONE);
    Operator sd = q.subgraphs().get(0).operators().stream().filter(op -> op.op() == BuiltinOp.SQUARED_DIFFERENCE)
        .findFirst().orElseThrow();
    double twiceMax = 2 * Math.max(sd.input(0).quantization().scale(), sd.input(1).quantization().scale());
    double multiplier = twiceMax * twiceMax / ((1 << 14) * (double) sd.output(0).quantization().scale());
    assertTrue(multiplier < 1, "LiteRT would abort: output rescale " + multiplier);
    QuantizationReport report = QualityReporter.report(model, q, data, ProgressListener.NONE);
    assertEquals(8, report.samples());
  }

  @Test
  void aWideEnoughOutputIsLeftAlone() {
    List<Map<String, NdArray>> data = List.of(Map.of("x", NdArray.ofFloats(new float[] {1, 2, 3, 4}, 1, 4)));
    LiteRtModel q = PostTrainingQuantizer.quantize(model(), QuantizationOptions.of(QuantizationMode.INT8), data,
        ProgressListener.NONE);
    Operator add = q.subgraphs().get(0).operators().stream().filter(op -> op.op() == BuiltinOp.ADD).findFirst()
        .orElseThrow();
    // int8 allows an output 2^19 times finer than its widest input: the calibrated [0, 0.004] is far from that.
    float calibrated = ActivationParams.int8(0f, 4 * 0.001f).scale();
    assertEquals(calibrated, add.output(0).quantization().scale(), calibrated * 1e-4);
  }

  /** y = x * 0 + x * 0.001: the first term calibrates to all zeros. */
  private static LiteRtModel model() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.FLOAT32, Shape.of(1, 4));
    Tensor zero = Tensor.constant("zero", DataType.FLOAT32, Shape.of(1), ConstantData.ofFloats(0f));
    Tensor small = Tensor.constant("small", DataType.FLOAT32, Shape.of(1), ConstantData.ofFloats(0.001f));
    Tensor zeros = new Tensor("zeros", DataType.FLOAT32, Shape.of(1, 4));
    Tensor tiny = new Tensor("tiny", DataType.FLOAT32, Shape.of(1, 4));
    Tensor y = new Tensor("y", DataType.FLOAT32, Shape.of(1, 4));
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.MUL, List.of(x, zero), List.of(zeros), new OpOptions.Mul(Activation.NONE)));
    s.addOperator(new Operator(BuiltinOp.MUL, List.of(x, small), List.of(tiny), new OpOptions.Mul(Activation.NONE)));
    s.addOperator(new Operator(BuiltinOp.ADD, List.of(zeros, tiny), List.of(y), new OpOptions.Add(Activation.NONE)));
    s.addOutput("y", y);
    LiteRtModel m = new LiteRtModel("zero plus tiny");
    m.addSubgraph(s);
    return m;
  }
}
