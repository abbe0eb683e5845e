package io.litertj.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.LiteRtConverter;
import io.litertj.dataset.NdArray;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.testing.Closeness;
import io.litertj.testing.ControlFlowModels;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import io.litertj.tflite.TfliteReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quantizing models with loops (gen_tf_control_flow's static_while: a tanh RNN step in a WHILE
 * body): weight-only modes reach into the body, full integer quantizes around the loop and keeps
 * it float, and each result stays near TensorFlow's outputs in LiteRT.
 */
class ControlFlowQuantizationTest {

  private static final String SIGNATURE = "static_while";

  @Test
  void float16WeightsInsideTheLoopBody() {
    LiteRtModel q = quantize(QuantizationMode.FLOAT16);
    Subgraph body = body(q);
    assertTrue(body.operators().stream().anyMatch(op -> op.op() == BuiltinOp.DEQUANTIZE
        && op.input(0).type() == DataType.FLOAT16), "the body's weights are float16: " + body.opHistogram());
    matchesTensorFlow(q, Closeness.of(1e-3, 1e-2));
  }

  @Test
  void dynamicRangeWeightsInsideTheLoopBody() {
    // The body's 8x8 weights are below the default size limit for dynamic range; lower it.
    LiteRtModel q = quantize(QuantizationOptions.of(QuantizationMode.DYNAMIC_RANGE).withDynamicRangeMinElements(16));
    Operator fc = body(q).operators().stream().filter(op -> op.op() == BuiltinOp.FULLY_CONNECTED).findFirst()
        .orElseThrow();
    assertEquals(DataType.INT8, fc.input(1).type(), "hybrid FULLY_CONNECTED with int8 weights in the body");
    matchesTensorFlow(q, Closeness.of(1e-2, 3e-2));
  }

  @Test
  void fullIntegerKeepsTheLoopFloat() {
    LiteRtModel q = quantize(QuantizationMode.INT8);
    Operator loop = q.subgraphs().get(0).operators().stream().filter(op -> op.op() == BuiltinOp.WHILE).findFirst()
        .orElseThrow();
    for (Tensor t : loop.inputs()) {
      assertTrue(t.type() != DataType.INT8, "the loop reads float or int32 values: " + t);
    }
    for (Operator op : body(q).operators()) {
      assertTrue(op.outputs().stream().noneMatch(Tensor::isQuantized), "body ops stay float: " + op);
    }
    matchesTensorFlow(q, ControlFlowModels.CLOSENESS);
  }

  private static LiteRtModel quantize(QuantizationMode mode) {
    return quantize(QuantizationOptions.of(mode));
  }

  private static LiteRtModel quantize(QuantizationOptions options) {
    byte[] floatModel = LiteRtConverter.fromSavedModel(ControlFlowModels.savedModel()).signatureKeys(SIGNATURE)
        .convert().bytes();
    Map<String, NdArray> sample = new LinkedHashMap<>();
    ControlFlowModels.inputs(SIGNATURE, 0).forEach((name, t) -> sample.put(name, new NdArray(DataType.FLOAT32,
        Arrays.stream(t.shape()).mapToInt(d -> (int) d).toArray(), t.bytes())));
    return PostTrainingQuantizer.quantize(TfliteReader.read(floatModel), options,
        List.of(sample), null);
  }

  private static Subgraph body(LiteRtModel model) {
    return model.calledSubgraphs().stream().filter(s -> s.name().endsWith("/body")).findFirst().orElseThrow();
  }

  private static void matchesTensorFlow(LiteRtModel q, Closeness closeness) {
    byte[] bytes = new io.litertj.tflite.TfliteWriter().toBytes(q);
    try (LiteRtOracle lite = LiteRtOracle.load(bytes)) {
      Map<String, TensorData> ours = lite.run(SIGNATURE, ControlFlowModels.inputs(SIGNATURE, 0));
      closeness.assertAllClose(ControlFlowModels.outputs(SIGNATURE, 0), ours);
    }
  }
}
