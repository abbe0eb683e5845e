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
}
