package io.litertj.compose;

import static io.litertj.legalize.shape.Graphs.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.testing.ElementType;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorFlowOracle;
import io.litertj.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public expansion as a Keras converter uses it (straight into a subgraph), run in real LiteRT
 * and held to TensorFlow's own erf and erfc on a dense grid over [-10, 10] and beyond: the
 * absolute error stays below 1e-6 everywhere.
 */
class ErfExpansionTest {

  private static final int N = 8001;

  @TempDir
  Path dir;

  private static TensorData grid() {
    float[] x = new float[N];
    for (int i = 0; i < N - 6; i++) {
      x[i] = -10f + 20f * i / (N - 7);
    }
    float[] extra = {0f, -0f, 1e-30f, -1e-30f, 30f, -1e6f};
    System.arraycopy(extra, 0, x, N - 6, extra.length);
    return TensorData.ofFloats(new long[] {N}, x).named("x");
  }

  private float[] tf(String op, TensorData x) {
    Path saved = SavedModels.builder().input("x", ElementType.FLOAT32, N)
        .output("y", g -> raw(g, op, List.of(g.input("x")), b -> {})).export(dir.resolve(op));
    try (TensorFlowOracle tf = TensorFlowOracle.load(saved)) {
      return floats(tf.run("serving_default", Map.of("x", x)).get("y"));
    }
  }

  private static float[] lite(boolean complement, TensorData x) {
    Subgraph g = new Subgraph("serving_default");
    Tensor in = new Tensor("x", DataType.FLOAT32, Shape.of(N));
    g.addInput("x", in);
    Tensor out = complement ? ErfExpansion.erfc(g, in, "layer/erfc") : ErfExpansion.erf(g, in, "layer/erf");
    g.addOutput("y", out);
    assertTrue(g.operators().stream().map(o -> o.output(0).name()).distinct().count() == g.operators().size(),
        "tensor names are unique");
    LiteRtModel model = new LiteRtModel("erf");
    model.addSubgraph(g);
    try (LiteRtOracle lite = LiteRtOracle.load(new TfliteWriter().toBytes(model))) {
      return floats(lite.run("serving_default", Map.of("x", x)).get("y"));
    }
  }

  private static float[] floats(TensorData t) {
    ByteBuffer b = ByteBuffer.wrap(t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  private static double worst(float[] reference, float[] ours) {
    assertEquals(reference.length, ours.length);
    double worst = 0;
    for (int i = 0; i < reference.length; i++) {
      worst = Math.max(worst, Math.abs(reference[i] - ours[i]));
    }
    return worst;
  }

  @Test
  void erfIsWithinOneMillionthOfTensorFlows() {
    TensorData x = grid();
    double error = worst(tf("Erf", x), lite(false, x));
    assertTrue(error < 1e-6, "worst |erf error| " + error);
  }

  @Test
  void erfcIsWithinOneMillionthOfTensorFlows() {
    TensorData x = grid();
    double error = worst(tf("Erfc", x), lite(true, x));
    assertTrue(error < 1e-6, "worst |erfc error| " + error);
  }
}
