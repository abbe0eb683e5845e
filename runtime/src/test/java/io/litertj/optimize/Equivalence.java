package io.litertj.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.Subgraph;
import java.util.Map;

/** Runs the optimizer and checks, with {@link Reference}, that the outputs did not change. */
final class Equivalence {

  static final double TOLERANCE = 1e-5;

  private Equivalence() {}

  /** Optimizes {@code g} with the standard passes; fails if any output moves by more than 1e-5. */
  static void optimizeKeepsOutputs(Subgraph g) {
    Map<String, float[]> inputs = Reference.randomInputs(g, 7);
    Map<String, float[]> before = Reference.run(g, inputs);
    Optimizer.standard().run(g);
    Map<String, float[]> after = Reference.run(g, inputs);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((name, expected) -> assertClose(name, expected, after.get(name)));
  }

  static void assertClose(String name, float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, name + ": length");
    for (int i = 0; i < expected.length; i++) {
      double diff = Math.abs(expected[i] - actual[i]);
      assertTrue(diff <= TOLERANCE * Math.max(1, Math.abs(expected[i])),
          name + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
    }
  }
}
