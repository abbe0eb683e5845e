package io.litertj.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.testing.Conformance;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SharedModels;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real SavedModels made by others, converted by us, run in real LiteRT, and compared with real
 * TensorFlow on the same seeded inputs. One row per (model, signature).
 */
class SharedSavedModelsConformanceTest {

  static Stream<Arguments> models() {
    return Stream.of(
        row("half_plus_two_tf1", "serving_default", floats()),
        row("half_plus_two_tf2", "serving_default", floats()),
        row("tfjs_times_three_float", "serving_default", floats()),
        row("tfjs_module_with_multiple_signatures", "serving_default", floats()),
        row("tfjs_module_with_multiple_signatures", "timestwo", floats()),
        row("tfjs_model_multi_output", "serving_default", ints()),
        row("tfjs_model_single_input_multi_output", "serving_default", ints()),
        row("tfjs_int64_multiply", "serving_default", ints()),
        // Inputs of unknown rank are converted as scalars, so they are fed as scalars.
        row("tfjava_multi_sig_tf2", "add", floats().shape("a").shape("b")),
        row("tfjava_multi_sig_tf2", "get_const_scalar", floats().shape("input")),
        row("tfjava_multi_sig_tf2", "get_const_vector", floats().shape("input")),
        row("tfjava_multi_sig_tf2", "get_const_matrix", floats().shape("input")),
        row("tfjava_multi_sig_tf2", "get_variable", floats().shape("dummy")),
        row("tfrust_keras_single_input_saved_model", "serving_default", floats()),
        row("tfrust_keras_multiple_inputs_saved_model", "serving_default", floats()),
        row("tf2onnx_regression_tf1", "serving_default", floats().shape("X")),
        row("tfrust_regression_tfmodule", "w", floats()),
        row("tfrust_regression_tfmodule", "b", floats()),
        row("mlperf_tiny_kws_dscnn_tf2", "serving_default", floats()));
  }

  @ParameterizedTest(name = "{0} [{1}]")
  @MethodSource("models")
  void convertedSignatureMatchesTensorFlow(String model, String signature, RandomInputs inputs) {
    Assumptions.assumeTrue(SharedModels.present(), "../shared/models is absent: skipping " + model);
    Path dir = SharedModels.path(model);
    ConversionResult result = LiteRtConverter.fromSavedModel(dir).signatureKeys(signature).convert();
    assertFalse(result.report().signatures().isEmpty());
    Conformance.check(dir, result.bytes(), signature, inputs);
  }

  private static Arguments row(String model, String signature, RandomInputs inputs) {
    return Arguments.of(model, signature, inputs);
  }

  private static RandomInputs floats() {
    return RandomInputs.seeded(42).batch(2).floats(-1, 1);
  }

  private static RandomInputs ints() {
    return RandomInputs.seeded(42).batch(2).ints(-50, 50);
  }
}
