package io.litertj.legalize.shape;

import static io.litertj.legalize.shape.Graphs.ints;
import static io.litertj.legalize.shape.Graphs.intMatrix;
import static io.litertj.legalize.shape.Graphs.longs;
import static io.litertj.legalize.shape.Graphs.randomFloats;
import static io.litertj.legalize.shape.Graphs.raw;
import static io.litertj.legalize.shape.Graphs.scalar;
import static io.litertj.testing.ElementType.BOOL;
import static io.litertj.testing.ElementType.FLOAT32;
import static io.litertj.testing.ElementType.INT32;

import io.litertj.legalize.shape.OpConformance.Case;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.OperationBuilder;

/**
 * Conformance against TensorFlow, in real LiteRT and quantized in every mode, of the indexing and
 * layout ops that the official converter legalizes to builtins: GatherNd, ScatterNd, OneHot,
 * MatrixDiag, MatrixSetDiag, ReverseSequence, SpaceToBatchND, BatchToSpaceND, BroadcastArgs, Where.
 */
class IndexingLegalizersTest {

  @TempDir
  Path dir;

  private static final Consumer<OperationBuilder> NO_ATTRS = b -> {};

  private static long[] s(long... dims) {
    return dims;
  }

  @TestFactory
  Stream<DynamicTest> gatherAndScatterNd() {
    return OpConformance.tests(List.of(
        Case.of("gather_nd_rows", m -> m.input("x", FLOAT32, 4, 3).output("y", g -> raw(g, "GatherNd",
            List.of(g.input("x"), intMatrix(g, new int[][] {{2}, {0}, {3}})), NO_ATTRS))).ops(Map.of("GATHER_ND", 1)),
        Case.of("gather_nd_elements_int64_indices", m -> m.input("x", FLOAT32, -1, 3, 4).output("y", g -> raw(g,
            "GatherNd", List.of(g.input("x"), g.tf().constant(new long[][] {{0, 1, 2}, {1, 2, 3}, {2, 0, 0}})),
            NO_ATTRS))),
        Case.of("gather_nd_computed_indices", m -> m.input("x", FLOAT32, 5, 2).input("i", INT32, 3, 1)
            .output("y", g -> raw(g, "GatherNd", List.of(g.input("x"), g.input("i")), NO_ATTRS)))
            .inputs(r -> r.ints(0, 4)),
        Case.of("scatter_nd_rows", m -> m.input("u", FLOAT32, 2, 3).output("y", g -> raw(g, "ScatterNd",
            List.of(intMatrix(g, new int[][] {{3}, {1}}), g.input("u"), ints(g, 5, 3)), NO_ATTRS)))
            .ops(Map.of("SCATTER_ND", 1)),
        Case.of("scatter_nd_elements_int64", m -> m.input("u", FLOAT32, 3).output("y", g -> raw(g, "ScatterNd",
            List.of(g.tf().constant(new long[][] {{0, 1}, {2, 2}, {1, 0}}), g.input("u"), longs(g, 3, 3)), NO_ATTRS)))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> oneHot() {
    return OpConformance.tests(List.of(
        Case.of("one_hot_last_axis", m -> m.input("i", INT32, -1, 4).output("y", g -> raw(g, "OneHot",
            List.of(g.input("i"), scalar(g, 5), g.tf().constant(1f), g.tf().constant(0f)), NO_ATTRS)))
            .inputs(r -> r.ints(-1, 6)).ops(Map.of("ONE_HOT", 1)),
        Case.of("one_hot_axis0_custom_values", m -> m.input("i", INT32, 3).output("y", g -> raw(g, "OneHot",
            List.of(g.input("i"), scalar(g, 4), g.tf().constant(2.5f), g.tf().constant(-1f)),
            b -> b.setAttr("axis", 0L)))).inputs(r -> r.ints(0, 3)),
        Case.of("one_hot_int32_values", m -> m.input("i", INT32, 2, 3).output("y", g -> raw(g, "OneHot",
            List.of(g.input("i"), scalar(g, 3), g.tf().constant(7), g.tf().constant(0)),
            b -> b.setAttr("axis", 1L)))).inputs(r -> r.ints(0, 2))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> matrixDiagonals() {
    return OpConformance.tests(List.of(
        Case.of("matrix_diag", m -> m.input("d", FLOAT32, -1, 4).output("y", g -> raw(g, "MatrixDiag",
            List.of(g.input("d")), NO_ATTRS))).ops(Map.of("MATRIX_DIAG", 1)),
        Case.of("matrix_diag_v3_main_diagonal", m -> m.input("d", FLOAT32, 2, 3).output("y", g -> raw(g,
            "MatrixDiagV3", List.of(g.input("d"), scalar(g, 0), scalar(g, -1), scalar(g, -1), g.tf().constant(0f)),
            NO_ATTRS))).ops(Map.of("MATRIX_DIAG", 1)),
        Case.of("matrix_set_diag", m -> m.input("x", FLOAT32, -1, 3, 3).input("d", FLOAT32, -1, 3)
            .output("y", g -> raw(g, "MatrixSetDiag", List.of(g.input("x"), g.input("d")), NO_ATTRS)))
            .ops(Map.of("MATRIX_SET_DIAG", 1)),
        Case.of("matrix_set_diag_v3_rectangular", m -> m.input("x", FLOAT32, 2, 3, 4).input("d", FLOAT32, 2, 3)
            .output("y", g -> raw(g, "MatrixSetDiagV3", List.of(g.input("x"), g.input("d"), scalar(g, 0)),
                NO_ATTRS)))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> reverseSequence() {
    return OpConformance.tests(List.of(
        Case.of("reverse_sequence_time_major_lengths", m -> m.input("x", FLOAT32, 3, 5, 2).output("y", g -> raw(g,
            "ReverseSequence", List.of(g.input("x"), longs(g, 5, 2, 0)),
            b -> b.setAttr("seq_dim", 1L).setAttr("batch_dim", 0L)))).ops(Map.of("REVERSE_SEQUENCE", 1)),
        Case.of("reverse_sequence_batch_second_int32", m -> m.input("x", FLOAT32, 4, 3).input("n", INT32, 3)
            .output("y", g -> raw(g, "ReverseSequence", List.of(g.input("x"), g.input("n")),
                b -> b.setAttr("seq_dim", 0L).setAttr("batch_dim", 1L)))).inputs(r -> r.ints(0, 4))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> spaceAndBatch() {
    return OpConformance.tests(List.of(
        Case.of("space_to_batch_nd_4d", m -> m.input("x", FLOAT32, -1, 4, 6, 3).output("y", g -> raw(g,
            "SpaceToBatchND", List.of(g.input("x"), ints(g, 2, 2), intMatrix(g, new int[][] {{0, 0}, {1, 1}})),
            NO_ATTRS))).ops(Map.of("SPACE_TO_BATCH_ND", 1)),
        Case.of("batch_to_space_nd_4d_crops", m -> m.input("x", FLOAT32, 4, 2, 3, 2).output("y", g -> raw(g,
            "BatchToSpaceND", List.of(g.input("x"), ints(g, 2, 2), intMatrix(g, new int[][] {{0, 1}, {1, 0}})),
            NO_ATTRS))).ops(Map.of("BATCH_TO_SPACE_ND", 1)),
        // TF's dilated convolution: SpaceToBatchND, Conv2D, BatchToSpaceND.
        Case.of("dilated_conv_as_space_to_batch", m -> m.input("x", FLOAT32, 1, 8, 8, 2)
            .variable("w", randomFloats(3, 3, 3, 2, 4)).output("y", g -> {
              var stb = raw(g, "SpaceToBatchND", List.of(g.input("x"), ints(g, 2, 2),
                  intMatrix(g, new int[][] {{2, 2}, {2, 2}})), NO_ATTRS);
              var conv = raw(g, "Conv2D", List.of(stb, g.variable("w")),
                  b -> b.setAttr("strides", new long[] {1, 1, 1, 1}).setAttr("padding", "VALID"));
              return raw(g, "BatchToSpaceND", List.of(conv, ints(g, 2, 2), intMatrix(g, new int[][] {{0, 0}, {0, 0}})),
                  NO_ATTRS);
            }))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> broadcastArgsAndWhere() {
    return OpConformance.tests(List.of(
        Case.of("broadcast_args_of_constants_folds", m -> m.input("x", FLOAT32, 1, 4).output("y", g -> raw(g,
            "BroadcastTo", List.of(g.input("x"), raw(g, "BroadcastArgs", List.of(ints(g, 3, 1), ints(g, 1, 4)),
                NO_ATTRS)), NO_ATTRS))).ops(Map.of("BROADCAST_TO", 1)),
        Case.of("broadcast_args_at_run_time", m -> m.input("a", FLOAT32, -1, 1).input("b", FLOAT32, 1, 4)
            .output("y", g -> raw(g, "BroadcastArgs", List.of(raw(g, "Shape", List.of(g.input("a")), NO_ATTRS),
                raw(g, "Shape", List.of(g.input("b")), NO_ATTRS)), NO_ATTRS))),
        Case.of("where_of_bools", m -> m.input("c", BOOL, 3, 4).output("y", g -> raw(g, "Where",
            List.of(g.input("c")), NO_ATTRS))).ops(Map.of("WHERE", 1)),
        Case.of("where_of_floats_nonzero", m -> m.input("x", FLOAT32, 2, 5).output("y", g -> raw(g, "Where",
            List.of(raw(g, "Relu", List.of(g.input("x")), NO_ATTRS)), NO_ATTRS)))
    ), dir);
  }


  @TestFactory
  Stream<DynamicTest> sparseToDenseAndUnique() {
    return OpConformance.tests(List.of(
        Case.of("sparse_to_dense_2d", m -> m.input("v", FLOAT32, 3).output("y", g -> raw(g, "SparseToDense",
            List.of(intMatrix(g, new int[][] {{0, 1}, {2, 0}, {3, 2}}), ints(g, 4, 3), g.input("v"),
                g.tf().constant(-1f)), NO_ATTRS))).ops(Map.of("SPARSE_TO_DENSE", 1)),
        Case.of("sparse_to_dense_scalar_value_int64_indices", m -> m.input("d", FLOAT32).output("y", g -> raw(g,
            "SparseToDense", List.of(g.tf().constant(new long[] {1, 4}), g.tf().constant(new long[] {6}),
                g.tf().constant(5f), g.input("d")), NO_ATTRS))),
        Case.of("unique_values_and_indices", m -> m.input("x", INT32, 8).outputs(g -> {
          var op = Graphs.rawOp(g, "Unique", List.of(g.input("x")), NO_ATTRS);
          return Map.of("values", Graphs.output(op, 0), "indices", Graphs.output(op, 1));
        })).inputs(r -> r.ints(0, 4)).ops(Map.of("UNIQUE", 1))
    ), dir);
  }

  private static Case nms(String name, String op, boolean pad, boolean soft) {
    return Case.of(name, m -> m.input("boxes", FLOAT32, 10, 4).input("scores", FLOAT32, 10).outputs(g -> {
      List<Object> in = new java.util.ArrayList<>(List.of(g.input("boxes"), g.input("scores"), g.tf().constant(4),
          g.tf().constant(0.3f), g.tf().constant(0.2f)));
      if (soft) {
        in.add(g.tf().constant(0f));
      }
      var o = Graphs.rawOp(g, op, in, op.equals("NonMaxSuppressionV3") ? NO_ATTRS
          : b -> b.setAttr("pad_to_max_output_size", pad));
      Map<String, org.tensorflow.Operand<?>> outs = new java.util.LinkedHashMap<>();
      outs.put("indices", Graphs.output(o, 0));
      if (soft) {
        outs.put("scores_out", Graphs.output(o, 1));
      }
      if (!op.equals("NonMaxSuppressionV3")) {
        outs.put("valid", Graphs.output(o, soft ? 2 : 1));
      }
      return outs;
    })).inputs(r -> r.floats(0, 1));
  }

  @TestFactory
  Stream<DynamicTest> nonMaxSuppression() {
    return OpConformance.tests(List.of(
        nms("nms_v4_padded", "NonMaxSuppressionV4", true, false).ops(Map.of("NON_MAX_SUPPRESSION_V4", 1)),
        nms("nms_v4_unpadded_is_sliced", "NonMaxSuppressionV4", false, false),
        nms("nms_v3_is_v4_sliced", "NonMaxSuppressionV3", false, false),
        nms("nms_v5_hard_padded", "NonMaxSuppressionV5", true, true).ops(Map.of("NON_MAX_SUPPRESSION_V5", 1)),
        nms("nms_v5_unpadded", "NonMaxSuppressionV5", false, true)
    ), dir);
  }
}
