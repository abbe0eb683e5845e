package io.litertj.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.calibrate.LiteRtRunner;
import io.litertj.calibrate.ProgressListener;
import io.litertj.dataset.NdArray;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.tflite.TfliteWriter;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SHAPE reads only its input's dimensions, so it takes an integer input as well as a float one:
 * an int8-I/O model whose input also feeds a SHAPE (Keras LSTMs do this) must not be refused.
 */
class ShapeOfIntegersTest {

  @Test
  void shapeReadsTheInt8InputOfAnInt8IoModel() {
    List<Map<String, NdArray>> data = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      data.add(Map.of("x", NdArray.ofFloats(new float[] {i, -i, 1, 2}, 1, 4)));
    }
    LiteRtModel q = PostTrainingQuantizer.quantize(model(), QuantizationOptions.of(QuantizationMode.INT8)
        .withIoTypes(IoType.INT8, IoType.INT8), data, ProgressListener.NONE);
    Subgraph s = q.subgraphs().get(0);
    assertEquals(DataType.INT8, s.inputs().get("x").type());
    Operator shape = s.operators().stream().filter(op -> op.op() == BuiltinOp.SHAPE).findFirst().orElseThrow();
    assertEquals(DataType.INT8, shape.input(0).type(), "SHAPE reads the int8 tensor, no DEQUANTIZE before it");
    try (LiteRtRunner runner = new LiteRtRunner(new TfliteWriter().toBytes(q), "serving_default")) {
      runner.invoke(Map.of("x", new NdArray(DataType.INT8, new int[] {3, 4}, new byte[12])));
      int[] dims = new int[2];
      runner.outputView("dims").order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(dims);
      assertArrayEquals(new int[] {3, 4}, dims);
    }
  }

  /** x:[-1,4] → RELU → y, and SHAPE(x) → dims. */
  private static LiteRtModel model() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.FLOAT32, Shape.of(-1, 4));
    Tensor y = new Tensor("y", DataType.FLOAT32, Shape.of(-1, 4));
    Tensor dims = new Tensor("dims", DataType.INT32, Shape.of(2));
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.RELU, List.of(x), List.of(y), null));
    s.addOperator(new Operator(BuiltinOp.SHAPE, List.of(x), List.of(dims), new io.litertj.ir.OpOptions.ShapeOp(DataType.INT32)));
    s.addOutput("y", y);
    s.addOutput("dims", dims);
    LiteRtModel m = new LiteRtModel("shape of x");
    m.addSubgraph(s);
    return m;
  }
}
