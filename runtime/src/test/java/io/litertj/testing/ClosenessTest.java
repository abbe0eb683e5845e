package io.litertj.testing;

import static io.litertj.testing.TensorData.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClosenessTest {
  private final Closeness standard = Closeness.standard();

  @Test
  void acceptsErrorsWithinAbsolutePlusRelativeBound() {
    // max|ref| = 100, so the bound is 1e-5 + 1e-2
    TensorData ref = TensorData.ofFloats(shape(3), 100f, 0f, -1f);
    TensorData ours = TensorData.ofFloats(shape(3), 100.005f, 0.009f, -1.0099f);
    standard.assertClose("y", ref, ours);
  }

  @Test
  void failureNamesOutputWorstIndexValuesAndBound() {
    TensorData ref = TensorData.ofFloats(shape(2, 2), 1f, 2f, 3f, 4f);
    TensorData ours = TensorData.ofFloats(shape(2, 2), 1f, 2f, 3.01f, 4f);
    AssertionError e = assertThrows(AssertionError.class, () -> standard.assertClose("logits", ref, ours));
    String m = e.getMessage();
    assertTrue(m.startsWith("output 'logits': too far"), m);
    assertTrue(m.contains("index 2 [1, 0] of shape [2, 2]"), m);
    assertTrue(m.contains("reference 3.00000000"), m);
    assertTrue(m.contains("ours 3.00999999"), m);
    assertTrue(m.contains("bound 0.000410000"), m);
    assertTrue(m.contains("1 of 4 elements out of bound"), m);
  }

  @Test
  void integerOutputsMustMatchExactly() {
    TensorData ref = TensorData.ofInts(shape(3), 1, 2, 3);
    standard.assertClose("ids", ref, TensorData.ofInts(shape(3), 1, 2, 3));
    AssertionError e = assertThrows(AssertionError.class,
        () -> standard.assertClose("ids", ref, TensorData.ofInts(shape(3), 1, 2, 4)));
    assertTrue(e.getMessage().contains("1 of 3 elements differ; first at index 2"), e.getMessage());
  }

  @Test
  void shapesAndTypesMustBeEqual() {
    TensorData ref = TensorData.ofFloats(shape(2), 1, 2);
    AssertionError shape = assertThrows(AssertionError.class,
        () -> standard.assertClose("y", ref, ref.reshaped(1, 2)));
    assertTrue(shape.getMessage().contains("shape [1, 2] differs from the reference's [2]"), shape.getMessage());
    AssertionError type = assertThrows(AssertionError.class,
        () -> standard.assertClose("y", ref, TensorData.ofInts(shape(2), 1, 2)));
    assertTrue(type.getMessage().contains("element type INT32"), type.getMessage());
    assertThrows(AssertionError.class, () -> Closeness.assertSameShape("y", ref, ref.reshaped(2, 1)));
  }

  @Test
  void nanMatchesOnlyNanAndInfinityOnlyItself() {
    TensorData ref = TensorData.ofFloats(shape(2), Float.NaN, Float.POSITIVE_INFINITY);
    standard.assertClose("y", ref, TensorData.ofFloats(shape(2), Float.NaN, Float.POSITIVE_INFINITY));
    assertThrows(AssertionError.class,
        () -> standard.assertClose("y", ref, TensorData.ofFloats(shape(2), 0f, Float.POSITIVE_INFINITY)));
    assertThrows(AssertionError.class,
        () -> standard.assertClose("y", ref, TensorData.ofFloats(shape(2), Float.NaN, Float.MAX_VALUE)));
  }

  @Test
  void mapsMustHaveTheSameOutputNames() {
    TensorData y = TensorData.scalar(1f);
    AssertionError e = assertThrows(AssertionError.class,
        () -> standard.assertAllClose(Map.of("y", y), Map.of("z", y)));
    assertTrue(e.getMessage().contains("output names differ"), e.getMessage());
  }

  @Test
  void customToleranceLoosensTheBound() {
    TensorData ref = TensorData.ofFloats(shape(1), 1f);
    TensorData ours = TensorData.ofFloats(shape(1), 1.01f);
    assertFalse(standard.compare(ref, ours).passed());
    assertTrue(Closeness.of(0, 0.02).compare(ref, ours).passed());
  }

  @Test
  void snrAndCosineSimilarity() {
    TensorData ref = TensorData.ofFloats(shape(4), 1, -1, 1, -1);
    TensorData noisy = TensorData.ofFloats(shape(4), 1.1f, -1, 1, -1);
    // signal 4, noise 0.01 (in float32) -> 10 log10(400) = 26.02 dB
    assertEquals(26.0206, Closeness.snrDb(ref, noisy), 1e-3);
    assertEquals(Double.POSITIVE_INFINITY, Closeness.snrDb(ref, ref));
    assertEquals(1.0, Closeness.cosineSimilarity(ref, ref), 1e-12);
    assertEquals(-1.0, Closeness.cosineSimilarity(ref, TensorData.ofFloats(shape(4), -1, 1, -1, 1)), 1e-12);
    assertEquals(0.0, Closeness.cosineSimilarity(ref, TensorData.ofFloats(shape(4), 1, 1, -1, -1)), 1e-12);
  }
}
