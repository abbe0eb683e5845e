package io.litertj.legalize.math;

import static io.litertj.legalize.math.MathCases.NO_ATTRS;
import static io.litertj.legalize.math.MathCases.binary;
import static io.litertj.legalize.math.MathCases.in;
import static io.litertj.legalize.math.MathCases.listOp;
import static io.litertj.legalize.math.MathCases.nary;
import static io.litertj.legalize.math.MathCases.ops;
import static io.litertj.legalize.math.MathCases.reduce;
import static io.litertj.legalize.math.MathCases.s;
import static io.litertj.legalize.math.MathCases.unary;
import static io.litertj.legalize.math.MathCases.withConstant;
import static io.litertj.legalize.math.MathCases.withVariable;
import static io.litertj.legalize.shape.Graphs.randomFloats;
import static io.litertj.legalize.shape.Graphs.raw;
import static io.litertj.testing.ElementType.BOOL;
import static io.litertj.testing.ElementType.FLOAT32;
import static io.litertj.testing.ElementType.INT32;
import static io.litertj.testing.ElementType.INT64;
import static io.litertj.testing.TensorData.shape;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.LiteRtConverter;
import io.litertj.legalize.shape.OpConformance;
import io.litertj.legalize.shape.OpConformance.Case;
import io.litertj.testing.ElementType;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;

/** Conformance of the math legalizers against TensorFlow, run in real LiteRT. */
class MathLegalizersTest {

  @TempDir
  Path dir;

  private static String lower(ElementType t) {
    return t.name().toLowerCase();
  }

  @TestFactory
  Stream<DynamicTest> arithmeticBroadcastsOverDynamicBatch() {
    List<Case> cases = new ArrayList<>();
    for (String op : List.of("Add", "AddV2", "Sub", "Mul", "Maximum", "Minimum")) {
      for (ElementType t : List.of(FLOAT32, INT32, INT64)) {
        cases.add(binary(op.toLowerCase() + "_" + lower(t) + "_broadcast", op, t, s(-1, 3, 4), s(4)));
      }
    }
    cases.add(binary("add_float32_both_sides_broadcast", "AddV2", FLOAT32, s(-1, 1, 4), s(3, 1)));
    cases.add(binary("mul_float32_same_shape", "Mul", FLOAT32, s(2, 3), s(2, 3)).ops(Map.of("MUL", 1)));
    cases.add(binary("squared_difference_float32", "SquaredDifference", FLOAT32, s(-1, 5), s(5)));
    cases.add(binary("squared_difference_int32", "SquaredDifference", INT32, s(-1, 5), s(1, 5)));
    cases.add(binary("floor_mod_float32", "FloorMod", FLOAT32, s(-1, 4), s(4)).inputs(r -> r.floats(0.5, 3)));
    cases.add(binary("pow_float32_positive_base", "Pow", FLOAT32, s(-1, 4), s(4)).inputs(r -> r.floats(0.5, 2)));
    return OpConformance.tests(cases, dir);
  }

  @TestFactory
  Stream<DynamicTest> divisionsByNonZeroConstants() {
    TensorData floats = TensorData.ofFloats(shape(4), 0.5f, -1.5f, 2f, -3f);
    TensorData ints = TensorData.ofInts(shape(4), 3, -2, 4, -5);
    TensorData longs = TensorData.ofLongs(shape(4), 3, -2, 4, -5);
    return OpConformance.tests(List.of(
        withConstant("real_div_float32", "RealDiv", FLOAT32, s(-1, 4), floats).ops(Map.of("MUL", 1)), // x * (1/c)
        withConstant("div_float32", "Div", FLOAT32, s(-1, 4), floats),
        withConstant("div_int32_truncates", "Div", INT32, s(-1, 4), ints).inputs(r -> r.ints(-20, 20)),
        withConstant("floor_div_float32", "FloorDiv", FLOAT32, s(-1, 4), floats).inputs(r -> r.floats(-5, 5)),
        withConstant("floor_div_int32_rounds_down", "FloorDiv", INT32, s(-1, 4), ints).inputs(r -> r.ints(-20, 20)),
        withConstant("floor_mod_int32_takes_divisor_sign", "FloorMod", INT32, s(-1, 4), ints)
            .inputs(r -> r.ints(-20, 20)),
        withConstant("floor_mod_int64", "FloorMod", INT64, s(-1, 4), longs).inputs(r -> r.ints(-20, 20)),
        withConstant("pow_int32_small_exponents", "Pow", INT32, s(-1, 4), TensorData.ofInts(shape(4), 0, 1, 2, 3))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> comparisonsAndLogic() {
    List<Case> cases = new ArrayList<>();
    for (String op : List.of("Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual")) {
      cases.add(binary(op.toLowerCase() + "_int32", op, INT32, s(-1, 4), s(4)).inputs(r -> r.ints(-2, 2)));
    }
    cases.add(binary("less_float32", "Less", FLOAT32, s(-1, 3), s(3)).ops(Map.of("LESS", 1)));
    cases.add(binary("greater_equal_int64", "GreaterEqual", INT64, s(2, 3), s(2, 1)).inputs(r -> r.ints(-2, 2)));
    cases.add(binary("equal_bool", "Equal", BOOL, s(-1, 3), s(3)));
    cases.add(binary("logical_and", "LogicalAnd", BOOL, s(-1, 3), s(3)));
    cases.add(binary("logical_or", "LogicalOr", BOOL, s(2, 1), s(1, 3)));
    cases.add(unary("logical_not", "LogicalNot", BOOL, s(-1, 3)));
    return OpConformance.tests(cases, dir);
  }

  @TestFactory
  Stream<DynamicTest> activations() {
    return OpConformance.tests(List.of(
        unary("relu_float32", "Relu", FLOAT32, s(-1, 5)).ops(Map.of("RELU", 1)),
        unary("relu_int32_is_maximum_with_zero", "Relu", INT32, s(-1, 5)).ops(Map.of("MAXIMUM", 1)),
        unary("relu_int64_is_maximum_with_zero", "Relu", INT64, s(-1, 5)),
        unary("relu6_float32", "Relu6", FLOAT32, s(-1, 5)).inputs(r -> r.floats(-8, 8)).ops(Map.of("RELU6", 1)),
        unary("relu6_int32_clamps", "Relu6", INT32, s(-1, 5)).inputs(r -> r.ints(-9, 9)),
        unary("leaky_relu_alpha", "LeakyRelu", FLOAT32, s(-1, 5), b -> b.setAttr("alpha", 0.3f))
            .ops(Map.of("LEAKY_RELU", 1)),
        unary("leaky_relu_default_alpha", "LeakyRelu", FLOAT32, s(2, 5)),
        unary("elu", "Elu", FLOAT32, s(-1, 5)).inputs(r -> r.floats(-4, 4)).ops(Map.of("ELU", 1)),
        unary("selu_from_elu", "Selu", FLOAT32, s(-1, 5)).inputs(r -> r.floats(-4, 4)),
        unary("sigmoid_is_logistic", "Sigmoid", FLOAT32, s(-1, 5)).inputs(r -> r.floats(-6, 6))
            .ops(Map.of("LOGISTIC", 1)),
        unary("tanh", "Tanh", FLOAT32, s(-1, 5)).inputs(r -> r.floats(-3, 3)),
        unary("softmax_rank2", "Softmax", FLOAT32, s(-1, 7)).inputs(r -> r.floats(-5, 5)).ops(Map.of("SOFTMAX", 1)),
        unary("softmax_rank3", "Softmax", FLOAT32, s(-1, 2, 7)).inputs(r -> r.floats(-5, 5)),
        unary("log_softmax", "LogSoftmax", FLOAT32, s(-1, 7)).inputs(r -> r.floats(-5, 5))
            .ops(Map.of("LOG_SOFTMAX", 1))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> elementwiseMath() {
    return OpConformance.tests(List.of(
        unary("exp", "Exp", FLOAT32, s(-1, 6)).inputs(r -> r.floats(-3, 3)),
        unary("log_of_positive", "Log", FLOAT32, s(-1, 6)).inputs(r -> r.floats(0.1, 5)),
        unary("sqrt_of_positive", "Sqrt", FLOAT32, s(-1, 6)).inputs(r -> r.floats(0, 5)),
        unary("rsqrt_of_positive", "Rsqrt", FLOAT32, s(-1, 6)).inputs(r -> r.floats(0.1, 5)),
        unary("square_float32", "Square", FLOAT32, s(-1, 6)).ops(Map.of("SQUARE", 1)),
        unary("square_int32_is_mul", "Square", INT32, s(-1, 6)).ops(Map.of("MUL", 1)),
        unary("neg_float32", "Neg", FLOAT32, s(-1, 6)),
        unary("neg_int32", "Neg", INT32, s(-1, 6)),
        unary("neg_int64", "Neg", INT64, s(-1, 6)),
        unary("abs_float32", "Abs", FLOAT32, s(-1, 6)),
        unary("abs_int32", "Abs", INT32, s(-1, 6)),
        unary("floor", "Floor", FLOAT32, s(-1, 6)).inputs(r -> r.floats(-4, 4)),
        unary("ceil", "Ceil", FLOAT32, s(-1, 6)).inputs(r -> r.floats(-4, 4)),
        unary("round_half_to_even", "Round", FLOAT32, s(-1, 6)).inputs(r -> r.floats(-4, 4)),
        Case.of("round_exact_halves_to_even", m -> m.input("x", INT32, -1, 4).output("y", g -> raw(g, "Round",
            List.of(g.tf().math.add(raw(g, "Cast", List.of(g.input("x")), b -> b.setAttr("DstT", DataType.DT_FLOAT)),
                g.tf().constant(0.5f))), NO_ATTRS))).ops(Map.of("CAST", 1, "ADD", 1, "ROUND", 1)),
        unary("sin", "Sin", FLOAT32, s(-1, 6)).inputs(r -> r.floats(-4, 4)),
        unary("cos", "Cos", FLOAT32, s(-1, 6)).inputs(r -> r.floats(-4, 4)),
        unary("erf_approximation", "Erf", FLOAT32, s(-1, 50)).inputs(r -> r.floats(-3.5, 3.5))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> reductions() {
    List<Case> cases = new ArrayList<>();
    String[] ops = {"Mean", "Sum", "Max", "Min", "Prod"};
    for (String op : ops) {
      String n = op.toLowerCase();
      cases.add(reduce(n + "_last_axis", op, FLOAT32, s(-1, 3, 4), new int[] {-1}, false));
      cases.add(reduce(n + "_two_axes_keep_dims", op, FLOAT32, s(-1, 3, 4), new int[] {1, 2}, true));
      cases.add(reduce(n + "_int32_negative_axis", op, INT32, s(-1, 3, 4), new int[] {-2}, false));
      cases.add(reduce(n + "_int64_batch_axis", op, INT64, s(-1, 3), new int[] {0}, true));
    }
    cases.add(reduce("mean_spatial_keep_dims_4d", "Mean", FLOAT32, s(-1, 5, 5, 3), new int[] {1, 2}, true)
        .ops(Map.of("MEAN", 1)));
    cases.add(reduce("sum_all_axes_to_scalar", "Sum", FLOAT32, s(2, 3, 4), new int[] {0, 1, 2}, false));
    cases.add(reduce("sum_no_axes_is_identity", "Sum", FLOAT32, s(2, 3), new int[0], false));
    cases.add(Case.of("sum_int64_axes", m -> m.input("x", FLOAT32, -1, 3, 4).output("y", g -> raw(g, "Sum",
        List.of(g.input("x"), g.tf().constant(new long[] {-1, 0})), NO_ATTRS))));
    cases.add(Case.of("mean_over_all_axes_from_rank_and_range", m -> m.input("x", FLOAT32, -1, 3, 4)
        .output("y", g -> raw(g, "Mean", List.of(g.input("x"), raw(g, "Range", List.of(g.tf().constant(0),
            raw(g, "Rank", List.of(g.input("x")), NO_ATTRS), g.tf().constant(1)), NO_ATTRS)), NO_ATTRS)))
        .ops(Map.of("MEAN", 1)));
    return OpConformance.tests(cases, dir);
  }

  @TestFactory
  Stream<DynamicTest> argMinMax() {
    return OpConformance.tests(List.of(
        argOp("arg_max_last_axis_int64", "ArgMax", FLOAT32, s(-1, 3, 6), -1, DataType.DT_INT64)
            .ops(Map.of("ARG_MAX", 1)),
        argOp("arg_max_axis1_int32", "ArgMax", FLOAT32, s(-1, 5, 2), 1, DataType.DT_INT32),
        argOp("arg_min_last_axis", "ArgMin", FLOAT32, s(-1, 6), 1, DataType.DT_INT64),
        argOp("arg_max_int32_input", "ArgMax", INT32, s(2, 7), 1, DataType.DT_INT32).inputs(r -> r.ints(-100, 100))
    ), dir);
  }

  private static Case argOp(String name, String op, ElementType type, long[] x, int axis, DataType out) {
    return Case.of(name, m -> m.input("x", type, x)
        .output("y", g -> raw(g, op, List.of(g.input("x"), g.tf().constant(axis)), b -> b.setAttr("output_type", out))));
  }

  @TestFactory
  Stream<DynamicTest> casts() {
    return OpConformance.tests(List.of(
        cast("cast_float_to_int32_truncates", FLOAT32, DataType.DT_INT32, false).inputs(r -> r.floats(-5, 5))
            .ops(Map.of("CAST", 1)),
        cast("cast_int32_to_float", INT32, DataType.DT_FLOAT, false),
        cast("cast_int32_to_int64", INT32, DataType.DT_INT64, false),
        cast("cast_int64_to_int32", INT64, DataType.DT_INT32, false),
        cast("cast_bool_to_float", BOOL, DataType.DT_FLOAT, false),
        cast("cast_float_to_bool", FLOAT32, DataType.DT_BOOL, false).inputs(r -> r.floats(-1, 1)),
        cast("cast_with_truncate_attribute", FLOAT32, DataType.DT_INT32, true).inputs(r -> r.floats(-5, 5)),
        Case.of("cast_to_same_type_is_nothing", m -> m.input("x", FLOAT32, -1, 4).output("y", g -> g.tf().math.add(
            raw(g, "Cast", List.of(g.input("x")), b -> b.setAttr("DstT", DataType.DT_FLOAT)), g.input("x"))))
            .ops(Map.of("ADD", 1))
    ), dir);
  }

  private static Case cast(String name, ElementType from, DataType to, boolean truncate) {
    return Case.of(name, m -> m.input("x", from, -1, 4).output("y", g ->
        raw(g, "Cast", List.of(g.input("x")), b -> b.setAttr("DstT", to).setAttr("Truncate", truncate))));
  }

  @TestFactory
  Stream<DynamicTest> selects() {
    return OpConformance.tests(List.of(
        ops("select_same_shapes", "Select", List.of(in("c", BOOL, -1, 4), in("x", FLOAT32, -1, 4),
            in("y", FLOAT32, -1, 4)), NO_ATTRS).ops(Map.of("SELECT", 1)),
        ops("select_condition_per_row", "Select", List.of(in("c", BOOL, -1), in("x", INT32, -1, 4),
            in("y", INT32, -1, 4)), NO_ATTRS),
        ops("select_v2_static_same_shapes_is_select", "SelectV2", List.of(in("c", BOOL, 2, 4),
            in("x", FLOAT32, 2, 4), in("y", FLOAT32, 2, 4)), NO_ATTRS).ops(Map.of("SELECT", 1)),
        ops("select_v2_broadcasts", "SelectV2", List.of(in("c", BOOL, -1, 1), in("x", FLOAT32, 4),
            in("y", FLOAT32, -1, 4)), NO_ATTRS).ops(Map.of("SELECT_V2", 1)),
        ops("select_v2_int64", "SelectV2", List.of(in("c", BOOL, 3, 1), in("x", INT64, 1, 4),
            in("y", INT64, 3, 4)), NO_ATTRS)
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> addN() {
    return OpConformance.tests(List.of(
        nary("add_n_float32", "AddN", FLOAT32, s(-1, 4), 3, NO_ATTRS).ops(Map.of("ADD_N", 1)),
        nary("add_n_int32", "AddN", INT32, s(-1, 4), 2, NO_ATTRS),
        nary("add_n_int64_is_chain_of_adds", "AddN", INT64, s(-1, 4), 3, NO_ATTRS).ops(Map.of("ADD", 2))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> biasAdd() {
    return OpConformance.tests(List.of(
        withVariable("bias_add_nhwc_is_add", "BiasAdd", s(-1, 4, 4, 3), randomFloats(3, 3), NO_ATTRS)
            .ops(Map.of("ADD", 1)),
        withVariable("bias_add_rank2", "BiasAdd", s(-1, 5), randomFloats(4, 5), NO_ATTRS),
        withVariable("bias_add_v1", "BiasAddV1", s(2, 5), randomFloats(5, 5), NO_ATTRS)
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> matMul() {
    return OpConformance.tests(List.of(
        withVariable("matmul_constant_weights_is_fully_connected", "MatMul", s(-1, 5), randomFloats(1, 5, 3), NO_ATTRS)
            .ops(Map.of("FULLY_CONNECTED", 1)),
        withVariable("matmul_transpose_b_weights_used_as_is", "MatMul", s(-1, 5), randomFloats(2, 3, 5),
            b -> b.setAttr("transpose_b", true)).ops(Map.of("FULLY_CONNECTED", 1)),
        withVariable("matmul_transpose_a_transposes_input", "MatMul", s(5, 4), randomFloats(3, 5, 3),
            b -> b.setAttr("transpose_a", true)),
        binary("matmul_of_two_inputs_is_batch_matmul", "MatMul", FLOAT32, s(-1, 4), s(4, 6))
            .ops(Map.of("BATCH_MATMUL", 1)),
        ops("matmul_of_two_inputs_both_transposed", "MatMul", List.of(in("a", FLOAT32, 4, 3), in("b", FLOAT32, 6, 4)),
            b -> b.setAttr("transpose_a", true).setAttr("transpose_b", true))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> batchMatMul() {
    return OpConformance.tests(List.of(
        binary("batch_matmul_v2_broadcasts_batch", "BatchMatMulV2", FLOAT32, s(-1, 2, 3, 4), s(2, 4, 5))
            .ops(Map.of("BATCH_MATMUL", 1)),
        ops("batch_matmul_v2_adjoints", "BatchMatMulV2", List.of(in("x", FLOAT32, 2, 4, 3), in("y", FLOAT32, 2, 5, 4)),
            b -> b.setAttr("adj_x", true).setAttr("adj_y", true)),
        binary("batch_matmul_v1_same_batch", "BatchMatMul", FLOAT32, s(3, 2, 4), s(3, 4, 2)),
        ops("batch_matmul_v3", "BatchMatMulV3", List.of(in("x", FLOAT32, -1, 3, 4), in("y", FLOAT32, 1, 4, 2)),
            b -> b.setAttr("Tout", DataType.DT_FLOAT)),
        withVariable("batch_matmul_constant_2d_rhs_is_fully_connected", "BatchMatMulV2", s(-1, 3, 4),
            randomFloats(6, 4, 5), NO_ATTRS).ops(Map.of("FULLY_CONNECTED", 1)),
        withVariable("batch_matmul_constant_rhs_adjoints", "BatchMatMulV2", s(-1, 4, 3), randomFloats(7, 5, 4),
            b -> b.setAttr("adj_x", true).setAttr("adj_y", true)),
        withVariable("batch_matmul_constant_3d_rhs_stays_batch_matmul", "BatchMatMulV2", s(2, 3, 4),
            randomFloats(8, 2, 4, 5), NO_ATTRS).ops(Map.of("BATCH_MATMUL", 1))
    ), dir);
  }

  private static Case einsum(String name, String equation, List<MathCases.Input> inputs) {
    return listOp(name, "Einsum", inputs, b -> b.setAttr("equation", equation));
  }

  private static Case einsumDense(String name, String equation, long[] x, TensorData kernel) {
    return Case.of(name, m -> m.input("x", FLOAT32, x).variable("w", kernel).output("y", g -> MathCases.listOp(g,
        "Einsum", new org.tensorflow.Output<?>[] {g.input("x").asOutput(), g.variable("w").asOutput()},
        b -> b.setAttr("equation", equation))));
  }

  @TestFactory
  Stream<DynamicTest> einsum() {
    return OpConformance.tests(List.of(
        einsum("einsum_matmul", "ab,bc->ac", List.of(in("x", FLOAT32, -1, 4), in("y", FLOAT32, 4, 3)))
            .ops(Map.of("BATCH_MATMUL", 1)),
        einsum("einsum_batched_matmul", "bij,bjk->bik", List.of(in("x", FLOAT32, -1, 2, 4), in("y", FLOAT32, -1, 4, 3))),
        einsum("einsum_attention_scores", "aecd,abcd->acbe",
            List.of(in("q", FLOAT32, -1, 5, 2, 4), in("k", FLOAT32, -1, 6, 2, 4))),
        einsum("einsum_attention_combine", "acbe,aecd->abcd",
            List.of(in("p", FLOAT32, -1, 2, 6, 5), in("v", FLOAT32, -1, 5, 2, 4))),
        einsum("einsum_transpose", "ij->ji", List.of(in("x", FLOAT32, 3, 4))).ops(Map.of("TRANSPOSE", 1)),
        einsum("einsum_row_sums", "ij->i", List.of(in("x", FLOAT32, -1, 4))).ops(Map.of("SUM", 1)),
        einsum("einsum_outer_product", "i,j->ij", List.of(in("x", FLOAT32, 3), in("y", FLOAT32, 4))),
        einsum("einsum_sums_out_a_label_first", "ab,bc->c", List.of(in("x", FLOAT32, -1, 4), in("y", FLOAT32, 4, 3))),
        einsum("einsum_ellipsis_broadcast_batch", "...ij,...jk->...ik",
            List.of(in("x", FLOAT32, -1, 2, 3, 4), in("y", FLOAT32, 2, 4, 5))),
        einsumDense("einsum_dense_is_fully_connected", "abc,cd->abd", s(-1, 3, 4), randomFloats(9, 4, 5))
            .ops(Map.of("FULLY_CONNECTED", 1)),
        einsumDense("einsum_dense_to_heads", "abc,cde->abde", s(-1, 3, 4), randomFloats(10, 4, 2, 3)),
        einsumDense("einsum_dense_from_heads", "abcd,cde->abe", s(-1, 3, 2, 4), randomFloats(11, 2, 4, 5)),
        einsumDense("einsum_dense_ellipsis", "...b,bc->...c", s(-1, 3, 4), randomFloats(12, 4, 6))
    ), dir);
  }

  @Test
  void biasAddInChannelsFirstLayoutIsRejectedWithAHint() {
    Path saved = SavedModels.builder().input("x", FLOAT32, 1, 3, 4, 4).variable("b", randomFloats(1, 3))
        .output("y", g -> raw(g, "BiasAdd", List.of(g.input("x"), g.variable("b")),
            b -> b.setAttr("data_format", "NCHW")))
        .export(dir.resolve("nchw"));
    ConversionException e = assertThrows(ConversionException.class,
        () -> LiteRtConverter.fromSavedModel(saved).convert());
    assertTrue(e.getMessage().contains("NCHW"), e.getMessage());
  }

  @TestFactory
  Stream<DynamicTest> shapeArithmetic() {
    return OpConformance.tests(List.of(
        Case.of("int64_floor_div_of_a_dynamic_batch_size_resolves_into_the_reshape", m -> m.input("x", FLOAT32, -1, 6)
            .output("y", g -> {
              var shape = raw(g, "Shape", List.of(g.input("x")), b -> b.setAttr("out_type", DataType.DT_INT64));
              var batch = raw(g, "StridedSlice", List.of(shape, g.tf().constant(new int[] {0}),
                  g.tf().constant(new int[] {1}), g.tf().constant(new int[] {1})), b -> b.setAttr("shrink_axis_mask", 1L));
              var same = raw(g, "FloorDiv", List.of(batch, g.tf().constant(1L)), NO_ATTRS);
              var target = MathCases.listOp(g, "Pack", new org.tensorflow.Output<?>[] {same.asOutput(),
                  g.tf().constant(3L).asOutput(), g.tf().constant(2L).asOutput()}, NO_ATTRS);
              return raw(g, "Reshape", List.of(g.input("x"), target), NO_ATTRS);
            })).ops(Map.of("RESHAPE", 1))
    ), dir);
  }

  @Test
  void int64DivisionWithoutALiteRtKernelIsRejected() {
    Path saved = SavedModels.builder().input("x", INT64, -1, 2)
        .output("y", g -> raw(g, "FloorDiv", List.of(g.input("x"), g.constant(TensorData.ofLongs(shape(2), 2, 3))),
            NO_ATTRS))
        .export(dir.resolve("int64_div"));
    ConversionException e = assertThrows(ConversionException.class,
        () -> LiteRtConverter.fromSavedModel(saved).convert());
    assertTrue(e.getMessage().contains("FLOOR_DIV"), e.getMessage());
  }

  private static Case cumsum(String name, ElementType type, long[] x, int axis, boolean exclusive, boolean reverse) {
    return Case.of(name, m -> m.input("x", type, x).output("y", g -> raw(g, "Cumsum",
        List.of(g.input("x"), g.tf().constant(axis)), b -> b.setAttr("exclusive", exclusive).setAttr("reverse", reverse))));
  }

  @TestFactory
  Stream<DynamicTest> cumsum() {
    return OpConformance.tests(List.of(
        cumsum("cumsum_last_axis", FLOAT32, s(-1, 3, 5), -1, false, false).ops(Map.of("CUMSUM", 1)),
        cumsum("cumsum_exclusive", FLOAT32, s(-1, 6), 1, true, false),
        cumsum("cumsum_reverse", FLOAT32, s(-1, 6), 1, false, true),
        cumsum("cumsum_exclusive_reverse_batch_axis", FLOAT32, s(-1, 4), 0, true, true),
        cumsum("cumsum_int32", INT32, s(-1, 5), 1, false, false).inputs(r -> r.ints(-10, 10)),
        cumsum("cumsum_int64_axis_as_int64", INT64, s(2, 5), 1, false, false).inputs(r -> r.ints(-10, 10))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> squaredDifferenceAboveRank4() {
    // A group norm's variance: rank-5 broadcasting, which LiteRT's SQUARED_DIFFERENCE cannot take.
    return OpConformance.tests(List.of(
        binary("squared_difference_rank5_broadcast", "SquaredDifference", FLOAT32, s(-1, 4, 4, 2, 3), s(-1, 1, 1, 2, 1))
            .inputs(r -> r.shape("b", 3, 1, 1, 2, 1)).ops(Map.of("SUB", 1, "SQUARE", 1)),
        binary("squared_difference_rank5_int32", "SquaredDifference", INT32, s(2, 2, 2, 2, 3), s(1, 1, 1, 1, 3))
            .inputs(r -> r.ints(-9, 9))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> officialBuiltinGaps() {
    return OpConformance.tests(List.of(
        unary("sign_float32", "Sign", FLOAT32, s(-1, 6)).ops(Map.of("SIGN", 1)),
        unary("sign_int32", "Sign", INT32, s(-1, 6)).inputs(r -> r.ints(-3, 3)),
        unary("log1p", "Log1p", FLOAT32, s(-1, 6)).inputs(r -> r.floats(-0.9, 5)).ops(Map.of("ADD", 1, "LOG", 1)),
        unary("softplus_wide_range", "Softplus", FLOAT32, s(-1, 8)).inputs(r -> r.floats(-100, 100)),
        unary("reciprocal", "Reciprocal", FLOAT32, s(-1, 6)).inputs(r -> r.floats(0.5, 4)).ops(Map.of("DIV", 1)),
        unary("inv", "Inv", FLOAT32, s(-1, 6)).inputs(r -> r.floats(-4, -0.5)),
        binary("atan2", "Atan2", FLOAT32, s(-1, 5), s(-1, 5)).ops(Map.of("ATAN2", 1)),
        binary("atan2_broadcast", "Atan2", FLOAT32, s(-1, 5), s(5)),
        binary("bitwise_xor_int32", "BitwiseXor", INT32, s(-1, 5), s(5)).inputs(r -> r.ints(-1000, 1000))
            .ops(Map.of("BITWISE_XOR", 1)),
        binary("right_shift_int32", "RightShift", INT32, s(-1, 5), s(5)).inputs(r -> r.ints(0, 20))
            .ops(Map.of("RIGHT_SHIFT", 1)),
        reduce("any_last_axis", "Any", BOOL, s(-1, 3, 4), new int[] {-1}, false).ops(Map.of("REDUCE_ANY", 1)),
        reduce("all_keep_dims", "All", BOOL, s(-1, 3, 4), new int[] {1}, true).ops(Map.of("REDUCE_ALL", 1)),
        Case.of("top_k_values_and_indices", m -> m.input("x", FLOAT32, -1, 7).outputs(g -> {
          var op = io.litertj.legalize.shape.Graphs.rawOp(g, "TopKV2", List.of(g.input("x"), g.tf().constant(3)),
              NO_ATTRS);
          return Map.of("values", io.litertj.legalize.shape.Graphs.output(op, 0), "indices",
              io.litertj.legalize.shape.Graphs.output(op, 1));
        })).ops(Map.of("TOPK_V2", 1)),
        Case.of("segment_sum", m -> m.input("x", FLOAT32, 5, 3).output("y", g -> raw(g, "SegmentSum",
            List.of(g.input("x"), g.tf().constant(new int[] {0, 0, 1, 3, 3})), NO_ATTRS)))
            .ops(Map.of("UNSORTED_SEGMENT_SUM", 1)),
        Case.of("segment_sum_computed_ids", m -> m.input("x", FLOAT32, 5, 3).input("i", INT32, 5).output("y", g -> raw(g,
            "SegmentSum", List.of(g.input("x"), raw(g, "Cumsum", List.of(g.input("i"), g.tf().constant(0)), NO_ATTRS)),
            NO_ATTRS))).inputs(r -> r.ints(0, 1)),
        unsorted("unsorted_segment_sum", "UnsortedSegmentSum").ops(Map.of("UNSORTED_SEGMENT_SUM", 1)),
        unsorted("unsorted_segment_max", "UnsortedSegmentMax"),
        unsorted("unsorted_segment_min", "UnsortedSegmentMin"),
        unsorted("unsorted_segment_prod", "UnsortedSegmentProd"),
        Case.of("bucketize", m -> m.input("x", FLOAT32, -1, 6).output("y", g -> raw(g, "Bucketize",
            List.of(g.input("x")), b -> b.setAttr("boundaries", new float[] {-0.5f, 0f, 0.25f}))))
            .ops(Map.of("BUCKETIZE", 1)),
        Case.of("lrn", m -> m.input("x", FLOAT32, -1, 3, 3, 8).output("y", g -> raw(g, "LRN", List.of(g.input("x")),
            b -> b.setAttr("depth_radius", 2L).setAttr("bias", 1.5f).setAttr("alpha", 0.3f).setAttr("beta", 0.75f))))
            .ops(Map.of("LOCAL_RESPONSE_NORMALIZATION", 1))
    ), dir);
  }

  private static Case unsorted(String name, String op) {
    return Case.of(name, m -> m.input("x", FLOAT32, 5, 3).output("y", g -> raw(g, op,
        List.of(g.input("x"), g.tf().constant(new int[] {2, 0, 2, 1, 0}), g.tf().constant(4)), NO_ATTRS)));
  }
}
