package io.litertj.optimize;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Subgraph;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.TensorData;
import io.litertj.tflite.TfliteWriter;
import java.util.Map;

/**
 * Runs a hand-built subgraph in real LiteRT before and after the standard optimizer on the same
 * seeded inputs in {@code [low, high)}; fails if any output moves by more than
 * {@code 1e-5 + 1e-4·max|ref|}. Proves a fusion keeps what LiteRT computes.
 */
final class LiteRtEquivalence {

  private LiteRtEquivalence() {}

  static void optimizeKeepsLiteRtOutputs(Subgraph g, double low, double high) {
    optimizeKeepsLiteRtOutputs(Optimizer.standard(), g, low, high);
  }

  static void optimizeKeepsLiteRtOutputs(Optimizer optimizer, Subgraph g, double low, double high) {
    byte[] before = write(g);
    optimizer.run(g);
    byte[] after = write(g);
    try (LiteRtOracle b = LiteRtOracle.load(before); LiteRtOracle a = LiteRtOracle.load(after)) {
      String key = b.signatureKeys().get(0);
      Map<String, TensorData> in = RandomInputs.seeded(20261204).floats(low, high).forSignature(b.signature(key));
      Closeness.standard().assertAllClose(b.run(key, in), a.run(key, in));
    }
  }

  private static byte[] write(Subgraph g) {
    LiteRtModel model = new LiteRtModel("fusion test");
    model.addSubgraph(g);
    return new TfliteWriter().toBytes(model);
  }
}
