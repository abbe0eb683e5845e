package io.litertj.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomInputsTest {
  private final SignatureSpec signature = new SignatureSpec("serving_default",
      List.of(new TensorSpec("x", ElementType.FLOAT32, new long[] {-1, 3}),
          new TensorSpec("ids", ElementType.INT32, new long[] {4}),
          new TensorSpec("mask", ElementType.BOOL, new long[] {}),
          new TensorSpec("pixels", ElementType.UINT8, new long[] {-1, 2, 2})),
      List.of());

  @Test
  void sameSeedSameData_otherSeedOtherData() {
    assertEquals(RandomInputs.forSignature(signature, 7), RandomInputs.forSignature(signature, 7));
    assertNotEquals(RandomInputs.forSignature(signature, 7).get("x"), RandomInputs.forSignature(signature, 8).get("x"));
  }

  @Test
  void dynamicDimensionsBecomeTheBatchSize() {
    Map<String, TensorData> in = RandomInputs.seeded(1).batch(5).forSignature(signature);
    assertArrayEquals(new long[] {5, 3}, in.get("x").shape());
    assertArrayEquals(new long[] {4}, in.get("ids").shape());
    assertArrayEquals(new long[] {}, in.get("mask").shape());
    assertArrayEquals(new long[] {5, 2, 2}, in.get("pixels").shape());
    assertEquals("x", in.get("x").name());
  }

  @Test
  void valuesStayInTheirRanges() {
    Map<String, TensorData> in = RandomInputs.seeded(3).batch(500).floats(2, 3).ints(-2, 2).forSignature(signature);
    for (float f : in.get("x").asFloats()) {
      assertTrue(f >= 2 && f < 3, "float " + f);
    }
    for (int i : in.get("ids").asInts()) {
      assertTrue(i >= -2 && i <= 2, "int " + i);
    }
    for (int u : in.get("pixels").asInts()) {
      assertTrue(u >= 0 && u <= 2, "uint8 " + u); // clamped to the type
    }
    Map<String, TensorData> defaults = RandomInputs.seeded(3).batch(500).forSignature(signature);
    for (float f : defaults.get("x").asFloats()) {
      assertTrue(f >= -1 && f < 1, "float " + f);
    }
  }

  @Test
  void anInputsDataDoesNotDependOnTheOtherInputs() {
    TensorData alone = RandomInputs.seeded(9).forInputs(List.of(signature.inputs().get(0))).get("x");
    assertEquals(alone, RandomInputs.forSignature(signature, 9).get("x"));
  }

  @Test
  void unknownRankNeedsAnExplicitShape() {
    TensorSpec unknown = new TensorSpec("a", ElementType.FLOAT32, null);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RandomInputs.seeded(1).forInput(unknown));
    assertTrue(e.getMessage().contains("'a' has unknown rank"), e.getMessage());
    assertArrayEquals(new long[] {2, 2}, RandomInputs.seeded(1).shape("a", 2, 2).forInput(unknown).shape());
  }
}
