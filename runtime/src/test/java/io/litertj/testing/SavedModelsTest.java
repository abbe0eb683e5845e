package io.litertj.testing;

import static io.litertj.testing.TensorData.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/** SavedModels built with TF Java, exported, reloaded and run by real TensorFlow. */
class SavedModelsTest {
  @TempDir Path temp;

  @Test
  void exportsAPlaceholderTimesAConstant() {
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 2)
        .output("y", g -> g.tf().math.mul(g.input("x"), g.constant(TensorData.ofFloats(shape(2), 10, -1))))
        .export(temp.resolve("mul"));
    assertTrue(Files.isRegularFile(dir.resolve("saved_model.pb")));
    try (TensorFlowOracle tf = TensorFlowOracle.load(dir)) {
      assertEquals(List.of("serving_default"), tf.signatureKeys());
      assertEquals(List.of(new TensorSpec("x", ElementType.FLOAT32, new long[] {-1, 2})),
          tf.signature("serving_default").inputs());
      TensorData y = tf.run("serving_default", Map.of("x", TensorData.ofFloats(shape(2, 2), 1, 2, 3, 4))).get("y");
      assertArrayEquals(new float[] {10, -2, 30, -4}, y.asFloats());
    }
  }

  @Test
  void variablesGoToARealCheckpoint() throws Exception {
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, 3)
        .variable("w", TensorData.ofFloats(shape(3), 1, 2, 3))
        .variable("b", TensorData.scalar(0.5f))
        .output("y", g -> g.tf().math.add(g.tf().math.mul(g.input("x"), g.variable("w")), g.variable("b")))
        .export(temp.resolve("affine"));
    assertTrue(Files.size(dir.resolve("variables/variables.index")) > 0);
    assertTrue(Files.size(dir.resolve("variables/variables.data-00000-of-00001")) >= 16);
    try (TensorFlowOracle tf = TensorFlowOracle.load(dir)) {
      assertTrue(tf.bundle().graph().operation("w").type().equals("VariableV2"));
      TensorData y = tf.run("serving_default", Map.of("x", TensorData.ofFloats(shape(3), 1, 1, -1))).get("y");
      assertArrayEquals(new float[] {1.5f, 2.5f, -2.5f}, y.asFloats());
    }
  }

  @Test
  void scalarsIntegersAndSeveralSignatures() {
    Path dir = SavedModels.builder()
        .signature("square")
        .input("n", ElementType.INT64)
        .output("sq", g -> g.tf().math.square(g.input("n")))
        .signature("sum")
        .input("a", ElementType.INT32, 3)
        .output("total", g -> g.tf().sum(g.input("a"), g.tf().constant(0)))
        .output("count", g -> g.tf().size(g.input("a")))
        .export(temp.resolve("ints"));
    try (TensorFlowOracle tf = TensorFlowOracle.load(dir)) {
      assertEquals(List.of("square", "sum"), tf.signatureKeys());
      TensorData sq = tf.run("square", Map.of("n", TensorData.scalar(3_000_000_000L))).get("sq");
      assertEquals(0, sq.rank());
      assertEquals(ElementType.INT64, sq.type());
      assertEquals(9_000_000_000_000_000_000L, sq.asLongs()[0]);
      Map<String, TensorData> sum = tf.run("sum", Map.of("a", TensorData.ofInts(shape(3), 4, 5, 6)));
      assertEquals(15, sum.get("total").asInts()[0]);
      assertEquals(3, sum.get("count").asInts()[0]);
    }
  }

  @Test
  void unknownRankInputsAndMultiOutputOps() {
    Path dir = SavedModels.builder()
        .inputUnknownRank("x", ElementType.FLOAT32)
        .outputs(g -> {
          Split<TFloat32> halves = g.tf().split(g.tf().constant(0), g.input("x"), 2L);
          return Map.<String, Operand<?>>of("first", halves.output().get(0), "second", halves.output().get(1));
        })
        .export(temp.resolve("split"));
    try (TensorFlowOracle tf = TensorFlowOracle.load(dir)) {
      assertFalse(tf.signature("serving_default").inputs().get(0).rankKnown());
      Map<String, TensorData> out = tf.run("serving_default", Map.of("x", TensorData.ofFloats(shape(4), 1, 2, 3, 4)));
      assertArrayEquals(new float[] {1, 2}, out.get("first").asFloats());
      assertArrayEquals(new float[] {3, 4}, out.get("second").asFloats());
    }
  }

  @Test
  void explainsMistakesInTheDeclaration() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> SavedModels.builder()
        .output("y", g -> g.input("x"))
        .export(temp.resolve("bad")));
    assertTrue(missing.getMessage().contains("has no input 'x'"), missing.getMessage());
    IllegalStateException noOutputs = assertThrows(IllegalStateException.class,
        () -> SavedModels.builder().input("x", ElementType.FLOAT32).export(temp.resolve("bad2")));
    assertTrue(noOutputs.getMessage().contains("has no outputs"), noOutputs.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> SavedModels.builder()
        .input("q", ElementType.INT8, 2).output("y", g -> g.input("q")).export(temp.resolve("bad3")));
  }
}
