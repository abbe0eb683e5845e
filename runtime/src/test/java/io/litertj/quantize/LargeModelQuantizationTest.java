package io.litertj.quantize;

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
import io.litertj.tflite.TfliteWriter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Quantization time of a 210 MB float model (five 4096x2560 FULLY_CONNECTED layers), every mode,
 * including writing the bytes. Slow and memory-hungry: only with {@code -Dlitertj.bigTests=true}.
 */
@EnabledIfSystemProperty(named = "litertj.bigTests", matches = "true")
class LargeModelQuantizationTest {

  private static final int WIDTH = 2560;
  private static final int OUT = 4096;

  @Test
  void quantizesA200MbModelInSeconds() {
    LiteRtModel model = model();
    Random r = new Random(3);
    List<Map<String, NdArray>> samples = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      float[] x = new float[WIDTH];
      for (int j = 0; j < WIDTH; j++) {
        x[j] = r.nextFloat();
      }
      samples.add(Map.of("x", NdArray.ofFloats(x, 1, WIDTH)));
    }
    for (QuantizationMode mode : QuantizationMode.values()) {
      long t0 = System.nanoTime();
      LiteRtModel q = PostTrainingQuantizer.quantize(model, QuantizationOptions.of(mode), samples, ProgressListener.NONE);
      long t1 = System.nanoTime();
      int size = new TfliteWriter().toBytes(q).length;
      long t2 = System.nanoTime();
      System.out.printf("210 MB model, %s: quantize %.2f s (10 calibration samples where needed), write %.2f s, %d bytes%n",
          mode, (t1 - t0) / 1e9, (t2 - t1) / 1e9, size);
      assertTrue(size > 0);
    }
  }

  private static LiteRtModel model() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.FLOAT32, Shape.of(1, WIDTH));
    s.addInput("x", x);
    Random r = new Random(1);
    Tensor in = x;
    for (int layer = 0; layer < 5; layer++) {
      int out = layer % 2 == 0 ? OUT : WIDTH;
      int width = layer % 2 == 0 ? WIDTH : OUT;
      float[] w = new float[out * width];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) r.nextGaussian() * 0.02f;
      }
      Tensor weights = Tensor.constant("w" + layer, DataType.FLOAT32, Shape.of(out, width), ConstantData.ofFloats(w));
      Tensor bias = Tensor.constant("b" + layer, DataType.FLOAT32, Shape.of(out), ConstantData.ofFloats(new float[out]));
      Tensor y = new Tensor("h" + layer, DataType.FLOAT32, Shape.of(1, out));
      s.addOperator(new Operator(BuiltinOp.FULLY_CONNECTED, List.of(in, weights, bias), List.of(y),
          new OpOptions.FullyConnected(Activation.RELU, false, false)));
      in = y;
    }
    s.addOutput("y", in);
    LiteRtModel m = new LiteRtModel("large");
    m.addSubgraph(s);
    return m;
  }
}
