package io.litertj.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.calibrate.ProgressListener;
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
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Integer I/O when the input is read, or the output computed, by an op kept in float (DIV has no
 * int8 kernel): the input stays integer and reaches the float op through a DEQUANTIZE, the output
 * gets a QUANTIZE with its calibrated params, as the official converter does.
 */
class IntegerIoAroundFloatOpsTest {

  @ParameterizedTest
  @EnumSource(value = IoType.class, names = {"INT8", "UINT8"})
  void floatOpsAtTheEdgesKeepIntegerIo(IoType io) {
    LiteRtModel model = divDenseDiv();
    LiteRtModel q = PostTrainingQuantizer.quantize(model, QuantizationOptions.of(QuantizationMode.INT8)
        .withIoTypes(io, io), TinyModels.samples(20), ProgressListener.NONE);
    Subgraph s = q.subgraphs().get(0);
    assertEquals(io.dataType(), s.inputs().get("x").type());
    assertEquals(io.dataType(), s.outputs().get("y").type());
    Operator first = s.operators().stream().filter(op -> op.op() == BuiltinOp.DIV).findFirst().orElseThrow();
    assertEquals(DataType.FLOAT32, first.input(0).type(), "DIV stays float");
    QuantizationReport report = QualityReporter.report(model, q, TinyModels.samples(20), ProgressListener.NONE);
    assertTrue(report.outputs().get(0).snrDb() > 30, report.summary());
  }

  /** x:[1,4] → DIV by 2 → FULLY_CONNECTED → DIV by 3 → y: float ops read the input and compute the output. */
  private static LiteRtModel divDenseDiv() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.FLOAT32, Shape.of(1, 4));
    Tensor half = new Tensor("half", DataType.FLOAT32, Shape.of(1, 4));
    Tensor dense = new Tensor("dense", DataType.FLOAT32, Shape.of(1, 3));
    Tensor y = new Tensor("y", DataType.FLOAT32, Shape.of(1, 3));
    Tensor weights = Tensor.constant("w", DataType.FLOAT32, Shape.of(3, 4), ConstantData.ofFloats(
        0.5f, -0.25f, 0.75f, 0.1f, -0.6f, 0.3f, 0.2f, -0.9f, 0.4f, 0.8f, -0.1f, 0.05f));
    Tensor bias = Tensor.constant("b", DataType.FLOAT32, Shape.of(3), ConstantData.ofFloats(0.1f, -0.2f, 0.3f));
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.DIV, List.of(x, scalar("two", 2f)), List.of(half),
        new OpOptions.Div(Activation.NONE)));
    s.addOperator(new Operator(BuiltinOp.FULLY_CONNECTED, List.of(half, weights, bias), List.of(dense),
        new OpOptions.FullyConnected(Activation.NONE, false, false)));
    s.addOperator(new Operator(BuiltinOp.DIV, List.of(dense, scalar("three", 3f)), List.of(y),
        new OpOptions.Div(Activation.NONE)));
    s.addOutput("y", y);
    LiteRtModel m = new LiteRtModel("div dense div");
    m.addSubgraph(s);
    return m;
  }

  private static Tensor scalar(String name, float v) {
    return Tensor.constant(name, DataType.FLOAT32, Shape.of(1), ConstantData.ofFloats(v));
  }
}
