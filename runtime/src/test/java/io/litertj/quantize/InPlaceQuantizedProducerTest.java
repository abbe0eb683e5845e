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
import io.litertj.tflite.TfliteWriter;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An op whose float input was quantized in place by its producer, and whose own outputs are not
 * float (CAST to int32, a comparison), is still a float op: without an integer kernel it must get
 * its input back through a DEQUANTIZE. Passed the raw integers, CAST would cast quantized codes
 * (silently wrong) and a comparison would compare them with a float constant.
 */
class InPlaceQuantizedProducerTest {

  @ParameterizedTest
  @EnumSource(value = QuantizationMode.class, names = {"INT8", "INT16X8"})
  void castAndCompareAfterAQuantizedDenseSeeTheRealValues(QuantizationMode mode) {
    LiteRtModel model = denseThenCastAndCompare();
    byte[] floatBytes = new TfliteWriter().toBytes(model);
    LiteRtModel q = PostTrainingQuantizer.quantize(model, QuantizationOptions.of(mode), TinyModels.samples(20),
        ProgressListener.NONE);
    byte[] quantized = new TfliteWriter().toBytes(q);
    TensorData x = TensorData.ofFloats(new long[] {1, 4}, 0.5f, -0.25f, 0.4f, 0.1f).named("x");
    Map<String, TensorData> reference = run(floatBytes, x);
    Map<String, TensorData> ours = run(quantized, x);
    int[] want = reference.get("truncated").asInts();
    int[] got = ours.get("truncated").asInts();
    for (int i = 0; i < want.length; i++) {
      assertTrue(Math.abs(want[i] - got[i]) <= 1, "CAST of the dense output: float model " + want[i]
          + ", quantized " + got[i]);
    }
    assertEquals(List.of(true, false, true), asList(reference.get("positive").asBools()), "the float model's signs");
    assertEquals(asList(reference.get("positive").asBools()), asList(ours.get("positive").asBools()));
  }

  private static List<Boolean> asList(boolean[] b) {
    return java.util.stream.IntStream.range(0, b.length).mapToObj(i -> b[i]).toList();
  }

  private static Map<String, TensorData> run(byte[] model, TensorData x) {
    try (LiteRtOracle lite = LiteRtOracle.load(model)) {
      return lite.run("serving_default", Map.of("x", x));
    }
  }

  /** x:[1,4] → FULLY_CONNECTED(3) ×4 → CAST int32 and GREATER than 0.5. */
  private static LiteRtModel denseThenCastAndCompare() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.FLOAT32, Shape.of(1, 4));
    Tensor weights = Tensor.constant("w", DataType.FLOAT32, Shape.of(3, 4), ConstantData.ofFloats(
        2f, 1f, 1f, 0f, -2f, 1f, -1f, 0f, 1f, 0f, 2f, 2f));
    Tensor bias = Tensor.constant("b", DataType.FLOAT32, Shape.of(3), ConstantData.ofFloats(0.5f, -1f, 1f));
    Tensor dense = new Tensor("dense", DataType.FLOAT32, Shape.of(1, 3));
    Tensor truncated = new Tensor("truncated", DataType.INT32, Shape.of(1, 3));
    Tensor positive = new Tensor("positive", DataType.BOOL, Shape.of(1, 3));
    Tensor half = Tensor.constant("half", DataType.FLOAT32, Shape.scalar(), ConstantData.ofFloats(0.5f));
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.FULLY_CONNECTED, List.of(x, weights, bias), List.of(dense),
        new OpOptions.FullyConnected(Activation.NONE, false, false)));
    s.addOperator(new Operator(BuiltinOp.CAST, List.of(dense), List.of(truncated),
        new OpOptions.Cast(DataType.FLOAT32, DataType.INT32)));
    s.addOperator(new Operator(BuiltinOp.GREATER, List.of(dense, half), List.of(positive), null));
    s.addOutput("truncated", truncated);
    s.addOutput("positive", positive);
    LiteRtModel m = new LiteRtModel("dense cast compare");
    m.addSubgraph(s);
    return m;
  }
}
