package io.litertj.legalize.shape;

import static io.litertj.legalize.shape.Graphs.ints;
import static io.litertj.legalize.shape.Graphs.intMatrix;
import static io.litertj.legalize.shape.Graphs.longs;
import static io.litertj.legalize.shape.Graphs.raw;
import static io.litertj.legalize.shape.Graphs.rawOp;
import static io.litertj.legalize.shape.Graphs.scalar;
import static io.litertj.testing.ElementType.FLOAT32;
import static io.litertj.testing.ElementType.INT32;
import static io.litertj.testing.ElementType.INT64;

import io.litertj.legalize.shape.OpConformance.Case;
import io.litertj.testing.ElementType;
import io.litertj.testing.SavedModels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;

/** Conformance of the shape-manipulation legalizers against TensorFlow, run in real LiteRT. */
class ShapeLegalizersTest {

  @TempDir
  Path dir;

  private static final Consumer<OperationBuilder> NO_ATTRS = b -> {};

  /** A one-input case: {@code y = body(x)}. */
  private static Case unary(String name, ElementType type, long[] shape,
      BiFunction<SavedModels.Context, Operand<?>, Operand<?>> body) {
    return Case.of(name, m -> m.input("x", type, shape).output("y", g -> body.apply(g, g.input("x"))));
  }

  /** {@code y = op(x, extra constant inputs...)} with attributes. */
  private static Case op(String name, ElementType type, long[] shape, String op,
      java.util.function.Function<SavedModels.Context, List<?>> extra, Consumer<OperationBuilder> attrs) {
    return unary(name, type, shape, (g, x) -> {
      List<Object> inputs = new java.util.ArrayList<>();
      inputs.add(x);
      inputs.addAll(extra.apply(g));
      return raw(g, op, inputs, attrs);
    });
  }

  private static long[] s(long... dims) {
    return dims;
  }

  @TestFactory
  Stream<DynamicTest> reshape() {
    return OpConformance.tests(List.of(
        op("reshape_static", FLOAT32, s(2, 3, 4), "Reshape", g -> List.of(ints(g, 4, 6)), NO_ATTRS)
            .ops(Map.of("RESHAPE", 1)),
        op("reshape_literal_minus_one_static", FLOAT32, s(2, 3, 4), "Reshape", g -> List.of(ints(g, -1, 12)), NO_ATTRS),
        op("reshape_dynamic_batch_minus_one", FLOAT32, s(-1, 3, 4), "Reshape", g -> List.of(ints(g, -1, 12)), NO_ATTRS)
            .outputShape("y", -1, 12),
        op("reshape_int64_target", INT32, s(-1, 6), "Reshape", g -> List.of(longs(g, -1, 2, 3)), NO_ATTRS),
        op("reshape_to_scalar", FLOAT32, s(1, 1), "Reshape", g -> List.of(g.tf().constant(new int[0])), NO_ATTRS),
        unary("keras_flatten_on_dynamic_batch_is_one_constant_reshape", FLOAT32, s(-1, 7, 7, 64), (g, x) -> {
          Operand<?> shape = raw(g, "Shape", List.of(x), NO_ATTRS);
          Operand<?> batch = raw(g, "StridedSlice", List.of(shape, ints(g, 0), ints(g, 1), ints(g, 1)),
              b -> b.setAttr("shrink_axis_mask", 1L));
          Operand<?> target = raw(g, "Pack", List.of(Graphs.list(batch, scalar(g, -1))), NO_ATTRS);
          return raw(g, "Reshape", List.of(x, target), NO_ATTRS);
        }).ops(Map.of("RESHAPE", 1)).outputShape("y", -1, 3136),
        unary("reshape_batch_times_seven_from_shape", FLOAT32, s(-1, 7, 4), (g, x) -> {
          Operand<?> shape = raw(g, "Shape", List.of(x), NO_ATTRS);
          Operand<?> batch = raw(g, "StridedSlice", List.of(shape, ints(g, 0), ints(g, 1), ints(g, 1)),
              b -> b.setAttr("shrink_axis_mask", 1L));
          Operand<?> rows = raw(g, "Mul", List.of(batch, scalar(g, 7)), NO_ATTRS);
          Operand<?> target = raw(g, "Pack", List.of(Graphs.list(rows, scalar(g, -1))), NO_ATTRS);
          return raw(g, "Reshape", List.of(x, target), NO_ATTRS);
        }).outputShape("y", -1, 4),
        Case.of("reshape_to_runtime_shape_with_two_dynamic_dims", m -> m
            .input("x", FLOAT32, -1).input("like", FLOAT32, -1, -1)
            .output("y", g -> raw(g, "Reshape", List.of(g.input("x"), raw(g, "Shape", List.of(g.input("like")),
                NO_ATTRS)), NO_ATTRS)))
            .inputs(r -> r.shape("x", 6).shape("like", 2, 3)).outputShape("y", -1, -1)
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> squeezeAndExpandDims() {
    return OpConformance.tests(List.of(
        op("squeeze_all_unit_dims", FLOAT32, s(1, 3, 1, 4), "Squeeze", g -> List.of(), NO_ATTRS)
            .ops(Map.of("RESHAPE", 1)),
        op("squeeze_listed_dim", FLOAT32, s(1, 3, 1, 4), "Squeeze", g -> List.of(), b -> b.setAttr("squeeze_dims", new long[] {2})),
        op("squeeze_negative_dim", INT32, s(1, 3, 1, 4), "Squeeze", g -> List.of(), b -> b.setAttr("squeeze_dims", new long[] {-2})),
        op("squeeze_with_dynamic_batch_is_reshape", FLOAT32, s(-1, 1, 4), "Squeeze", g -> List.of(),
            b -> b.setAttr("squeeze_dims", new long[] {1})).ops(Map.of("RESHAPE", 1)),
        op("squeeze_with_two_dynamic_dims_is_squeeze", FLOAT32, s(-1, 1, -1), "Squeeze", g -> List.of(),
            b -> b.setAttr("squeeze_dims", new long[] {1})).ops(Map.of("SQUEEZE", 1)),
        op("expand_dims_static_is_reshape", FLOAT32, s(2, 3), "ExpandDims", g -> List.of(scalar(g, 1)), NO_ATTRS)
            .ops(Map.of("RESHAPE", 1)),
        op("expand_dims_negative_axis", INT64, s(2, 3), "ExpandDims", g -> List.of(scalar(g, -1)), NO_ATTRS),
        op("expand_dims_int64_dynamic_last", INT64, s(-1, 2), "ExpandDims", g -> List.of(scalar(g, 2)), NO_ATTRS),
        op("squeeze_nothing_to_squeeze", FLOAT32, s(2, 3), "Squeeze", g -> List.of(), NO_ATTRS),
        op("expand_dims_dynamic_is_expand_dims", FLOAT32, s(-1, 3), "ExpandDims", g -> List.of(longs(g, 0)), NO_ATTRS)
            .ops(Map.of("EXPAND_DIMS", 1))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> transpose() {
    return OpConformance.tests(List.of(
        op("transpose_rank3", FLOAT32, s(2, 3, 4), "Transpose", g -> List.of(ints(g, 2, 0, 1)), NO_ATTRS)
            .ops(Map.of("TRANSPOSE", 1)),
        op("transpose_dynamic_batch", FLOAT32, s(-1, 3, 4), "Transpose", g -> List.of(ints(g, 0, 2, 1)), NO_ATTRS),
        op("transpose_int32_with_int64_perm", INT32, s(2, 3, 4, 5), "Transpose", g -> List.of(longs(g, 0, 3, 1, 2)), NO_ATTRS),
        op("transpose_identity_permutation", FLOAT32, s(2, 3), "Transpose", g -> List.of(ints(g, 0, 1)), NO_ATTRS),
        op("transpose_rank5", INT64, s(2, 1, 3, 2, 2), "Transpose", g -> List.of(ints(g, 4, 2, 0, 3, 1)), NO_ATTRS),
        op("transpose_of_unit_dims_is_reshape", FLOAT32, s(1, 3, 4), "Transpose", g -> List.of(ints(g, 1, 0, 2)), NO_ATTRS)
            .ops(Map.of("RESHAPE", 1))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> pad() {
    int[][] paddings = {{0, 0}, {1, 2}, {2, 1}};
    return OpConformance.tests(List.of(
        op("pad_dynamic_batch", FLOAT32, s(-1, 3, 4), "Pad", g -> List.of(intMatrix(g, paddings)), NO_ATTRS)
            .ops(Map.of("PAD", 1)),
        op("pad_int32", INT32, s(2, 3, 4), "Pad", g -> List.of(g.tf().constant(new long[][] {{1, 0}, {0, 0}, {0, 2}})),
            NO_ATTRS),
        op("padv2_with_value", FLOAT32, s(2, 3, 4), "PadV2", g -> List.of(intMatrix(g, paddings), g.tf().constant(1.5f)),
            NO_ATTRS).ops(Map.of("PADV2", 1)),
        op("mirror_pad_reflect", FLOAT32, s(-1, 3, 4), "MirrorPad", g -> List.of(intMatrix(g, paddings)),
            b -> b.setAttr("mode", "REFLECT")).ops(Map.of("MIRROR_PAD", 1)),
        op("mirror_pad_symmetric", FLOAT32, s(2, 3, 4), "MirrorPad", g -> List.of(intMatrix(g, new int[][] {{1, 1}, {3, 0}, {0, 4}})),
            b -> b.setAttr("mode", "SYMMETRIC"))
    ), dir);
  }

  private static Case concat(String name, ElementType type, long[] a, long[] b, int axis, boolean v1) {
    return Case.of(name, m -> m.input("a", type, a).input("b", type, b).output("y", g -> v1
        ? raw(g, "Concat", List.of(scalar(g, axis), Graphs.list(g.input("a"), g.input("b"), g.input("a"))), NO_ATTRS)
        : raw(g, "ConcatV2", List.of(Graphs.list(g.input("a"), g.input("b")), scalar(g, axis)), NO_ATTRS)))
        .ops(Map.of("CONCATENATION", 1));
  }

  @TestFactory
  Stream<DynamicTest> concatAndPack() {
    return OpConformance.tests(List.of(
        concat("concat_v2_axis1", FLOAT32, s(2, 3), s(2, 4), 1, false),
        concat("concat_v2_negative_axis_dynamic_batch", FLOAT32, s(-1, 3, 2), s(-1, 3, 5), -1, false),
        concat("concat_v2_int64_axis0", INT64, s(2, 3), s(1, 3), 0, false),
        concat("concat_v1_axis1", INT32, s(2, 3), s(2, 1), 1, true),
        Case.of("pack_axis0", m -> m.input("a", FLOAT32, -1, 3).input("b", FLOAT32, -1, 3)
            .output("y", g -> raw(g, "Pack", List.of(Graphs.list(g.input("a"), g.input("b"))), NO_ATTRS))).ops(Map.of("PACK", 1)),
        Case.of("pack_negative_axis_int32", m -> m.input("a", INT32, 2, 3).input("b", INT32, 2, 3)
            .output("y", g -> raw(g, "Pack", List.of(Graphs.list(g.input("a"), g.input("b"), g.input("a"))),
                b -> b.setAttr("axis", -1L)))),
        Case.of("unpack_axis1", m -> m.input("x", FLOAT32, -1, 3, 2).outputs(g -> {
          Operation op = rawOp(g, "Unpack", List.of(g.input("x")), b -> b.setAttr("num", 3L).setAttr("axis", 1L));
          return Map.of("y0", Graphs.output(op, 0), "y1", Graphs.output(op, 1), "y2", Graphs.output(op, 2));
        })).ops(Map.of("UNPACK", 1)),
        Case.of("unpack_int64_is_strided_slices", m -> m.input("x", INT64, 2, 3).outputs(g -> {
          Operation op = rawOp(g, "Unpack", List.of(g.input("x")), b -> b.setAttr("num", 2L));
          return Map.of("y0", Graphs.output(op, 0), "y1", Graphs.output(op, 1));
        })).ops(Map.of("STRIDED_SLICE", 2)),
        Case.of("unpack_negative_axis_int32", m -> m.input("x", INT32, 2, 3).outputs(g -> {
          Operation op = rawOp(g, "Unpack", List.of(g.input("x")), b -> b.setAttr("num", 3L).setAttr("axis", -1L));
          return Map.of("y0", Graphs.output(op, 0), "y2", Graphs.output(op, 2));
        }))
    ), dir);
  }

  /** {@code x[begin:end:strides]} with masks {begin, end, ellipsis, new_axis, shrink}. */
  private static Case stridedSlice(String name, ElementType type, long[] shape, int[] begin, int[] end, int[] strides,
      long... masks) {
    return op(name, type, shape, "StridedSlice", g -> List.of(ints(g, begin), ints(g, end), ints(g, strides)), b -> b
        .setAttr("begin_mask", masks[0]).setAttr("end_mask", masks[1]).setAttr("ellipsis_mask", masks[2])
        .setAttr("new_axis_mask", masks[3]).setAttr("shrink_axis_mask", masks[4]));
  }

  private static int[] v(int... values) {
    return values;
  }

  @TestFactory
  Stream<DynamicTest> stridedSlice() {
    return OpConformance.tests(List.of(
        stridedSlice("strided_slice_range_and_step", FLOAT32, s(5, 6), v(1, 0), v(4, 6), v(1, 2), 0, 0, 0, 0, 0)
            .ops(Map.of("STRIDED_SLICE", 1)),
        stridedSlice("strided_slice_negative_stride", FLOAT32, s(5, 6), v(-1, 0), v(0, 0), v(-1, 1), 2, 3, 0, 0, 0),
        stridedSlice("strided_slice_reverse_all", INT32, s(5, 6), v(0), v(0), v(-1), 1, 1, 0, 0, 0),
        stridedSlice("strided_slice_shrink_column", FLOAT32, s(-1, 4, 5), v(0, 1), v(0, 2), v(1, 1), 1, 1, 0, 0, 2),
        stridedSlice("strided_slice_shrink_negative_index", INT64, s(4, 5), v(0, -1), v(0, 0), v(1, 1), 1, 1, 0, 0, 2),
        stridedSlice("strided_slice_ellipsis_then_range", FLOAT32, s(-1, 3, 4, 5), v(0, 1), v(0, 3), v(1, 1), 0, 0, 1, 0, 0),
        stridedSlice("strided_slice_new_axis_in_middle", FLOAT32, s(3, 4), v(0, 0, 1), v(0, 0, 4), v(1, 1, 1), 1, 1, 0, 2, 0),
        stridedSlice("strided_slice_new_axis_ellipsis_shrink", FLOAT32, s(-1, 3, 4), v(0, 0, 0), v(0, 0, 1), v(1, 1, 1),
            0, 0, 2, 1, 4),
        stridedSlice("strided_slice_new_axis_only_is_reshape", FLOAT32, s(-1, 3), v(0, 0), v(0, 0), v(1, 1), 0, 0, 2, 1, 0)
            .ops(Map.of("RESHAPE", 1)),
        stridedSlice("strided_slice_dynamic_batch_tail", FLOAT32, s(-1, 4, 5), v(0, 1), v(0, -1), v(1, 1), 1, 1, 0, 0, 0),
        stridedSlice("strided_slice_out_of_range_end_clamps", FLOAT32, s(4, 5), v(2, -10), v(100, 10), v(1, 2), 0, 0, 0, 0, 0),
        stridedSlice("strided_slice_empty_result", FLOAT32, s(4, 5), v(3, 0), v(1, 5), v(1, 1), 0, 0, 0, 0, 0),
        stridedSlice("strided_slice_trailing_new_axis_two_dynamic_dims", FLOAT32, s(-1, -1, 3), v(0, 0), v(0, 0),
            v(1, 1), 0, 0, 1, 2, 0).ops(Map.of("EXPAND_DIMS", 1)),
        Case.of("strided_slice_end_computed_at_run_time", m -> m.input("x", FLOAT32, 4, 6).input("n", FLOAT32, -1)
            .output("y", g -> raw(g, "StridedSlice", List.of(g.input("x"), ints(g, 1, 0),
                raw(g, "Pack", List.of(Graphs.list(scalar(g, 3), raw(g, "Size", List.of(g.input("n")), NO_ATTRS))),
                    NO_ATTRS), ints(g, 1, 1)), NO_ATTRS)))
            .inputs(r -> r.shape("n", 4))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> sliceAndGather() {
    return OpConformance.tests(List.of(
        op("slice_size_minus_one", FLOAT32, s(4, 5), "Slice", g -> List.of(ints(g, 1, 2), ints(g, -1, 2)), NO_ATTRS)
            .ops(Map.of("SLICE", 1)),
        op("slice_dynamic_batch_int64", INT32, s(-1, 5, 3), "Slice", g -> List.of(longs(g, 0, 1, 0), longs(g, -1, 3, 2)),
            NO_ATTRS),
        Case.of("slice_size_computed_at_run_time", m -> m.input("x", FLOAT32, 4, 6).input("n", FLOAT32, -1)
            .output("y", g -> raw(g, "Slice", List.of(g.input("x"), ints(g, 0, 1),
                raw(g, "Pack", List.of(Graphs.list(raw(g, "Size", List.of(g.input("n")), NO_ATTRS), scalar(g, -1))),
                    NO_ATTRS)), NO_ATTRS)))
            .inputs(r -> r.shape("n", 3)),
        Case.of("gather_v2_axis0", m -> m.input("params", FLOAT32, 5, 3).input("idx", INT32, -1)
            .output("y", g -> raw(g, "GatherV2", List.of(g.input("params"), g.input("idx"), scalar(g, 0)), NO_ATTRS)))
            .inputs(r -> r.ints(0, 4)).ops(Map.of("GATHER", 1)),
        Case.of("gather_v2_axis1_int64_indices", m -> m.input("params", FLOAT32, -1, 6, 2).input("idx", INT64, 2, 2)
            .output("y", g -> raw(g, "GatherV2", List.of(g.input("params"), g.input("idx"), scalar(g, 1)), NO_ATTRS)))
            .inputs(r -> r.ints(0, 5)),
        Case.of("gather_v2_negative_axis_int32_params", m -> m.input("params", INT32, 3, 4).input("idx", INT32, 5)
            .output("y", g -> raw(g, "GatherV2", List.of(g.input("params"), g.input("idx"), scalar(g, -1)), NO_ATTRS)))
            .inputs(r -> r.ints(0, 3)),
        Case.of("gather_v2_batch_dims", m -> m.input("params", FLOAT32, 3, 4, 2).input("idx", INT32, 3, 2)
            .output("y", g -> raw(g, "GatherV2", List.of(g.input("params"), g.input("idx"), scalar(g, 1)),
                b -> b.setAttr("batch_dims", 1L))))
            .inputs(r -> r.ints(0, 3)),
        Case.of("gather_v1", m -> m.input("params", FLOAT32, 4, 3).input("idx", INT32, 2, 2)
            .output("y", g -> raw(g, "Gather", List.of(g.input("params"), g.input("idx")), NO_ATTRS)))
            .inputs(r -> r.ints(0, 3)),
        Case.of("gather_from_variable", m -> m.input("idx", INT32, -1)
            .variable("table", Graphs.randomFloats(3, 6, 4))
            .output("y", g -> raw(g, "GatherV2", List.of(g.variable("table"), g.input("idx"), scalar(g, 0)), NO_ATTRS)))
            .inputs(r -> r.ints(0, 5))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> shapeQueries() {
    return OpConformance.tests(List.of(
        op("shape_of_dynamic_input", FLOAT32, s(-1, 3, 4), "Shape", g -> List.of(), NO_ATTRS).ops(Map.of("SHAPE", 1)),
        op("shape_int64_of_dynamic_input", INT32, s(2, -1), "Shape", g -> List.of(),
            b -> b.setAttr("out_type", org.tensorflow.proto.DataType.DT_INT64)),
        op("size_of_dynamic_input", FLOAT32, s(-1, 3, 4), "Size", g -> List.of(), NO_ATTRS),
        op("size_int64_of_dynamic_input", FLOAT32, s(2, -1), "Size", g -> List.of(),
            b -> b.setAttr("out_type", org.tensorflow.proto.DataType.DT_INT64)),
        op("rank_is_a_constant", FLOAT32, s(-1, 3), "Rank", g -> List.of(), NO_ATTRS),
        Case.of("shape_n_of_two_inputs", m -> m.input("a", FLOAT32, -1, 3).input("b", FLOAT32, 2, -1, 1).outputs(g -> {
          Operation op = rawOp(g, "ShapeN", List.of(Graphs.list(g.input("a"), g.input("b"))), NO_ATTRS);
          return Map.of("sa", Graphs.output(op, 0), "sb", Graphs.output(op, 1));
        })),
        unary("shape_of_static_input_folds", FLOAT32, s(2, 3), (g, x) -> raw(g, "Fill",
            List.of(raw(g, "Shape", List.of(x), NO_ATTRS), g.tf().constant(2.5f)), NO_ATTRS)),
        unary("size_and_rank_fold_to_constants", FLOAT32, s(-1, 3), (g, x) -> raw(g, "Range",
            List.of(raw(g, "Rank", List.of(x), NO_ATTRS), raw(g, "Size", List.of(x), NO_ATTRS), scalar(g, 1)),
            NO_ATTRS))
    ), dir);
  }

  /** The integer and boolean element types LiteRT kernels support, op by op. */
  @TestFactory
  Stream<DynamicTest> integerAndBooleanVariants() {
    ElementType bool = ElementType.BOOL;
    return OpConformance.tests(List.of(
        unary("pack_int64", INT64, s(-1, 2), (g, x) -> raw(g, "Pack", List.of(Graphs.list(x, x)),
            b -> b.setAttr("axis", 1L))),
        op("tile_int64", INT64, s(2, 3), "Tile", g -> List.of(ints(g, 2, 2)), NO_ATTRS),
        op("pad_int64", INT64, s(2, 3), "Pad", g -> List.of(intMatrix(g, new int[][] {{1, 0}, {0, 2}})), NO_ATTRS),
        op("mirror_pad_int32", INT32, s(3, 3), "MirrorPad", g -> List.of(intMatrix(g, new int[][] {{1, 1}, {0, 2}})),
            b -> b.setAttr("mode", "REFLECT")),
        op("slice_int64", INT64, s(4, 3), "Slice", g -> List.of(ints(g, 1, 0), ints(g, 2, -1)), NO_ATTRS),
        op("gather_int64_params", INT64, s(5, 2), "GatherV2", g -> List.of(ints(g, 4, 0, 2), scalar(g, 0)), NO_ATTRS),
        op("broadcast_to_int64", INT64, s(1, 3), "BroadcastTo", g -> List.of(ints(g, 2, 3)), NO_ATTRS),
        op("fill_like_ones_int64", INT64, s(-1, 3), "OnesLike", g -> List.of(), NO_ATTRS),
        Case.of("split_int64", m -> m.input("x", INT64, 4, 2).outputs(g -> {
          Operation op = rawOp(g, "Split", List.of(scalar(g, 0), g.input("x")), b -> b.setAttr("num_split", 2L));
          return Map.of("a", Graphs.output(op, 0), "b", Graphs.output(op, 1));
        })),
        op("reshape_bool", bool, s(-1, 4), "Reshape", g -> List.of(ints(g, -1, 2, 2)), NO_ATTRS),
        op("transpose_bool", bool, s(2, 3), "Transpose", g -> List.of(ints(g, 1, 0)), NO_ATTRS),
        Case.of("concat_bool", m -> m.input("a", bool, 2, 3).input("b", bool, 2, 1)
            .output("y", g -> raw(g, "ConcatV2", List.of(Graphs.list(g.input("a"), g.input("b")), scalar(g, 1)),
                NO_ATTRS))),
        op("gather_bool", bool, s(4, 2), "GatherV2", g -> List.of(ints(g, 3, 1), scalar(g, 0)), NO_ATTRS),
        op("strided_slice_bool", bool, s(4, 3), "StridedSlice", g -> List.of(ints(g, 1, 0), ints(g, 3, 3), ints(g, 1, 2)),
            NO_ATTRS),
        op("expand_dims_bool", bool, s(-1, 3), "ExpandDims", g -> List.of(scalar(g, 1)), NO_ATTRS)
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> fillTileRangeSplit() {
    return OpConformance.tests(List.of(
        unary("fill_with_dynamic_shape", FLOAT32, s(-1, 3), (g, x) -> raw(g, "Fill",
            List.of(raw(g, "Shape", List.of(x), NO_ATTRS), g.tf().constant(2.5f)), NO_ATTRS)),
        Case.of("fill_with_runtime_value", m -> m.input("v", INT32)
            .output("y", g -> raw(g, "Fill", List.of(ints(g, 2, 3), g.input("v")), NO_ATTRS))).ops(Map.of("FILL", 1)),
        op("zeros_like_float", FLOAT32, s(-1, 3), "ZerosLike", g -> List.of(), NO_ATTRS).ops(Map.of("ZEROS_LIKE", 1)),
        op("zeros_like_int64", INT64, s(2, 3), "ZerosLike", g -> List.of(), NO_ATTRS),
        op("ones_like_dynamic", FLOAT32, s(-1, 3), "OnesLike", g -> List.of(), NO_ATTRS),
        op("ones_like_int32_static", INT32, s(2, 3), "OnesLike", g -> List.of(), NO_ATTRS),
        op("tile_dynamic_batch", FLOAT32, s(-1, 2, 3), "Tile", g -> List.of(ints(g, 1, 2, 3)), NO_ATTRS)
            .ops(Map.of("TILE", 1)),
        op("tile_int64_multiples", INT32, s(2, 3), "Tile", g -> List.of(longs(g, 2, 1)), NO_ATTRS),
        Case.of("tile_multiples_computed_at_run_time", m -> m.input("x", FLOAT32, 2, 3).input("n", FLOAT32, -1)
            .output("y", g -> raw(g, "Tile", List.of(g.input("x"), raw(g, "Pack", List.of(Graphs.list(
                raw(g, "Size", List.of(g.input("n")), NO_ATTRS), scalar(g, 2))), NO_ATTRS)), NO_ATTRS)))
            .inputs(r -> r.shape("n", 3)),
        Case.of("fill_int64_dims", m -> m.input("v", FLOAT32)
            .output("y", g -> raw(g, "Fill", List.of(longs(g, 3, 2), g.input("v")), NO_ATTRS))),
        op("broadcast_to_static", FLOAT32, s(3, 1), "BroadcastTo", g -> List.of(ints(g, 2, 3, 4)), NO_ATTRS)
            .ops(Map.of("BROADCAST_TO", 1)),
        Case.of("broadcast_to_shape_of_other_input", m -> m.input("x", FLOAT32, 1, 4).input("like", FLOAT32, -1, 4)
                .output("y", g -> raw(g, "BroadcastTo", List.of(g.input("x"), raw(g, "Shape", List.of(g.input("like")),
                    NO_ATTRS)), NO_ATTRS))),
        unary("range_to_dynamic_size", FLOAT32, s(-1), (g, x) -> raw(g, "Range",
            List.of(scalar(g, 0), raw(g, "Size", List.of(x), NO_ATTRS), scalar(g, 1)), NO_ATTRS)),
        Case.of("range_float_runtime", m -> m.input("limit", FLOAT32)
            .output("y", g -> raw(g, "Range", List.of(g.tf().constant(-1f), g.input("limit"), g.tf().constant(0.25f)),
                NO_ATTRS))).inputs(r -> r.floats(0, 1)).ops(Map.of("RANGE", 1)),
        Case.of("range_int64_runtime", m -> m.input("limit", INT64)
            .output("y", g -> raw(g, "Range", List.of(g.tf().constant(-2L), g.input("limit"), g.tf().constant(2L)),
                NO_ATTRS))).inputs(r -> r.ints(0, 5)),
        op("broadcast_to_int32", INT32, s(-1, 1), "BroadcastTo", g -> List.of(ints(g, 3, 4)), NO_ATTRS),
        Case.of("split_int32_axis0", m -> m.input("x", INT32, 4, 3).outputs(g -> {
          Operation op = rawOp(g, "Split", List.of(scalar(g, 0), g.input("x")), b -> b.setAttr("num_split", 2L));
          return Map.of("a", Graphs.output(op, 0), "b", Graphs.output(op, 1));
        })),
        Case.of("split_axis1", m -> m.input("x", FLOAT32, -1, 6).outputs(g -> {
          Operation op = rawOp(g, "Split", List.of(scalar(g, 1), g.input("x")), b -> b.setAttr("num_split", 3L));
          return Map.of("a", Graphs.output(op, 0), "b", Graphs.output(op, 1), "c", Graphs.output(op, 2));
        })).ops(Map.of("SPLIT", 1)),
        Case.of("split_v_with_inferred_size", m -> m.input("x", INT32, 2, 7).outputs(g -> {
          Operation op = rawOp(g, "SplitV", List.of(g.input("x"), ints(g, 1, -1, 2), scalar(g, -1)),
              b -> b.setAttr("num_split", 3L));
          return Map.of("a", Graphs.output(op, 0), "b", Graphs.output(op, 1), "c", Graphs.output(op, 2));
        })).ops(Map.of("SPLIT_V", 1))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> reverse() {
    return OpConformance.tests(List.of(
        op("reverse_last_axis", FLOAT32, s(-1, 3, 4), "ReverseV2", g -> List.of(ints(g, -1)), NO_ATTRS)
            .ops(Map.of("REVERSE_V2", 1)),
        op("reverse_two_axes_int64_axis", FLOAT32, s(-1, 3, 4), "ReverseV2", g -> List.of(longs(g, 2, 0)), NO_ATTRS)
            .ops(Map.of("REVERSE_V2", 2)),
        op("reverse_int32_values", INT32, s(2, 5), "ReverseV2", g -> List.of(ints(g, 1)), NO_ATTRS),
        op("reverse_no_axes_is_identity", FLOAT32, s(-1, 4), "ReverseV2", g -> List.of(g.tf().constant(new int[0])),
            NO_ATTRS).ops(Map.of())
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> matrixBandPart() {
    return OpConformance.tests(List.of(
        // MHA's causal mask: the lower triangle.
        op("band_part_lower_triangle", FLOAT32, s(-1, 2, 5, 5), "MatrixBandPart",
            g -> List.of(g.tf().constant(-1L), g.tf().constant(0L)), NO_ATTRS).ops(Map.of("SELECT_V2", 1)),
        op("band_part_band_of_rectangles_int32_bounds", FLOAT32, s(-1, 4, 6), "MatrixBandPart",
            g -> List.of(scalar(g, 1), scalar(g, 2)), b -> b.setAttr("Tindex", org.tensorflow.proto.DataType.DT_INT32)),
        op("band_part_upper_of_int32", INT32, s(-1, 3, 3), "MatrixBandPart",
            g -> List.of(g.tf().constant(0L), g.tf().constant(-1L)), NO_ATTRS),
        // Keras's causal mask: band part of a constant all-true square, folded to a constant.
        Case.of("band_part_of_constant_true_square_folds", m -> m.input("x", FLOAT32, -1, 4, 4).output("y", g -> {
          var ones = raw(g, "Fill", List.of(ints(g, 4, 4), g.tf().constant(true)), NO_ATTRS);
          var band = raw(g, "MatrixBandPart", List.of(ones, g.tf().constant(-1L), g.tf().constant(0L)), NO_ATTRS);
          return raw(g, "SelectV2", List.of(band, g.input("x"), g.tf().constant(-1e9f)), NO_ATTRS);
        })).ops(Map.of("SELECT_V2", 1))
    ), dir);
  }
}
