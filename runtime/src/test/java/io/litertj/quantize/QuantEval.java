package io.litertj.quantize;

import io.litertj.testing.AffineQuantization;
import io.litertj.testing.ElementType;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorSpec;
import java.util.List;

/** Runs a (possibly integer-I/O) single-input, single-output model in LiteRT on float data, float out. */
final class QuantEval {

  private QuantEval() {}

  static TensorData run(byte[] model, TensorData input) {
    try (LiteRtOracle lite = LiteRtOracle.load(model)) {
      TensorSpec in = lite.inputs().get(0);
      TensorSpec out = lite.outputs().get(0);
      TensorData x = in.type() == ElementType.FLOAT32 ? input : AffineQuantization.quantize(input, in.quantization(), in.type());
      TensorData y = lite.runByIndex(List.of(x)).get(0);
      return out.type() == ElementType.FLOAT32 ? y : AffineQuantization.dequantize(y, out.quantization());
    }
  }

  static double top1(TensorData a, TensorData b) {
    float[] x = a.asFloats();
    float[] y = b.asFloats();
    int classes = (int) a.shape()[a.shape().length - 1];
    int agree = 0;
    int rows = x.length / classes;
    for (int r = 0; r < rows; r++) {
      if (argmax(x, r * classes, classes) == argmax(y, r * classes, classes)) {
        agree++;
      }
    }
    return agree / (double) rows;
  }

  private static int argmax(float[] v, int off, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (v[off + i] > v[off + best]) {
        best = i;
      }
    }
    return best;
  }
}
