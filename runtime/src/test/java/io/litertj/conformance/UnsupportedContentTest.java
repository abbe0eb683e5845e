package io.litertj.conformance;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.LiteRtConverter;
import io.litertj.testing.Conformance;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import java.util.Map;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SharedModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Models and signatures that cannot become LiteRT builtins give one error that lists every
 * unsupported op type with its nodes, and the convertible signatures of the same model still
 * convert when named.
 */
class UnsupportedContentTest {

  @Test
  void tfExampleParsingIsReportedWithItsNodes() {
    Path dir = SharedModels.require().resolve("half_plus_three_tf1");
    ConversionException e = assertInputError(
        () -> LiteRtConverter.fromSavedModel(dir).signatureKeys("tensorflow/serving/regress").convert());
    assertMentions(e, "ParseExample", "ParseExample/ParseExample", "tf.Example", "--saved_model_signature_key");
  }

  @Test
  void allSignaturesOfHalfPlusThreeFailOnlyOnTheParsingOne() {
    Path dir = SharedModels.require().resolve("half_plus_three_tf1");
    ConversionException e = assertInputError(
        () -> LiteRtConverter.fromSavedModel(dir).convert());
    assertMentions(e, "tensorflow/serving/regress", "ParseExample");
    // TF Java cannot load this TF 1.0 model (its regress signature declares a float input that is a
    // string in the graph), so the known semantics y = 0.5 x + 3 serve as the reference.
    byte[] served = LiteRtConverter.fromSavedModel(dir).signatureKeys("serving_default")
        .inputShape("x", -1, 1).convert().bytes();
    try (LiteRtOracle lite = LiteRtOracle.load(served)) {
      TensorData x = TensorData.ofFloats(new long[] {3, 1}, -2f, 0f, 5f);
      float[] y = lite.run("serving_default", Map.of("x", x)).get("y").asFloats();
      assertArrayEquals(new float[] {2f, 3f, 5.5f}, y, 1e-6f);
    }
  }

  @Test
  void classifyAndRegressSignaturesOfHalfPlusTwoAreStringParsing() {
    Path dir = SharedModels.require().resolve("half_plus_two_tf2");
    ConversionException e = assertInputError(
        () -> LiteRtConverter.fromSavedModel(dir).signatureKeys("classify_x_to_y", "regress_x_to_y").convert());
    assertMentions(e, "classify_x_to_y", "regress_x_to_y", "ParseExampleV2", "DT_STRING");
  }

  @Test
  void v1ControlFlowMergeIsReported() {
    Path dir = SharedModels.require().resolve("litert_control_flow_v1_savedmodel");
    ConversionException e = assertInputError(
        () -> LiteRtConverter.fromSavedModel(dir).convert());
    assertMentions(e, "Merge", "node Merge", "control flow");
  }

  @Test
  void trainingSignatureIsRefusedWhileItsGettersConvert() {
    Path dir = SharedModels.require().resolve("tfrust_regression_tfmodule");
    ConversionException e = assertInputError(
        () -> LiteRtConverter.fromSavedModel(dir).signatureKeys("train").convert());
    assertMentions(e, "train", "ResourceApplyGradientDescent", "training op");
    byte[] getters = LiteRtConverter.fromSavedModel(dir).signatureKeys("w", "b").convert().bytes();
    Conformance.check(dir, getters, "w", RandomInputs.seeded(1));
    Conformance.check(dir, getters, "b", RandomInputs.seeded(1));
  }

  @Test
  void statefulCounterAssignmentsAreRefused() {
    Path dir = SharedModels.require().resolve("counter_tf1");
    ConversionException e = assertInputError(
        () -> LiteRtConverter.fromSavedModel(dir).convert());
    assertMentions(e, "AssignAdd", "incr_counter_op/AssignAdd", "Assign", "stateful");
  }

  private static void assertMentions(ConversionException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "message lacks '" + part + "':\n" + e.getMessage());
    }
  }
}
