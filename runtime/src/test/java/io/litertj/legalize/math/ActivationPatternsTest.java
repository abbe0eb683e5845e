package io.litertj.legalize.math;

import static io.litertj.legalize.math.MathCases.NO_ATTRS;
import static io.litertj.legalize.math.MathCases.s;
import static io.litertj.legalize.math.MathCases.unary;
import static io.litertj.legalize.shape.Graphs.randomFloats;
import static io.litertj.legalize.shape.Graphs.raw;
import static io.litertj.testing.ElementType.FLOAT32;

import io.litertj.legalize.shape.OpConformance;
import io.litertj.legalize.shape.OpConformance.Case;
import io.litertj.testing.SavedModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;

/**
 * Activations that TF graphs spell with several ops, converted to the one builtin the official
 * converter emits (GELU exact and tanh-approximate, HARD_SWISH, PRELU, LEAKY_RELU) or, for a lone
 * erf/erfc, to an accurate expansion; each checked against TensorFlow in real LiteRT, and
 * quantized in every mode.
 */
class ActivationPatternsTest {

  @TempDir
  Path dir;

  private static Operand<?> op(SavedModels.Context g, String type, Operand<?>... inputs) {
    return raw(g, type, List.of(inputs), NO_ATTRS);
  }

  private static Operand<?> c(SavedModels.Context g, float value) {
    return g.tf().constant(value);
  }

  private static Case graph(String name, long[] shape, BiFunction<SavedModels.Context, Operand<?>, Operand<?>> body) {
    return Case.of(name, m -> m.input("x", FLOAT32, shape).output("y", g -> body.apply(g, g.input("x"))));
  }

  @TestFactory
  Stream<DynamicTest> erfAndErfc() {
    return OpConformance.tests(List.of(
        unary("erfc_lone", "Erfc", FLOAT32, s(-1, 50)).inputs(r -> r.floats(-4, 4)),
        unary("erfc_tail_keeps_small_values", "Erfc", FLOAT32, s(-1, 40)).inputs(r -> r.floats(2, 6)),
        unary("erf_wide_range", "Erf", FLOAT32, s(-1, 40)).inputs(r -> r.floats(-12, 12)),
        // ops_erf's model: erf(x) + 0.5x, which the official converter cannot convert.
        graph("erf_plus_half_x", s(-1, 10), (g, x) -> op(g, "AddV2", op(g, "Erf", x), op(g, "Mul", x, c(g, 0.5f))))
            .inputs(r -> r.floats(-4, 4))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> exactGelu() {
    return OpConformance.tests(List.of(
        // Keras 3 / tf.nn.gelu: 0.5·x·erfc(-x·(1/√2))
        graph("gelu_erfc_as_keras3_writes_it", s(-1, 3, 8), (g, x) -> op(g, "Mul", op(g, "Mul", c(g, 0.5f), x),
            op(g, "Erfc", op(g, "Mul", op(g, "Neg", x), c(g, 0.70710677f))))).inputs(r -> r.floats(-5, 5))
            .ops(Map.of("GELU", 1)),
        // older TF: 0.5·x·(1 + erf(x/√2))
        graph("gelu_one_plus_erf_over_sqrt2", s(-1, 8), (g, x) -> op(g, "Mul", op(g, "Mul", x, c(g, 0.5f)),
            op(g, "AddV2", c(g, 1f), op(g, "Erf", op(g, "RealDiv", x, c(g, 1.4142135f)))))).inputs(r -> r.floats(-5, 5))
            .ops(Map.of("GELU", 1)),
        graph("gelu_grouped_x_times_half_term", s(-1, 8), (g, x) -> op(g, "Mul", x, op(g, "Mul",
            op(g, "AddV2", op(g, "Erf", op(g, "Mul", x, c(g, 0.70710677f))), c(g, 1f)), c(g, 0.5f))))
            .ops(Map.of("GELU", 1)),
        // A gelu whose input is itself a product still matches.
        Case.of("gelu_of_a_product", m -> m.input("a", FLOAT32, -1, 8).input("b", FLOAT32, -1, 8).output("y", g -> {
          Operand<?> x = op(g, "Mul", g.input("a"), g.input("b"));
          return op(g, "Mul", op(g, "Mul", c(g, 0.5f), x), op(g, "Erfc", op(g, "Mul", op(g, "Neg", x),
              c(g, 0.70710677f))));
        })).ops(Map.of("MUL", 1, "GELU", 1)),
        // Not a gelu: the scale is 0.6, so the erfc stays (expanded) and the products stay.
        graph("erfc_product_that_is_not_a_gelu", s(-1, 8), (g, x) -> op(g, "Mul", op(g, "Mul", c(g, 0.6f), x),
            op(g, "Erfc", op(g, "Mul", op(g, "Neg", x), c(g, 0.70710677f))))).inputs(r -> r.floats(-3, 3))
    ), dir);
  }

  private static Operand<?> tanhGelu(SavedModels.Context g, Operand<?> x, Operand<?> cube) {
    Operand<?> inner = op(g, "AddV2", x, op(g, "Mul", c(g, 0.044715f), cube));
    Operand<?> tanh = op(g, "Tanh", op(g, "Mul", c(g, 0.7978846f), inner));
    return op(g, "Mul", op(g, "Mul", c(g, 0.5f), x), op(g, "AddV2", c(g, 1f), tanh));
  }

  @TestFactory
  Stream<DynamicTest> tanhGelu() {
    return OpConformance.tests(List.of(
        graph("gelu_tanh_with_pow", s(-1, 3, 8), (g, x) -> tanhGelu(g, x, op(g, "Pow", x, c(g, 3f))))
            .inputs(r -> r.floats(-5, 5)).ops(Map.of("GELU", 1)),
        graph("gelu_tanh_with_x_x_x", s(-1, 8), (g, x) -> tanhGelu(g, x, op(g, "Mul", op(g, "Mul", x, x), x)))
            .inputs(r -> r.floats(-5, 5)).ops(Map.of("GELU", 1)),
        graph("gelu_tanh_with_x_times_square", s(-1, 8), (g, x) -> tanhGelu(g, x, op(g, "Mul", x, op(g, "Square", x))))
            .ops(Map.of("GELU", 1)),
        graph("tanh_product_with_another_coefficient_is_not_a_gelu", s(-1, 8), (g, x) -> {
          Operand<?> inner = op(g, "AddV2", x, op(g, "Mul", c(g, 0.05f), op(g, "Pow", x, c(g, 3f))));
          return op(g, "Mul", op(g, "Mul", c(g, 0.5f), x), op(g, "AddV2", c(g, 1f),
              op(g, "Tanh", op(g, "Mul", c(g, 0.7978846f), inner))));
        })
    ), dir);
  }

  private static Operand<?> relu6OfXPlus3(SavedModels.Context g, Operand<?> x) {
    return op(g, "Relu6", op(g, "AddV2", x, c(g, 3f)));
  }

  @TestFactory
  Stream<DynamicTest> hardSwish() {
    return OpConformance.tests(List.of(
        // Keras's hard_swish activation: x·(relu6(x + 3)/6)
        graph("hard_swish_keras_activation", s(-1, 4, 4, 3), (g, x) -> op(g, "Mul", x,
            op(g, "RealDiv", relu6OfXPlus3(g, x), c(g, 6f))))
            .inputs(r -> r.floats(-5, 5)).ops(Map.of("HARD_SWISH", 1)),
        // MobileNetV3's: x·(relu6(x + 3)·(1/6))
        graph("hard_swish_mobilenet_v3", s(-1, 6), (g, x) -> op(g, "Mul", x,
            op(g, "Mul", relu6OfXPlus3(g, x), c(g, 1f / 6)))).inputs(r -> r.floats(-5, 5))
            .ops(Map.of("HARD_SWISH", 1)),
        graph("hard_swish_product_first", s(-1, 6), (g, x) -> op(g, "RealDiv",
            op(g, "Mul", relu6OfXPlus3(g, x), x), c(g, 6f))).inputs(r -> r.floats(-5, 5))
            .ops(Map.of("HARD_SWISH", 1)),
        graph("hard_sigmoid_alone_stays_relu6_and_mul", s(-1, 6), (g, x) -> op(g, "Mul", relu6OfXPlus3(g, x),
            c(g, 1f / 6))).inputs(r -> r.floats(-5, 5)).ops(Map.of("ADD", 1, "MUL", 1))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> preluAndLeakyRelu() {
    return OpConformance.tests(List.of(
        // Keras's PReLU: relu(x) + (-alpha)·relu(-x), alpha per channel.
        Case.of("prelu_as_keras_writes_it", m -> m.input("x", FLOAT32, -1, 4, 4, 3).variable("alpha",
            randomFloats(5, 1, 1, 3)).output("y", g -> op(g, "AddV2", op(g, "Relu", g.input("x")),
            op(g, "Mul", op(g, "Neg", g.variable("alpha")), op(g, "Relu", op(g, "Neg", g.input("x")))))))
            .ops(Map.of("PRELU", 1)),
        Case.of("prelu_as_relu_minus_alpha_relu_neg", m -> m.input("x", FLOAT32, -1, 5).variable("alpha",
            randomFloats(6, 5)).output("y", g -> op(g, "Sub", op(g, "Relu", g.input("x")),
            op(g, "Mul", g.variable("alpha"), op(g, "Relu", op(g, "Neg", g.input("x"))))))).ops(Map.of("PRELU", 1)),
        graph("leaky_relu_as_maximum", s(-1, 6), (g, x) -> op(g, "Maximum", x, op(g, "Mul", x, c(g, 0.2f))))
            .ops(Map.of("LEAKY_RELU", 1))
        // max(x, 1.5·x) is no leaky relu, but TF's own graph optimizer rewrites it into one
        // (LeakyRelu(1.5)), so TF is no judge there: FuseLeakyReluTest checks it in LiteRT.
    ), dir);
  }
}
