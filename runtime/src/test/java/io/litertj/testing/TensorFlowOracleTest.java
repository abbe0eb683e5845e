package io.litertj.testing;

import static io.litertj.testing.TensorData.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TensorFlow on real SavedModels from ../shared/models. */
class TensorFlowOracleTest {

  @Test
  void runsHalfPlusTwoTf2() {
    try (TensorFlowOracle tf = TensorFlowOracle.load(SharedModels.path("half_plus_two_tf2"))) {
      assertTrue(tf.signatureKeys().contains("serving_default"), tf.signatureKeys().toString());
      SignatureSpec sig = tf.signature("serving_default");
      assertEquals(List.of(new TensorSpec("x", ElementType.FLOAT32, new long[] {1})), sig.inputs());
      assertEquals(List.of("y"), sig.outputNames());
      Map<String, TensorData> out = tf.run("serving_default", Map.of("x", TensorData.ofFloats(shape(1), 3f)));
      assertEquals(List.of("y"), List.copyOf(out.keySet()));
      assertEquals("y", out.get("y").name());
      assertArrayEquals(new long[] {1}, out.get("y").shape());
      assertArrayEquals(new float[] {3.5f}, out.get("y").asFloats());
    }
  }

  @Test
  void runsTf1GraphWithADynamicBatch() {
    try (TensorFlowOracle tf = TensorFlowOracle.load(SharedModels.path("half_plus_two_tf1"))) {
      assertArrayEquals(new long[] {-1, 1}, tf.signature("serving_default").input("x").orElseThrow().shape());
      TensorData y = tf.run("serving_default", Map.of("x", TensorData.ofFloats(shape(3, 1), 0, 1, -4))).get("y");
      assertArrayEquals(new long[] {3, 1}, y.shape());
      assertArrayEquals(new float[] {2f, 2.5f, 0f}, y.asFloats());
    }
  }

  @Test
  void reportsUnknownRankAndRunsScalars() {
    try (TensorFlowOracle tf = TensorFlowOracle.load(SharedModels.path("tfjava_multi_sig_tf2"))) {
      TensorSpec a = tf.signature("add").input("a").orElseThrow();
      assertFalse(a.rankKnown());
      assertNull(a.shape());
      Map<String, TensorData> out = tf.run("add", Map.of("a", TensorData.scalar(3f), "b", TensorData.scalar(5f)));
      assertEquals(0, out.get("output_0").rank());
      assertEquals(8f, out.get("output_0").asFloats()[0]);
      TensorData broadcast = tf.run("add",
          Map.of("a", TensorData.ofFloats(shape(2), 3, 4), "b", TensorData.scalar(5f))).get("output_0");
      assertArrayEquals(new float[] {8, 9}, broadcast.asFloats());
    }
  }

  @Test
  void runsInt64Exactly() {
    try (TensorFlowOracle tf = TensorFlowOracle.load(SharedModels.path("tfjs_int64_multiply"))) {
      TensorData out = tf.run("serving_default",
          Map.of("x", TensorData.ofLongs(shape(2), 3, 1L << 40))).get("output_0");
      assertEquals(ElementType.INT64, out.type());
      assertArrayEquals(new long[] {18, 6L << 40}, out.asLongs()); // x * 6, beyond int32
    }
  }

  @Test
  void listsRefDtypesAsTheirBaseTypeAndSignaturesWithoutInputs() {
    try (TensorFlowOracle tf = TensorFlowOracle.load(SharedModels.path("counter_tf1"))) {
      SignatureSpec get = tf.signature("get_counter");
      assertTrue(get.inputs().isEmpty());
      assertEquals(ElementType.FLOAT32, get.outputs().get(0).type()); // DT_FLOAT_REF in the file
    }
  }

  @Test
  void rejectsWrongInputsWithTheExpectedNames() {
    try (TensorFlowOracle tf = TensorFlowOracle.load(SharedModels.path("half_plus_two_tf2"))) {
      IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
          () -> tf.run("serving_default", Map.of("z", TensorData.scalar(1f))));
      assertTrue(names.getMessage().contains("takes inputs [x], but got [z]"), names.getMessage());
      IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
          () -> tf.run("serving_default", Map.of("x", TensorData.ofInts(shape(1), 1))));
      assertTrue(type.getMessage().contains("is FLOAT32, but the data is INT32"), type.getMessage());
      IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> tf.signature("nope"));
      assertTrue(key.getMessage().contains("no signature 'nope'"), key.getMessage());
    }
  }

  @Test
  void aTensorFlowFailureIsAClearException(@TempDir Path temp) {
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1)
        .output("y", g -> g.tf().reshape(g.input("x"), g.tf().constant(new int[] {3})))
        .export(temp.resolve("reshape"));
    try (TensorFlowOracle tf = TensorFlowOracle.load(dir)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> tf.run("serving_default", Map.of("x", TensorData.ofFloats(shape(4), 1, 2, 3, 4))));
      assertTrue(e.getMessage().startsWith("TensorFlow failed to run 'serving_default'"), e.getMessage());
      assertTrue(e.getMessage().contains("Input to reshape is a tensor with 4 values"), e.getMessage());
    }
  }
}
