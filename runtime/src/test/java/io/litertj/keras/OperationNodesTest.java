package io.litertj.keras;

import static io.litertj.keras.OpModels.ELLIPSIS;
import static io.litertj.keras.OpModels.core;
import static io.litertj.keras.OpModels.in;
import static io.litertj.keras.OpModels.math;
import static io.litertj.keras.OpModels.nn;
import static io.litertj.keras.OpModels.np;
import static io.litertj.keras.OpModels.outs;
import static io.litertj.keras.OpModels.slice;
import static io.litertj.keras.OpModels.t;
import static io.litertj.keras.OpModels.tensor;
import static io.litertj.testing.ElementType.FLOAT32;
import static io.litertj.testing.ElementType.INT32;
import static io.litertj.testing.ElementType.INT64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.keras.OpModels.Case;
import io.litertj.keras.OpModels.Tf;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.proto.DataType;

/**
 * Keras 3 operation nodes with literal operands in either position, nested lists and
 * {@code __tensor__} arrays, checked in real LiteRT against TensorFlow graphs that compute what
 * Keras's TensorFlow backend computes for them (its casts and dtype promotion spelled out), then
 * quantized in every mode.
 */
class OperationNodesTest {

  private static final DataType F = DataType.DT_FLOAT;
  private static final DataType I = DataType.DT_INT32;
  private static final DataType B = DataType.DT_BOOL;

  @TempDir
  Path dir;

  private Stream<DynamicTest> run(Case... cases) {
    return Stream.of(cases).map(c -> DynamicTest.dynamicTest(c.name(), () -> OpModels.run(c, dir.resolve(c.name()))));
  }

  private static final String X = t("x");
  private static final String P = t("p");
  private static final String IN = t("i");
  private static final String J = t("j");

  @TestFactory
  Stream<DynamicTest> arithmetic() {
    Case floats = OpModels.of("float_literals_either_side", List.of(in("x", FLOAT32, -1, 3, 4)), List.of(
        np("Add", "add", "", X + ", 3.0"),
        np("Subtract", "subtract", "", "2.0, " + X),
        np("Multiply", "multiply", "", "0.1, " + X),
        np("Add", "add_1", "", t("multiply") + ", 1.0"),
        np("TrueDivide", "true_divide", "", X + ", 4.0"),
        np("Power", "power", "", X + ", 2"),
        np("Power", "power_1", "", X + ", 3.0"),
        np("Power", "power_2", "", "2.0, " + X),
        np("Maximum", "maximum", "", X + ", 0.25"),
        np("Minimum", "minimum", "", "-0.25, " + X),
        np("Negative", "negative", "", X),
        np("Absolute", "absolute", "", X),
        np("Abs", "abs", "", X),
        np("Square", "square", "", X),
        np("Sign", "sign", "", X),
        np("Multiply", "scaled", "", X + ", 4.0"),
        np("Floor", "floor", "", t("scaled")),
        np("Ceil", "ceil", "", t("scaled")),
        np("Round", "round", "\"decimals\": 0", t("scaled")),
        np("Round", "round_1", "\"decimals\": 1", X),
        np("Tanh", "tanh", "", t("scaled")),
        np("Sin", "sin", "", t("scaled")),
        np("Cos", "cos", "", t("scaled")),
        np("Clip", "clip", "\"x_min\": -0.5, \"x_max\": 0.5", X)),
        List.of("add", "subtract", "add_1", "true_divide", "power", "power_1", "power_2", "maximum", "minimum",
            "negative", "absolute", "abs", "square", "sign", "floor", "ceil", "round", "round_1", "tanh", "sin", "cos",
            "clip"),
        tf -> {
          Operand<?> x = tf.in("x");
          Operand<?> s = tf.op("Mul", x, tf.f(4f));
          return outs(
              "add", tf.op("AddV2", x, tf.f(3f)),
              "subtract", tf.op("Sub", tf.f(2f), x),
              "add_1", tf.op("AddV2", tf.op("Mul", tf.f(0.1f), x), tf.f(1f)),
              "true_divide", tf.op("RealDiv", x, tf.f(4f)),
              "power", tf.op("Pow", x, tf.f(2f)),
              "power_1", tf.op("Pow", x, tf.f(3f)),
              "power_2", tf.op("Pow", tf.f(2f), x),
              "maximum", tf.op("Maximum", x, tf.f(0.25f)),
              "minimum", tf.op("Minimum", tf.f(-0.25f), x),
              "negative", tf.op("Neg", x),
              "absolute", tf.op("Abs", x),
              "abs", tf.op("Abs", x),
              "square", tf.op("Square", x),
              "sign", tf.op("Sign", x),
              "floor", tf.op("Floor", s),
              "ceil", tf.op("Ceil", s),
              "round", tf.op("Round", s),
              "round_1", tf.op("RealDiv", tf.op("Round", tf.op("Mul", x, tf.f(10f))), tf.f(10f)),
              "tanh", tf.op("Tanh", s),
              "sin", tf.op("Sin", s),
              "cos", tf.op("Cos", s),
              "clip", tf.op("Maximum", tf.op("Minimum", x, tf.f(0.5f)), tf.f(-0.5f)));
        });
    Case positive = OpModels.of("positive_domain", List.of(in("p", FLOAT32, -1, 5)), List.of(
        np("Sqrt", "sqrt", "", P),
        np("Exp", "exp", "", P),
        np("Log", "log", "", P),
        np("Reciprocal", "reciprocal", "", P),
        math("Rsqrt", "rsqrt", "", P),
        np("TrueDivide", "true_divide", "", "1.0, " + P),
        np("Divide", "divide", "", P + ", 0.3"),
        np("FloorDivide", "floor_divide", "", P + ", 0.7"),
        np("Mod", "mod", "", P + ", 0.7"),
        np("Mod", "mod_1", "", "-3.0, " + P),
        np("Power", "power", "", P + ", 0.5")),
        List.of("sqrt", "exp", "log", "reciprocal", "rsqrt", "true_divide", "divide", "floor_divide", "mod", "mod_1",
            "power"),
        tf -> {
          Operand<?> p = tf.in("p");
          return outs(
              "sqrt", tf.op("Sqrt", p),
              "exp", tf.op("Exp", p),
              "log", tf.op("Log", p),
              "reciprocal", tf.op("Reciprocal", p),
              "rsqrt", tf.op("Rsqrt", p),
              "true_divide", tf.op("RealDiv", tf.f(1f), p),
              "divide", tf.op("RealDiv", p, tf.f(0.3f)),
              "floor_divide", tf.op("FloorDiv", p, tf.f(0.7f)),
              "mod", tf.op("FloorMod", p, tf.f(0.7f)),
              "mod_1", tf.op("FloorMod", tf.f(-3f), p),
              "power", tf.op("Pow", p, tf.f(0.5f)));
        }).inputs(r -> r.floats(0.1, 4));
    Case ints = OpModels.of("int32_keeps_int_literals_and_floats_promote",
        List.of(in("i", INT32, -1, 4), in("j", INT32, -1, 4)), List.of(
            np("Add", "add", "", IN + ", 3"),
            np("Add", "add_f", "", IN + ", 3.0"),
            np("Multiply", "multiply", "", "2, " + IN),
            np("Subtract", "subtract", "", IN + ", 1.5"),
            np("FloorDivide", "floor_divide", "", IN + ", 3"),
            np("FloorDivide", "floor_divide_1", "", "-7, " + J),
            np("Mod", "mod", "", IN + ", " + J),
            np("Mod", "mod_1", "", IN + ", 2.5"),
            np("TrueDivide", "true_divide", "", IN + ", 2"),
            np("TrueDivide", "true_divide_1", "", IN + ", " + J),
            np("Power", "power", "", IN + ", 2"),
            np("Power", "power_1", "", J + ", 3"),
            np("Negative", "negative", "", IN),
            np("Absolute", "absolute", "", IN),
            np("Square", "square", "", IN),
            np("Sign", "sign", "", IN),
            np("Sqrt", "sqrt", "", J),
            np("Floor", "floor", "", IN),
            np("Round", "round", "\"decimals\": 0", IN),
            np("Round", "round_1", "\"decimals\": -1", t("multiply")),
            np("Clip", "clip", "\"x_min\": 0, \"x_max\": 3", IN),
            np("Maximum", "maximum", "", IN + ", " + J)),
        List.of("add", "add_f", "multiply", "subtract", "floor_divide", "floor_divide_1", "mod", "mod_1",
            "true_divide", "true_divide_1", "power", "power_1", "negative", "absolute", "square", "sign", "sqrt",
            "floor", "round", "round_1", "clip", "maximum"),
        tf -> {
          Operand<?> i = tf.in("i");
          Operand<?> j = tf.in("j");
          Operand<?> fi = tf.cast(i, F);
          Operand<?> fj = tf.cast(j, F);
          Operand<?> doubled = tf.op("Mul", tf.i(2), i);
          Operand<?> tenth = tf.f(0.1f);
          return outs(
              "add", tf.op("AddV2", i, tf.i(3)),
              "add_f", tf.op("AddV2", fi, tf.f(3f)),
              "multiply", doubled,
              "subtract", tf.op("Sub", fi, tf.f(1.5f)),
              "floor_divide", tf.op("FloorDiv", i, tf.i(3)),
              "floor_divide_1", tf.op("FloorDiv", tf.i(-7), j),
              "mod", tf.op("FloorMod", i, j),
              "mod_1", tf.op("FloorMod", fi, tf.f(2.5f)),
              "true_divide", tf.op("RealDiv", fi, tf.f(2f)),
              "true_divide_1", tf.op("RealDiv", fi, fj),
              "power", tf.op("Pow", i, tf.i(2)),
              "power_1", tf.op("Pow", j, tf.i(3)),
              "negative", tf.op("Neg", i),
              "absolute", tf.op("Abs", i),
              "square", tf.op("Square", i),
              "sign", tf.op("Sign", i),
              "sqrt", tf.op("Sqrt", fj),
              "floor", tf.op("Floor", fi),
              // tf.math.round returns integers unchanged (the raw Round kernel of TF 2.17+ gives zeros,
              // tensorflow/tensorflow#74789, but Keras calls tf.math.round).
              "round", tf.op("Identity", i),
              "round_1", tf.cast(tf.op("RealDiv", tf.op("Round", tf.op("Mul", tf.cast(doubled, F), tenth)), tenth), I),
              "clip", tf.op("Maximum", tf.op("Minimum", i, tf.i(3)), tf.i(0)),
              "maximum", tf.op("Maximum", i, j));
        }).inputs(r -> r.ints(1, 9));
    Case int64 = OpModels.of("int64_stays_int64", List.of(in("k", INT64, -1, 3)), List.of(
        np("Add", "add", "", t("k") + ", 3"),
        np("Multiply", "multiply", "", t("k") + ", " + t("k")),
        np("Greater", "greater", "", t("k") + ", 0"),
        np("Add", "add_f", "", t("k") + ", 0.5")),
        List.of("add", "multiply", "greater", "add_f"),
        tf -> {
          Operand<?> k = tf.in("k");
          return outs(
              "add", tf.op("AddV2", k, tf.cast(tf.i(3), DataType.DT_INT64)),
              "multiply", tf.op("Mul", k, k),
              "greater", tf.op("Greater", k, tf.cast(tf.i(0), DataType.DT_INT64)),
              "add_f", tf.op("AddV2", tf.cast(k, F), tf.f(0.5f)));
        });
    return run(floats, positive, ints, int64);
  }

  @TestFactory
  Stream<DynamicTest> literalArraysAndNesting() {
    Case arrays = OpModels.of("nested_lists_and_tensors", List.of(in("x", FLOAT32, -1, 2, 3)), List.of(
        np("Add", "add", "", X + ", [[1, 2, 3], [4, 5, 6]]"),
        np("Multiply", "multiply", "", tensor("float32", "[0.5, -1.0, 2.0]") + ", " + X),
        np("Subtract", "subtract", "", tensor("int32", "[[0], [1]]") + ", " + X),
        np("Add", "add_1", "", X + ", [1.5, 2, 3]"),
        np("Multiply", "multiply_1", "", t("add") + ", " + t("subtract"))),
        List.of("add", "multiply", "subtract", "add_1", "multiply_1"),
        tf -> {
          Operand<?> x = tf.in("x");
          Operand<?> add = tf.op("AddV2", x, tf.f(new float[][] {{1, 2, 3}, {4, 5, 6}}));
          Operand<?> sub = tf.op("Sub", tf.f(new float[][] {{0}, {1}}), x);
          return outs(
              "add", add,
              "multiply", tf.op("Mul", tf.f(0.5f, -1f, 2f), x),
              "subtract", sub,
              "add_1", tf.op("AddV2", x, tf.f(1.5f, 2f, 3f)),
              "multiply_1", tf.op("Mul", add, sub));
        });
    // The text encoder's positions: arange as an int32 constant first, the tensor second.
    Case positions = OpModels.of("int_tensor_constant_first", List.of(in("i", INT32, -1, 6)), List.of(
        np("ZerosLike", "zeros_like", "\"dtype\": null", IN),
        np("Add", "add", "", tensor("int32", "[[0, 1, 2, 3, 4, 5]]") + ", " + t("zeros_like")),
        np("Add", "add_1", "", IN + ", " + tensor("int32", "[0, 1, 2, 3, 4, 5]")),
        np("Minimum", "minimum", "", t("add_1") + ", 4")),
        List.of("add", "minimum"),
        tf -> outs(
            "add", tf.op("AddV2", tf.i(new int[][] {{0, 1, 2, 3, 4, 5}}), tf.op("ZerosLike", tf.in("i"))),
            "minimum", tf.op("Minimum", tf.op("AddV2", tf.in("i"), tf.i(0, 1, 2, 3, 4, 5)), tf.i(4))));
    return run(arrays, positions);
  }

  @TestFactory
  Stream<DynamicTest> comparisonsLogicAndWhere() {
    Case c = OpModels.of("comparisons_logic_where", List.of(in("x", FLOAT32, -1, 5), in("i", INT32, -1, 5)),
        List.of(
            np("Greater", "greater", "", X + ", 0.0"),
            np("GreaterEqual", "greater_equal", "", "0.25, " + X),
            np("Less", "less", "", X + ", " + IN),
            np("LessEqual", "less_equal", "", IN + ", 1"),
            np("Equal", "equal", "", IN + ", 0"),
            np("NotEqual", "not_equal", "", "1, " + IN),
            np("Greater", "greater_1", "", IN + ", 0.5"),
            np("LogicalAnd", "logical_and", "", t("greater") + ", " + t("less_equal")),
            np("LogicalOr", "logical_or", "", IN + ", " + t("greater")),
            np("LogicalNot", "logical_not", "", IN),
            np("LogicalXor", "logical_xor", "", t("greater") + ", " + t("equal")),
            np("LogicalAnd", "logical_and_1", "", t("greater") + ", true"),
            np("Multiply", "multiply", "", "0.1, " + X),
            np("Where", "where", "", t("greater") + ", " + X + ", " + t("multiply")),
            np("Where", "where_1", "", t("greater") + ", 1, 0"),
            np("Where", "where_2", "", IN + ", " + X + ", 2.5"),
            np("Where", "where_3", "", t("greater") + ", " + IN + ", " + X)),
        List.of("greater", "greater_equal", "less", "less_equal", "equal", "not_equal", "greater_1", "logical_and",
            "logical_or", "logical_not", "logical_xor", "logical_and_1", "where", "where_1", "where_2", "where_3"),
        tf -> {
          Operand<?> x = tf.in("x");
          Operand<?> i = tf.in("i");
          Operand<?> fi = tf.cast(i, F);
          Operand<?> greater = tf.op("Greater", x, tf.f(0f));
          Operand<?> equal = tf.op("Equal", i, tf.i(0));
          Operand<?> either = tf.op("LogicalOr", greater, equal);
          Operand<?> both = tf.op("LogicalAnd", greater, equal);
          return outs(
              "greater", greater,
              "greater_equal", tf.op("GreaterEqual", tf.f(0.25f), x),
              "less", tf.op("Less", x, fi),
              "less_equal", tf.op("LessEqual", i, tf.i(1)),
              "equal", equal,
              "not_equal", tf.op("NotEqual", tf.i(1), i),
              "greater_1", tf.op("Greater", fi, tf.f(0.5f)),
              "logical_and", tf.op("LogicalAnd", greater, tf.op("LessEqual", i, tf.i(1))),
              "logical_or", tf.op("LogicalOr", tf.cast(i, B), greater),
              "logical_not", tf.op("LogicalNot", tf.cast(i, B)),
              "logical_xor", tf.op("LogicalAnd", either, tf.op("LogicalNot", both)),
              "logical_and_1", tf.op("LogicalAnd", greater, tf.b(true)),
              "where", tf.op("SelectV2", greater, x, tf.op("Mul", tf.f(0.1f), x)),
              "where_1", tf.op("SelectV2", greater, tf.i(1), tf.i(0)),
              "where_2", tf.op("SelectV2", tf.cast(i, B), x, tf.f(2.5f)),
              "where_3", tf.op("SelectV2", greater, fi, x));
        }).inputs(r -> r.ints(-2, 2));
    return run(c);
  }

  @TestFactory
  Stream<DynamicTest> reductions() {
    Case floats = OpModels.of("float_reductions", List.of(in("x", FLOAT32, -1, 3, 4)), List.of(
        np("Mean", "mean", "\"axis\": 1, \"keepdims\": false", X),
        np("Mean", "mean_1", "\"axis\": [1, 2], \"keepdims\": true", X),
        np("Mean", "mean_2", "\"axis\": null, \"keepdims\": false", X),
        np("Sum", "sum", "\"axis\": -1, \"keepdims\": false", X),
        np("Max", "max", "\"axis\": 2, \"keepdims\": true, \"initial\": null", X),
        np("Max", "max_1", "\"axis\": 1, \"keepdims\": false, \"initial\": 0.5", X),
        np("Min", "min", "\"axis\": [0, 2], \"keepdims\": false, \"initial\": null", X),
        np("Prod", "prod", "\"axis\": 1, \"keepdims\": false, \"dtype\": null", X),
        np("Amax", "amax", "\"axis\": -1, \"keepdims\": false", X),
        np("Argmax", "argmax", "\"axis\": -1, \"keepdims\": false", X),
        np("Argmax", "argmax_1", "\"axis\": null, \"keepdims\": false", X),
        np("Argmin", "argmin", "\"axis\": 1, \"keepdims\": true", X),
        np("Argmax", "argmax_2", "\"axis\": null, \"keepdims\": true", X),
        np("Cumsum", "cumsum", "\"axis\": 1, \"dtype\": null", X),
        np("Cumsum", "cumsum_1", "\"axis\": null, \"dtype\": null", X)),
        List.of("mean", "mean_1", "mean_2", "sum", "max", "max_1", "min", "prod", "amax", "argmax", "argmax_1",
            "argmin", "argmax_2", "cumsum", "cumsum_1"),
        tf -> {
          Operand<?> x = tf.in("x");
          Operand<?> flat = tf.op("Reshape", x, tf.i(new int[] {-1}));
          return outs(
              "mean", tf.reduce("Mean", x, false, 1),
              "mean_1", tf.reduce("Mean", x, true, 1, 2),
              "mean_2", tf.reduce("Mean", x, false, 0, 1, 2),
              "sum", tf.reduce("Sum", x, false, -1),
              "max", tf.reduce("Max", x, true, 2),
              "max_1", tf.op("Maximum", tf.reduce("Max", x, false, 1), tf.f(0.5f)),
              "min", tf.reduce("Min", x, false, 0, 2),
              "prod", tf.reduce("Prod", x, false, 1),
              "amax", tf.reduce("Max", x, false, -1),
              "argmax", argMax(tf, "ArgMax", x, -1),
              "argmax_1", argMax(tf, "ArgMax", flat, 0),
              "argmin", tf.op("ExpandDims", argMax(tf, "ArgMin", x, 1), tf.i(1)),
              "argmax_2", tf.op("Reshape", argMax(tf, "ArgMax", flat, 0), tf.i(1, 1, 1)),
              "cumsum", tf.op("Cumsum", x, tf.i(1)),
              "cumsum_1", tf.op("Cumsum", flat, tf.i(0)));
        });
    Case ints = OpModels.of("int_and_bool_reductions", List.of(in("i", INT32, -1, 4)), List.of(
        np("Mean", "mean", "\"axis\": 1, \"keepdims\": false", IN),
        np("Greater", "greater", "", IN + ", 0"),
        np("Sum", "sum", "\"axis\": 1, \"keepdims\": false", t("greater")),
        np("Max", "max", "\"axis\": 1, \"keepdims\": false, \"initial\": null", t("greater")),
        np("Min", "min", "\"axis\": 1, \"keepdims\": false, \"initial\": null", t("greater")),
        np("Any", "any", "\"axis\": 1, \"keepdims\": false", IN),
        np("All", "all", "\"axis\": null, \"keepdims\": true", IN),
        np("Cumsum", "cumsum", "\"axis\": 1, \"dtype\": null", t("greater")),
        np("Cumsum", "cumsum_1", "\"axis\": 1, \"dtype\": \"float32\"", IN),
        np("Prod", "prod", "\"axis\": 1, \"keepdims\": true, \"dtype\": null", IN),
        np("Argmax", "argmax", "\"axis\": 1, \"keepdims\": false", IN)),
        List.of("mean", "sum", "max", "min", "any", "all", "cumsum", "cumsum_1", "prod", "argmax"),
        tf -> {
          Operand<?> i = tf.in("i");
          Operand<?> greater = tf.op("Greater", i, tf.i(0));
          return outs(
              "mean", tf.reduce("Mean", tf.cast(i, F), false, 1),
              "sum", tf.reduce("Sum", tf.cast(greater, I), false, 1),
              "max", tf.reduce("Any", greater, false, 1),
              "min", tf.reduce("All", greater, false, 1),
              "any", tf.reduce("Any", tf.cast(i, B), false, 1),
              "all", tf.reduce("All", tf.cast(i, B), true, 0, 1),
              "cumsum", tf.op("Cumsum", tf.cast(greater, I), tf.i(1)),
              "cumsum_1", tf.op("Cumsum", tf.cast(i, F), tf.i(1)),
              "prod", tf.reduce("Prod", i, true, 1),
              "argmax", argMax(tf, "ArgMax", i, 1));
        }).inputs(r -> r.ints(-3, 3));
    return run(floats, ints);
  }

  private static Operand<?> argMax(Tf tf, String op, Operand<?> x, int axis) {
    return tf.op(op, b -> b.setAttr("output_type", I), x, tf.i(axis));
  }

  /**
   * Keras's argmax and argmin order -0.0 below 0.0 (its TF backend replaces -0.0 by the smallest
   * negative normal float, after JAX): on [-0.0, 0.0] argmax is 1 and argmin 0, where plain
   * tf.argmax would say 0 for both.
   */
  @Test
  void argmaxOrdersNegativeZeroBelowZero() throws Exception {
    Case c = OpModels.of("argmax_negative_zero", List.of(in("x", FLOAT32, -1, 2)), List.of(
        np("Argmax", "argmax", "\"axis\": -1, \"keepdims\": false", X),
        np("Argmin", "argmin", "\"axis\": -1, \"keepdims\": false", X)), List.of("argmax", "argmin"), tf -> Map.of());
    byte[] tflite = KerasHarness.convert(OpModels.write(c, dir.resolve("argmax_negative_zero")));
    TensorData x = TensorData.ofFloats(new long[] {2, 2}, -0.0f, 0.0f, 0.0f, -0.0f).named("x");
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      Map<String, TensorData> out = lite.run(KerasPipeline.SIGNATURE_KEY, Map.of("x", x));
      assertArrayEquals(new int[] {1, 0}, out.get("argmax").asInts());
      assertArrayEquals(new int[] {0, 1}, out.get("argmin").asInts());
    }
  }

  private static Operand<?> stridedSlice(Tf tf, Operand<?> x, int[] begin, int[] end, int[] strides, int beginMask,
      int endMask, int ellipsisMask, int newAxisMask, int shrinkMask) {
    return tf.op("StridedSlice", b -> b.setAttr("begin_mask", beginMask).setAttr("end_mask", endMask)
        .setAttr("ellipsis_mask", ellipsisMask).setAttr("new_axis_mask", newAxisMask)
        .setAttr("shrink_axis_mask", shrinkMask), x, tf.i(begin), tf.i(end), tf.i(strides));
  }

  @TestFactory
  Stream<DynamicTest> shapes() {
    Case moves = OpModels.of("reshape_transpose_concat_tile_repeat", List.of(in("x", FLOAT32, -1, 2, 3, 4)), List.of(
        np("Reshape", "reshape", "\"newshape\": [-1, 6, 4]", X),
        np("Reshape", "reshape_1", "\"newshape\": [-1, 24]", X),
        np("Transpose", "transpose", "\"axes\": [0, 3, 1, 2]", X),
        np("Transpose", "transpose_1", "\"axes\": null", X),
        np("ExpandDims", "expand_dims", "\"axis\": 1", X),
        np("ExpandDims", "expand_dims_1", "\"axis\": [0, -1]", X),
        np("Squeeze", "squeeze", "\"axis\": 1", t("expand_dims")),
        np("Multiply", "multiply", "", X + ", 2.0"),
        np("Concatenate", "concatenate", "\"axis\": -1", "[" + X + ", " + X + "]"),
        np("Concatenate", "concatenate_1", "\"axis\": 1", "[" + X + ", " + t("multiply") + "]"),
        np("Stack", "stack", "\"axis\": 1", "[" + X + ", " + t("multiply") + "]"),
        np("Tile", "tile", "\"repeats\": [1, 1, 2, 1]", X),
        np("Tile", "tile_1", "\"repeats\": [2]", X),
        np("Repeat", "repeat", "\"repeats\": 2, \"axis\": 2", X),
        np("Repeat", "repeat_1", "\"repeats\": [1, 0, 2], \"axis\": 2", X),
        np("Repeat", "repeat_2", "\"repeats\": 2, \"axis\": null", X),
        np("Swapaxes", "swapaxes", "\"axis1\": 1, \"axis2\": 3", X),
        np("Moveaxis", "moveaxis", "\"source\": 1, \"destination\": -1", X),
        np("Flip", "flip", "\"axis\": [1, 3]", X),
        np("Ravel", "ravel", "", X)),
        List.of("reshape", "reshape_1", "transpose", "transpose_1", "expand_dims", "expand_dims_1", "squeeze",
            "concatenate", "concatenate_1", "stack", "tile", "tile_1", "repeat", "repeat_1", "repeat_2", "swapaxes",
            "moveaxis", "flip", "ravel"),
        tf -> {
          Operand<?> x = tf.in("x");
          Operand<?> doubled = tf.op("Mul", x, tf.f(2f));
          // tf.repeat(x, 2, axis): each element twice, as stacked copies read row by row.
          Operand<?> twice = tf.op("Reshape", tf.op("Pack", b -> b.setAttr("axis", 3L), tf.list(x, x)),
              tf.i(-1, 2, 6, 4));
          Operand<?> flat = tf.op("Reshape", x, tf.i(new int[] {-1}));
          Operand<?> col0 = stridedSlice(tf, x, new int[] {0, 0, 0}, new int[] {0, 0, 1}, new int[] {1, 1, 1},
              3, 3, 0, 0, 0);
          Operand<?> col2 = stridedSlice(tf, x, new int[] {0, 0, 2}, new int[] {0, 0, 3}, new int[] {1, 1, 1},
              3, 3, 0, 0, 0);
          return outs(
              "reshape", tf.op("Reshape", x, tf.i(-1, 6, 4)),
              "reshape_1", tf.op("Reshape", x, tf.i(-1, 24)),
              "transpose", tf.op("Transpose", x, tf.i(0, 3, 1, 2)),
              "transpose_1", tf.op("Transpose", x, tf.i(3, 2, 1, 0)),
              "expand_dims", tf.op("ExpandDims", x, tf.i(1)),
              "expand_dims_1", tf.op("ExpandDims", tf.op("ExpandDims", x, tf.i(0)), tf.i(5)),
              "squeeze", tf.op("Identity", x),
              "concatenate", tf.op("ConcatV2", tf.list(x, x), tf.i(-1)),
              "concatenate_1", tf.op("ConcatV2", tf.list(x, doubled), tf.i(1)),
              "stack", tf.op("Pack", b -> b.setAttr("axis", 1L), tf.list(x, doubled)),
              "tile", tf.op("Tile", x, tf.i(1, 1, 2, 1)),
              "tile_1", tf.op("Tile", x, tf.i(1, 1, 1, 2)),
              "repeat", twice,
              "repeat_1", tf.op("ConcatV2", tf.list(col0, col2, col2), tf.i(2)),
              "repeat_2", tf.op("Reshape", tf.op("Pack", b -> b.setAttr("axis", 1L), tf.list(flat, flat)),
                  tf.i(new int[] {-1})),
              "swapaxes", tf.op("Transpose", x, tf.i(0, 3, 2, 1)),
              "moveaxis", tf.op("Transpose", x, tf.i(0, 2, 3, 1)),
              "flip", tf.op("ReverseV2", x, tf.i(1, 3)),
              "ravel", flat);
        });
    String y = t("y");
    Case broadcast = OpModels.of("squeeze_broadcast_concat_literal", List.of(in("y", FLOAT32, -1, 1, 3)), List.of(
        np("Squeeze", "squeeze", "\"axis\": null", y),
        np("BroadcastTo", "broadcast_to", "\"shape\": [3, 4, 3]", y),
        np("Concatenate", "concatenate", "\"axis\": 2",
            "[" + y + ", [[[1.0, 2.0]], [[3.0, 4.0]], [[5.0, 6.0]]]]"),
        np("Stack", "stack", "\"axis\": -1", "[" + y + ", " + y + "]")),
        List.of("squeeze", "broadcast_to", "concatenate", "stack"),
        tf -> {
          Operand<?> in = tf.in("y");
          return outs(
              "squeeze", tf.op("Squeeze", b -> b.setAttr("squeeze_dims", new long[] {1}), in),
              "broadcast_to", tf.op("BroadcastTo", in, tf.i(3, 4, 3)),
              "concatenate", tf.op("ConcatV2", tf.list(in,
                  tf.g.tf().constant(new float[][][] {{{1, 2}}, {{3, 4}}, {{5, 6}}})), tf.i(2)),
              "stack", tf.op("Pack", b -> b.setAttr("axis", 3L), tf.list(in, in)));
        });
    return run(moves, broadcast);
  }

  @TestFactory
  Stream<DynamicTest> indexing() {
    Case items = OpModels.of("get_item", List.of(in("x", FLOAT32, -1, 5, 6)), List.of(
        np("GetItem", "get_item", "", X + ", [" + slice(null, null, null) + ", " + slice(null, 1, null) + ", 0]"),
        np("GetItem", "get_item_1", "", X + ", [" + slice(null, null, null) + ", 0, " + slice(null, null, null) + "]"),
        np("GetItem", "get_item_2", "", X + ", [" + OpModels.ELLIPSIS + ", -1]"),
        np("GetItem", "get_item_3", "", X + ", [" + slice(null, null, null) + ", " + slice(1, null, 2) + "]"),
        np("GetItem", "get_item_4", "", X + ", [" + slice(null, null, null) + ", null, " + slice(null, null, -1) + "]"),
        np("GetItem", "get_item_5", "", X + ", [" + slice(null, null, null) + ", " + slice(-3, -1, null) + ", "
            + slice(4, 0, -2) + "]"),
        np("GetItem", "get_item_6", "", X + ", 0"),
        np("GetItem", "get_item_7", "", X + ", [null, " + OpModels.ELLIPSIS + ", 1]")),
        List.of("get_item", "get_item_1", "get_item_2", "get_item_3", "get_item_4", "get_item_5", "get_item_6",
            "get_item_7"),
        tf -> {
          Operand<?> x = tf.in("x");
          return outs(
              "get_item", stridedSlice(tf, x, new int[] {0, 0, 0}, new int[] {0, 1, 1}, new int[] {1, 1, 1},
                  3, 1, 0, 0, 4),
              "get_item_1", stridedSlice(tf, x, new int[] {0, 0, 0}, new int[] {0, 1, 0}, new int[] {1, 1, 1},
                  5, 5, 0, 0, 2),
              "get_item_2", stridedSlice(tf, x, new int[] {0, -1}, new int[] {0, 0}, new int[] {1, 1},
                  0, 0, 1, 0, 2),
              "get_item_3", stridedSlice(tf, x, new int[] {0, 1}, new int[] {0, 0}, new int[] {1, 2},
                  1, 3, 0, 0, 0),
              "get_item_4", stridedSlice(tf, x, new int[] {0, 0, 0}, new int[] {0, 0, 0}, new int[] {1, 1, -1},
                  5, 5, 0, 2, 0),
              "get_item_5", stridedSlice(tf, x, new int[] {0, -3, 4}, new int[] {0, -1, 0}, new int[] {1, 1, -2},
                  1, 1, 0, 0, 0),
              "get_item_6", stridedSlice(tf, x, new int[] {0}, new int[] {1}, new int[] {1}, 0, 0, 0, 0, 1),
              "get_item_7", stridedSlice(tf, x, new int[] {0, 0, 1}, new int[] {0, 0, 2}, new int[] {1, 1, 1},
                  0, 0, 2, 1, 4));
        });
    Case take = OpModels.of("take_and_take_along_axis",
        List.of(in("x", FLOAT32, -1, 5, 6), in("idx", INT32, -1, 2), in("along", INT32, -1, 5, 2),
            in("rows", INT32, -1, 1, 6)), List.of(
            np("Take", "take", "\"axis\": 1", X + ", [0, 2]"),
            np("Take", "take_1", "\"axis\": 2", X + ", [[1, -1]]"),
            np("Take", "take_2", "\"axis\": 2", X + ", " + t("idx")),
            np("Take", "take_3", "\"axis\": null", X + ", 7"),
            np("TakeAlongAxis", "take_along_axis", "\"axis\": 2", X + ", " + t("along")),
            np("TakeAlongAxis", "take_along_axis_1", "\"axis\": 1", X + ", " + t("rows"))),
        List.of("take", "take_1", "take_2", "take_3", "take_along_axis", "take_along_axis_1"),
        tf -> {
          Operand<?> x = tf.in("x");
          // Indices counted from the end are their remainder modulo the axis length.
          Operand<?> along = tf.op("FloorMod", tf.in("along"), tf.i(6));
          Operand<?> rows = tf.op("FloorMod", tf.in("rows"), tf.i(5));
          // take_along_axis as a sum over one-hot selections: independent of any gather.
          Operand<?> pick6 = tf.op("OneHot", b -> b.setAttr("axis", -1L), along, tf.i(6), tf.f(1f), tf.f(0f));
          Operand<?> pickedLast = tf.reduce("Sum", tf.op("Mul", pick6, tf.op("ExpandDims", x, tf.i(2))), false, 3);
          Operand<?> pick5 = tf.op("OneHot", b -> b.setAttr("axis", -1L), rows, tf.i(5), tf.f(1f), tf.f(0f));
          Operand<?> xt = tf.op("ExpandDims", tf.op("Transpose", x, tf.i(0, 2, 1)), tf.i(1));
          return outs(
              "take", tf.op("GatherV2", x, tf.i(0, 2), tf.i(1)),
              "take_1", tf.op("GatherV2", x, tf.i(new int[][] {{1, 5}}), tf.i(2)),
              "take_2", tf.op("GatherV2", x, tf.op("FloorMod", tf.in("idx"), tf.i(6)), tf.i(2)),
              "take_3", tf.op("GatherV2", tf.op("Reshape", x, tf.i(new int[] {-1})), tf.i(7), tf.i(0)),
              "take_along_axis", pickedLast,
              "take_along_axis_1", tf.reduce("Sum", tf.op("Mul", pick5, xt), false, 3));
        }).inputs(r -> r.ints(-5, 4));
    return run(items, take);
  }

  @TestFactory
  Stream<DynamicTest> fills() {
    Case c = OpModels.of("fills_and_ranges", List.of(in("x", FLOAT32, -1, 3), in("i", INT32, -1, 4),
            in("n", INT32, -1, 1)), List.of(
            np("OnesLike", "ones_like", "\"dtype\": null", X),
            np("ZerosLike", "zeros_like", "\"dtype\": \"float32\"", IN),
            np("OnesLike", "ones_like_1", "\"dtype\": \"bool\"", IN),
            np("FullLike", "full_like", "\"dtype\": null", X + ", 2.5"),
            np("FullLike", "full_like_1", "\"dtype\": null", IN + ", 7"),
            np("FullLike", "full_like_2", "\"dtype\": null", X + ", [1, 2, 3]"),
            np("FullLike", "full_like_3", "\"dtype\": \"int32\"", X + ", 1"),
            np("Arange", "arange", "\"dtype\": null", "0, 3"),
            np("Add", "add", "", X + ", " + t("arange")),
            np("Arange", "arange_1", "\"dtype\": null", "0.5, 2.0, 0.5"),
            np("Multiply", "multiply", "", t("arange_1") + ", " + X),
            np("GetItem", "get_item", "", t("n") + ", [0, 0]"),
            np("Arange", "arange_2", "\"dtype\": null", t("get_item")),
            np("GetItem", "get_item_1", "", X + ", [0, 0]"),
            np("Full", "full", "\"shape\": [2, 3], \"dtype\": null", t("get_item_1"))),
        List.of("ones_like", "zeros_like", "ones_like_1", "full_like", "full_like_1", "full_like_2", "full_like_3",
            "add", "multiply", "arange_2", "full"),
        tf -> {
          Operand<?> x = tf.in("x");
          Operand<?> i = tf.in("i");
          Operand<?> shapeX = tf.op("Shape", x);
          Operand<?> count = stridedSlice(tf, tf.in("n"), new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 1},
              0, 0, 0, 0, 3);
          Operand<?> first = stridedSlice(tf, x, new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 1}, 0, 0, 0, 0, 3);
          return outs(
              "ones_like", tf.op("OnesLike", x),
              "zeros_like", tf.op("ZerosLike", tf.cast(i, F)),
              "ones_like_1", tf.op("Fill", tf.op("Shape", i), tf.b(true)),
              "full_like", tf.op("Fill", shapeX, tf.f(2.5f)),
              "full_like_1", tf.op("Fill", tf.op("Shape", i), tf.i(7)),
              "full_like_2", tf.op("BroadcastTo", tf.f(1f, 2f, 3f), shapeX),
              "full_like_3", tf.op("Fill", shapeX, tf.i(1)),
              "add", tf.op("AddV2", x, tf.cast(tf.op("Range", tf.i(0), tf.i(3), tf.i(1)), F)),
              "multiply", tf.op("Mul", tf.op("Range", tf.f(0.5f), tf.f(2f), tf.f(0.5f)), x),
              "arange_2", tf.op("Range", tf.i(0), count, tf.i(1)),
              "full", tf.op("BroadcastTo", first, tf.i(2, 3)));
        }).inputs(r -> r.ints(1, 6));
    return run(c);
  }

  @TestFactory
  Stream<DynamicTest> activations() {
    Case c = OpModels.of("nn_activations", List.of(in("x", FLOAT32, -1, 8)), List.of(
        nn("Relu", "relu", "", X),
        nn("Relu6", "relu6", "", t("scaled")),
        np("Multiply", "scaled", "", X + ", 2.0"),
        nn("Sigmoid", "sigmoid", "", X),
        np("Tanh", "tanh", "", X),
        nn("Silu", "silu", "", X),
        nn("HardSigmoid", "hard_sigmoid", "", X),
        nn("HardSilu", "hard_silu", "", X),
        nn("Gelu", "gelu", "\"approximate\": true", X),
        nn("Gelu", "gelu_1", "\"approximate\": false", X),
        nn("LeakyRelu", "leaky_relu", "\"negative_slope\": 0.3", X),
        nn("Elu", "elu", "\"alpha\": 1.0", X),
        nn("Elu", "elu_1", "\"alpha\": 0.5", X),
        nn("Selu", "selu", "", X),
        nn("Softplus", "softplus", "", X),
        nn("Softsign", "softsign", "", X),
        nn("LogSigmoid", "log_sigmoid", "", X),
        nn("Softmax", "softmax", "\"axis\": -1", X),
        nn("LogSoftmax", "log_softmax", "\"axis\": -1", X),
        OpModels.node("keras.src.ops.math", "Erf", "erf", "", X, "")),
        List.of("relu", "relu6", "sigmoid", "tanh", "silu", "hard_sigmoid", "hard_silu", "gelu", "gelu_1",
            "leaky_relu", "elu", "elu_1", "selu", "softplus", "softsign", "log_sigmoid", "softmax", "log_softmax",
            "erf"),
        tf -> {
          Operand<?> x = tf.in("x");
          Operand<?> half = tf.f(0.5f);
          Operand<?> one = tf.f(1f);
          Operand<?> hardSigmoid = tf.op("RealDiv", tf.op("Relu6", tf.op("AddV2", x, tf.f(3f))), tf.f(6f));
          Operand<?> cube = tf.op("Pow", x, tf.f(3f));
          Operand<?> inner = tf.op("Mul", tf.f(0.7978845608028654f), tf.op("AddV2", x, tf.op("Mul", tf.f(0.044715f), cube)));
          Operand<?> elu = tf.op("Elu", x);
          return outs(
              "relu", tf.op("Relu", x),
              "relu6", tf.op("Relu6", tf.op("Mul", x, tf.f(2f))),
              "sigmoid", tf.op("Sigmoid", x),
              "tanh", tf.op("Tanh", x),
              "silu", tf.op("Mul", x, tf.op("Sigmoid", x)),
              "hard_sigmoid", hardSigmoid,
              "hard_silu", tf.op("Mul", x, hardSigmoid),
              "gelu", tf.op("Mul", tf.op("Mul", half, x), tf.op("AddV2", one, tf.op("Tanh", inner))),
              "gelu_1", tf.op("Mul", tf.op("Mul", half, x),
                  tf.op("AddV2", one, tf.op("Erf", tf.op("RealDiv", x, tf.f((float) Math.sqrt(2)))))),
              "leaky_relu", tf.op("LeakyRelu", b -> b.setAttr("alpha", 0.3f), x),
              "elu", elu,
              "elu_1", tf.op("SelectV2", tf.op("Greater", x, tf.f(0f)), elu, tf.op("Mul", tf.f(0.5f), elu)),
              "selu", tf.op("Selu", x),
              "softplus", tf.op("Softplus", x),
              "softsign", tf.op("Softsign", x),
              "log_sigmoid", tf.op("Neg", tf.op("Softplus", tf.op("Neg", x))),
              "softmax", tf.op("Softmax", x),
              "log_softmax", tf.op("LogSoftmax", x),
              "erf", tf.op("Erf", x));
        }).inputs(r -> r.floats(-5, 5));
    String y = t("y");
    Case axes = OpModels.of("softmax_axes_and_large_values", List.of(in("y", FLOAT32, -1, 3, 4)), List.of(
        nn("Softmax", "softmax", "\"axis\": 1", y),
        nn("Softmax", "softmax_1", "\"axis\": null", y),
        nn("LogSoftmax", "log_softmax", "\"axis\": 0", y),
        nn("Softplus", "softplus", "", y),
        nn("LogSigmoid", "log_sigmoid", "", y)),
        List.of("softmax", "softmax_1", "log_softmax", "softplus", "log_sigmoid"),
        tf -> {
          Operand<?> in = tf.in("y");
          Operand<?> flat = tf.op("Reshape", in, tf.i(1, -1));
          return outs(
              "softmax", tf.op("Transpose", tf.op("Softmax", tf.op("Transpose", in, tf.i(0, 2, 1))), tf.i(0, 2, 1)),
              "softmax_1", tf.op("Reshape", tf.op("Softmax", flat), tf.op("Shape", in)),
              "log_softmax", tf.op("Transpose", tf.op("LogSoftmax", tf.op("Transpose", in, tf.i(1, 2, 0))),
                  tf.i(2, 0, 1)),
              "softplus", tf.op("Softplus", in),
              "log_sigmoid", tf.op("Neg", tf.op("Softplus", tf.op("Neg", in))));
        }).inputs(r -> r.floats(-100, 100));
    Case ints = OpModels.of("relu_of_integers", List.of(in("i", INT32, -1, 6)), List.of(
        nn("Relu", "relu", "", IN),
        nn("Relu6", "relu6", "", IN)),
        List.of("relu", "relu6"),
        tf -> outs("relu", tf.op("Relu", tf.in("i")), "relu6", tf.op("Relu6", tf.in("i"))))
        .inputs(r -> r.ints(-9, 9));
    return run(c, axes, ints);
  }

  @TestFactory
  Stream<DynamicTest> castsAndCore() {
    String y = t("y");
    Case c = OpModels.of("cast_convert_unstack_slice", List.of(in("x", FLOAT32, -1, 5), in("i", INT32, -1, 5),
            in("y", FLOAT32, -1, 2, 3)), List.of(
            core("Cast", "cast", "\"dtype\": \"int32\"", X),
            core("Cast", "cast_1", "\"dtype\": \"bool\"", t("cast")),
            core("Cast", "cast_2", "\"dtype\": \"float32\"", IN),
            np("Greater", "greater", "", X + ", 0.0"),
            core("Cast", "cast_3", "\"dtype\": \"float32\"", t("greater")),
            core("ConvertToTensor", "convert_to_tensor", "\"dtype\": \"float32\", \"sparse\": null, \"ragged\": null", IN),
            core("StopGradient", "stop_gradient", "", X),
            core("Unstack", "unstack", "\"num\": 2, \"axis\": 1", y),
            core("Slice", "slice", "\"shape\": [-1, 1, 2]", y + ", [0, 1, 1]")),
        List.of("cast", "cast_1", "cast_2", "cast_3", "convert_to_tensor", "stop_gradient", "unstack", "unstack:1",
            "slice"),
        tf -> {
          Operand<?> x = tf.in("x");
          Operand<?> truncated = tf.cast(x, I);
          org.tensorflow.Operation unpacked = io.litertj.legalize.shape.Graphs.rawOp(tf.g, "Unpack",
              List.of(tf.in("y")), b -> b.setAttr("num", 2L).setAttr("axis", 1L));
          return outs(
              "cast", truncated,
              "cast_1", tf.cast(truncated, B),
              "cast_2", tf.cast(tf.in("i"), F),
              "cast_3", tf.cast(tf.op("Greater", x, tf.f(0f)), F),
              "convert_to_tensor", tf.cast(tf.in("i"), F),
              "stop_gradient", tf.op("StopGradient", x),
              "unstack", io.litertj.legalize.shape.Graphs.output(unpacked, 0),
              "unstack_1", io.litertj.legalize.shape.Graphs.output(unpacked, 1),
              "slice", tf.op("Slice", tf.in("y"), tf.i(0, 1, 1), tf.i(-1, 1, 2)));
        }).inputs(r -> r.floats(-3, 3));
    String m = t("m");
    Case matmul = OpModels.of("matmul", List.of(in("m", FLOAT32, -1, 3, 4), in("n", FLOAT32, -1, 4, 5),
            in("k", INT32, -1, 2, 3)), List.of(
            np("Matmul", "matmul", "", m + ", [[1.0, -1.0], [0.5, 2.0], [0.0, 1.0], [-2.0, 0.25]]"),
            np("Matmul", "matmul_1", "", m + ", " + t("n")),
            np("Matmul", "matmul_2", "", m + ", [1.0, 2.0, 3.0, 4.0]"),
            np("Matmul", "matmul_3", "", "[1.0, -2.0, 3.0], " + m),
            np("Matmul", "matmul_4", "", t("k") + ", [[1], [2], [3]]")),
        List.of("matmul", "matmul_1", "matmul_2", "matmul_3", "matmul_4"),
        tf -> {
          Operand<?> mm = tf.in("m");
          Operand<?> w = tf.f(new float[][] {{1, -1}, {0.5f, 2}, {0, 1}, {-2, 0.25f}});
          Operand<?> column = tf.f(new float[][] {{1}, {2}, {3}, {4}});
          Operand<?> row = tf.f(new float[][] {{1, -2, 3}});
          return outs(
              "matmul", tf.op("BatchMatMulV2", mm, w),
              "matmul_1", tf.op("BatchMatMulV2", mm, tf.in("n")),
              "matmul_2", tf.op("Squeeze", b -> b.setAttr("squeeze_dims", new long[] {-1}),
                  tf.op("BatchMatMulV2", mm, column)),
              "matmul_3", tf.op("Squeeze", b -> b.setAttr("squeeze_dims", new long[] {-2}),
                  tf.op("BatchMatMulV2", row, mm)),
              "matmul_4", tf.cast(tf.op("BatchMatMulV2", tf.cast(tf.in("k"), F), tf.f(new float[][] {{1}, {2}, {3}})),
                  I));
        });
    return run(c, matmul);
  }

  private static Operand<?> einsum(Tf tf, String equation, Operand<?>... operands) {
    return tf.op("Einsum", b -> b.setAttr("equation", equation), tf.list(operands));
  }

  @TestFactory
  Stream<DynamicTest> einsum() {
    String m = t("m");
    String w = "[[1.0, -1.0], [0.5, 2.0], [0.0, 1.0], [-2.0, 0.25]]";
    Case c = OpModels.of("einsum", List.of(in("m", FLOAT32, -1, 3, 4), in("n", FLOAT32, -1, 4, 5),
            in("v", FLOAT32, -1, 4), in("k", INT32, -1, 2, 3)), List.of(
            np("Einsum", "einsum", "\"subscripts\": \"bij,jk->bik\"", m + ", " + w),
            np("Einsum", "einsum_1", "\"subscripts\": \"bij,bjk->bik\"", m + ", " + t("n")),
            np("Einsum", "einsum_2", "\"subscripts\": \"bij->bji\"", m),
            np("Einsum", "einsum_3", "\"subscripts\": \"bij->b\"", m),
            np("Einsum", "einsum_4", "\"subscripts\": \"...j,jk->...k\"", m + ", " + w),
            np("Einsum", "einsum_5", "\"subscripts\": \"bi,bi->b\"", t("v") + ", " + t("v")),
            np("Einsum", "einsum_6", "\"subscripts\": \"bij,jk\"", m + ", " + w),
            np("Einsum", "einsum_7", "\"subscripts\": \"ij,bjk->bik\"", "[[1.0, 2.0, 3.0]], " + m),
            np("Einsum", "einsum_8", "\"subscripts\": \"bij,jk->bik\"", t("k") + ", [[1], [2], [3]]")),
        List.of("einsum", "einsum_1", "einsum_2", "einsum_3", "einsum_4", "einsum_5", "einsum_6", "einsum_7",
            "einsum_8"),
        tf -> {
          Operand<?> mm = tf.in("m");
          Operand<?> wc = tf.f(new float[][] {{1, -1}, {0.5f, 2}, {0, 1}, {-2, 0.25f}});
          return outs(
              "einsum", einsum(tf, "bij,jk->bik", mm, wc),
              "einsum_1", einsum(tf, "bij,bjk->bik", mm, tf.in("n")),
              "einsum_2", einsum(tf, "bij->bji", mm),
              "einsum_3", einsum(tf, "bij->b", mm),
              "einsum_4", einsum(tf, "...j,jk->...k", mm, wc),
              "einsum_5", einsum(tf, "bi,bi->b", tf.in("v"), tf.in("v")),
              "einsum_6", einsum(tf, "bij,jk->bik", mm, wc),
              "einsum_7", einsum(tf, "ij,bjk->bik", tf.f(new float[][] {{1, 2, 3}}), mm),
              "einsum_8", tf.cast(einsum(tf, "bij,jk->bik", tf.cast(tf.in("k"), F), tf.f(new float[][] {{1}, {2}, {3}})),
                  I));
        });
    return run(c);
  }

  /** The example: {@code x * 2.0 + 1.0} is a MUL and an ADD, never the identity. */
  @Test
  void literalOperandsBecomeOperators() {
    Case affine = OpModels.of("affine", List.of(in("x", FLOAT32, -1, 4)), List.of(
        np("Multiply", "multiply", "", X + ", 2.0"),
        np("Add", "add", "", t("multiply") + ", 1.0")), List.of("add"), tf -> Map.of());
    assertEquals(List.of("MUL", "ADD"), KerasHarness.ops(KerasHarness.convert(OpModels.write(affine, dir.resolve("a")))));
    // Division by a constant becomes multiplication by its reciprocal (exact for a power of two).
    Case quarter = OpModels.of("quarter", List.of(in("x", FLOAT32, -1, 4)), List.of(
        np("TrueDivide", "true_divide", "", X + ", 4.0"),
        np("TrueDivide", "true_divide_1", "", t("true_divide") + ", 3.0")), List.of("true_divide_1"), tf -> Map.of());
    assertEquals(List.of("MUL", "MUL"), KerasHarness.ops(KerasHarness.convert(OpModels.write(quarter, dir.resolve("q")))));
  }
}
