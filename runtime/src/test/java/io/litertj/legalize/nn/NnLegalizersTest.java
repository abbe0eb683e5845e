package io.litertj.legalize.nn;

import static io.litertj.legalize.shape.Graphs.ints;
import static io.litertj.legalize.shape.Graphs.randomFloats;
import static io.litertj.legalize.shape.Graphs.raw;
import static io.litertj.legalize.shape.Graphs.rawOp;
import static io.litertj.testing.ElementType.FLOAT32;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.LiteRtConverter;
import io.litertj.legalize.shape.Graphs;
import io.litertj.legalize.shape.OpConformance;
import io.litertj.legalize.shape.OpConformance.Case;
import io.litertj.testing.SavedModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;

/** Conformance of the neural-network legalizers against TensorFlow, run in real LiteRT. */
class NnLegalizersTest {

  @TempDir
  Path dir;

  private static long[] s(long... dims) {
    return dims;
  }

  /** {@code y = op(x, w)} with a weight variable {@code w} and attributes. */
  private static Case withWeights(String name, long[] input, long[] weights, String op, Consumer<OperationBuilder> attrs) {
    return Case.of(name, m -> m.input("x", FLOAT32, input).variable("w", randomFloats(name.hashCode(), weights))
        .output("y", g -> raw(g, op, List.of(g.input("x"), g.variable("w")), attrs)));
  }

  private static Consumer<OperationBuilder> conv(String padding, long stride, long dilation) {
    return b -> b.setAttr("strides", new long[] {1, stride, stride, 1}).setAttr("padding", padding)
        .setAttr("dilations", new long[] {1, dilation, dilation, 1});
  }

  @TestFactory
  Stream<DynamicTest> convolutions() {
    return OpConformance.tests(List.of(
        withWeights("conv2d_same", s(-1, 8, 8, 3), s(3, 3, 3, 5), "Conv2D", conv("SAME", 1, 1))
            .ops(Map.of("CONV_2D", 1)),
        withWeights("conv2d_valid_stride2", s(2, 9, 8, 3), s(3, 2, 3, 4), "Conv2D", conv("VALID", 2, 1)),
        withWeights("conv2d_same_stride2_odd_input", s(1, 7, 7, 2), s(3, 3, 2, 4), "Conv2D", conv("SAME", 2, 1)),
        withWeights("conv2d_dilated", s(-1, 10, 10, 2), s(3, 3, 2, 3), "Conv2D", conv("SAME", 1, 2)),
        withWeights("conv2d_explicit_padding_is_pad_then_valid", s(1, 6, 6, 2), s(3, 3, 2, 3), "Conv2D", b -> b
            .setAttr("strides", new long[] {1, 1, 2, 1}).setAttr("padding", "EXPLICIT")
            .setAttr("explicit_paddings", new long[] {0, 0, 1, 2, 0, 1, 0, 0}))
            .ops(Map.of("PAD", 1, "CONV_2D", 1)),
        withWeights("conv2d_dynamic_spatial_dims", s(-1, -1, -1, 3), s(2, 2, 3, 2), "Conv2D", conv("VALID", 1, 1))
            .outputShape("y", -1, -1, -1, 2),
        Case.of("conv2d_filter_computed_at_run_time_is_transposed", m -> m.input("x", FLOAT32, 1, 5, 5, 2)
            .input("w", FLOAT32, 3, 3, 2, 4)
            .output("y", g -> raw(g, "Conv2D", List.of(g.input("x"), g.input("w")), conv("SAME", 1, 1))))
            .ops(Map.of("TRANSPOSE", 1, "CONV_2D", 1)),
        withWeights("depthwise_explicit_padding", s(1, 5, 5, 2), s(3, 3, 2, 1), "DepthwiseConv2dNative", b -> b
            .setAttr("strides", new long[] {1, 1, 1, 1}).setAttr("padding", "EXPLICIT")
            .setAttr("explicit_paddings", new long[] {0, 0, 2, 0, 1, 1, 0, 0})),
        withWeights("depthwise_multiplier1_same", s(-1, 7, 7, 4), s(3, 3, 4, 1), "DepthwiseConv2dNative",
            conv("SAME", 1, 1)).ops(Map.of("DEPTHWISE_CONV_2D", 1)),
        withWeights("depthwise_multiplier2_valid_stride2", s(2, 8, 9, 3), s(3, 3, 3, 2), "DepthwiseConv2dNative",
            conv("VALID", 2, 1)),
        withWeights("depthwise_dilated", s(1, 9, 9, 2), s(2, 2, 2, 3), "DepthwiseConv2dNative", conv("SAME", 1, 2)),
        Case.of("conv2d_backprop_input_same_stride2", m -> m.input("x", FLOAT32, 2, 4, 4, 3)
            .variable("w", randomFloats(11, 3, 3, 5, 3))
            .output("y", g -> raw(g, "Conv2DBackpropInput", List.of(ints(g, 2, 8, 8, 5), g.variable("w"), g.input("x")),
                b -> b.setAttr("strides", new long[] {1, 2, 2, 1}).setAttr("padding", "SAME"))))
            .ops(Map.of("TRANSPOSE_CONV", 1)),
        Case.of("conv2d_backprop_input_valid_dynamic_batch", m -> m.input("x", FLOAT32, -1, 3, 3, 2)
            .variable("w", randomFloats(12, 2, 3, 4, 2))
            .output("y", g -> {
              Operand<?> shape = raw(g, "Shape", List.of(g.input("x")), b -> {});
              Operand<?> batch = raw(g, "StridedSlice", List.of(shape, ints(g, 0), ints(g, 1), ints(g, 1)),
                  b -> b.setAttr("shrink_axis_mask", 1L));
              Operand<?> sizes = raw(g, "Pack", List.of(Graphs.list(batch, Graphs.scalar(g, 4), Graphs.scalar(g, 7),
                  Graphs.scalar(g, 4))), b -> {});
              return raw(g, "Conv2DBackpropInput", List.of(sizes, g.variable("w"), g.input("x")),
                  b -> b.setAttr("strides", new long[] {1, 1, 2, 1}).setAttr("padding", "VALID"));
            }))
    ), dir);
  }

  private static Consumer<OperationBuilder> pool(long k, long stride, String padding) {
    return b -> b.setAttr("ksize", new long[] {1, k, k, 1}).setAttr("strides", new long[] {1, stride, stride, 1})
        .setAttr("padding", padding);
  }

  private static Case unary(String name, long[] shape, String op, Consumer<OperationBuilder> attrs) {
    return Case.of(name, m -> m.input("x", FLOAT32, shape).output("y", g -> raw(g, op, List.of(g.input("x")), attrs)));
  }

  @TestFactory
  Stream<DynamicTest> pools() {
    return OpConformance.tests(List.of(
        unary("max_pool_valid", s(-1, 8, 8, 3), "MaxPool", pool(2, 2, "VALID")).ops(Map.of("MAX_POOL_2D", 1)),
        unary("max_pool_same_overlapping", s(2, 7, 7, 3), "MaxPool", pool(3, 2, "SAME")),
        Case.of("max_pool_v2_constant_window", m -> m.input("x", FLOAT32, 1, 6, 6, 2).output("y", g ->
            raw(g, "MaxPoolV2", List.of(g.input("x"), ints(g, 1, 3, 3, 1), ints(g, 1, 1, 1, 1)),
                b -> b.setAttr("padding", "SAME")))),
        unary("avg_pool_valid", s(-1, 8, 8, 3), "AvgPool", pool(2, 2, "VALID")).ops(Map.of("AVERAGE_POOL_2D", 1)),
        unary("avg_pool_same_excludes_padding", s(2, 7, 7, 3), "AvgPool", pool(3, 2, "SAME")),
        unary("avg_pool_same_stride1", s(1, 5, 5, 2), "AvgPool", pool(3, 1, "SAME"))
    ), dir);
  }

  private static Case batchNorm(String name, String op, long[] shape, boolean afterConv) {
    int c = (int) shape[3];
    return Case.of(name, m -> m.input("x", FLOAT32, shape)
        .variable("w", randomFloats(5, 3, 3, shape[3], shape[3]))
        .variable("scale", randomFloats(1, 0.5, 1.5, c)).variable("offset", randomFloats(2, c))
        .variable("mean", randomFloats(3, c)).variable("var", randomFloats(4, 0.1, 2, c))
        .output("y", g -> {
          Operand<?> x = afterConv ? raw(g, "Conv2D", List.of(g.input("x"), g.variable("w")), conv("SAME", 1, 1))
              : g.input("x");
          return Graphs.output(rawOp(g, op, List.of(x, g.variable("scale"), g.variable("offset"), g.variable("mean"),
              g.variable("var")), b -> b.setAttr("is_training", false).setAttr("epsilon", 0.001f)), 0);
        }));
  }

  @TestFactory
  Stream<DynamicTest> batchNorms() {
    return OpConformance.tests(List.of(
        batchNorm("fused_batch_norm_v3", "FusedBatchNormV3", s(-1, 4, 4, 3), false).ops(Map.of("MUL", 1, "ADD", 1)),
        batchNorm("fused_batch_norm_v1", "FusedBatchNorm", s(2, 3, 3, 4), false),
        batchNorm("fused_batch_norm_v2", "FusedBatchNormV2", s(1, 2, 5, 2), false),
        batchNorm("conv_then_batch_norm_folds_into_conv", "FusedBatchNormV3", s(-1, 6, 6, 3), true)
            .ops(Map.of("CONV_2D", 1))
    ), dir);
  }

  @TestFactory
  Stream<DynamicTest> resizesAndBlocks() {
    Consumer<OperationBuilder> none = b -> {};
    Consumer<OperationBuilder> align = b -> b.setAttr("align_corners", true);
    Consumer<OperationBuilder> half = b -> b.setAttr("half_pixel_centers", true);
    return OpConformance.tests(List.of(
        resize("resize_bilinear_default", "ResizeBilinear", none).ops(Map.of("RESIZE_BILINEAR", 1)),
        resize("resize_bilinear_align_corners", "ResizeBilinear", align),
        resize("resize_bilinear_half_pixel_centers", "ResizeBilinear", half),
        resize("resize_nearest_default", "ResizeNearestNeighbor", none).ops(Map.of("RESIZE_NEAREST_NEIGHBOR", 1)),
        resize("resize_nearest_align_corners", "ResizeNearestNeighbor", align),
        resize("resize_nearest_half_pixel_centers", "ResizeNearestNeighbor", half),
        Case.of("resize_bilinear_of_int32_casts_to_float", m -> m.input("x", io.litertj.testing.ElementType.INT32, 1, 3, 3, 2)
            .output("y", g -> raw(g, "ResizeBilinear", List.of(g.input("x"), ints(g, 5, 4)), none))),
        Case.of("resize_nearest_to_run_time_size", m -> m.input("x", FLOAT32, 1, 3, 4, 2)
            .input("size", io.litertj.testing.ElementType.INT32, 2)
            .output("y", g -> raw(g, "ResizeNearestNeighbor", List.of(g.input("x"), g.input("size")), none)))
            .inputs(r -> r.ints(2, 6)),
        unary("space_to_depth_static", s(1, 6, 6, 2), "SpaceToDepth", b -> b.setAttr("block_size", 3L)),
        unary("space_to_depth", s(-1, 4, 6, 3), "SpaceToDepth", b -> b.setAttr("block_size", 2L))
            .ops(Map.of("SPACE_TO_DEPTH", 1)),
        unary("depth_to_space", s(2, 3, 2, 8), "DepthToSpace", b -> b.setAttr("block_size", 2L))
            .ops(Map.of("DEPTH_TO_SPACE", 1))
    ), dir);
  }

  private static Case resize(String name, String op, Consumer<OperationBuilder> attrs) {
    return Case.of(name, m -> m.input("x", FLOAT32, -1, 4, 5, 2)
        .output("y", g -> raw(g, op, List.of(g.input("x"), ints(g, 7, 3)), attrs)));
  }

  @Test
  void nchwConvolutionIsRejectedWithAClearError() {
    SavedModels.Builder b = SavedModels.builder().input("x", FLOAT32, 1, 3, 8, 8)
        .variable("w", randomFloats(1, 3, 3, 3, 4))
        .output("y", g -> raw(g, "Conv2D", List.of(g.input("x"), g.variable("w")),
            conv("SAME", 1, 1).andThen(o -> o.setAttr("data_format", "NCHW"))));
    Path saved = b.export(dir.resolve("nchw"));
    ConversionException e = assertThrows(ConversionException.class,
        () -> LiteRtConverter.fromSavedModel(saved).convert());
    assertTrue(e.getMessage().contains("NCHW"), e.getMessage());
  }

  @Test
  void trainingModeBatchNormIsRejectedWithAClearError() {
    SavedModels.Builder b = SavedModels.builder().input("x", FLOAT32, 1, 2, 2, 2)
        .variable("p", randomFloats(1, 2))
        .output("y", g -> Graphs.output(rawOp(g, "FusedBatchNormV3", List.of(g.input("x"), g.variable("p"),
            g.variable("p"), g.tf().constant(new float[0]), g.tf().constant(new float[0])),
            o -> o.setAttr("is_training", true)), 0));
    Path saved = b.export(dir.resolve("training"));
    ConversionException e = assertThrows(ConversionException.class,
        () -> LiteRtConverter.fromSavedModel(saved).convert());
    assertTrue(e.getMessage().contains("training"), e.getMessage());
  }

  private static Case conv3d(String name, long[] x, long[] filter, long[] strides, String padding, long[] dilations) {
    return Case.of(name, m -> m.input("x", FLOAT32, x).variable("w", randomFloats(31, filter))
        .output("y", g -> raw(g, "Conv3D", List.of(g.input("x"), g.variable("w")),
            b -> b.setAttr("strides", strides).setAttr("padding", padding).setAttr("dilations", dilations))));
  }

  @TestFactory
  Stream<DynamicTest> convolutions3d() {
    return OpConformance.tests(List.of(
        conv3d("conv3d_valid", new long[] {-1, 4, 5, 6, 2}, new long[] {2, 3, 3, 2, 4}, new long[] {1, 1, 1, 1, 1},
            "VALID", new long[] {1, 1, 1, 1, 1}).ops(Map.of("CONV_3D", 1)),
        conv3d("conv3d_same_strided", new long[] {-1, 5, 6, 7, 3}, new long[] {3, 3, 2, 3, 2},
            new long[] {1, 2, 1, 2, 1}, "SAME", new long[] {1, 1, 1, 1, 1}),
        conv3d("conv3d_dilated", new long[] {1, 6, 6, 6, 1}, new long[] {2, 2, 2, 1, 3}, new long[] {1, 1, 1, 1, 1},
            "VALID", new long[] {1, 2, 1, 2, 1}),
        Case.of("conv3d_transpose_same_stride2", m -> m.input("x", FLOAT32, 2, 3, 3, 4, 2)
            .variable("w", randomFloats(32, 3, 3, 3, 5, 2)).output("y", g -> raw(g, "Conv3DBackpropInputV2",
                List.of(g.tf().constant(new int[] {2, 6, 6, 8, 5}), g.variable("w"), g.input("x")),
                b -> b.setAttr("strides", new long[] {1, 2, 2, 2, 1}).setAttr("padding", "SAME"))))
            .ops(Map.of("CONV_3D_TRANSPOSE", 1)),
        Case.of("conv3d_transpose_valid", m -> m.input("x", FLOAT32, 1, 2, 3, 3, 3)
            .variable("w", randomFloats(33, 2, 2, 2, 4, 3)).output("y", g -> raw(g, "Conv3DBackpropInputV2",
                List.of(g.tf().constant(new int[] {1, 3, 4, 4, 4}), g.variable("w"), g.input("x")),
                b -> b.setAttr("strides", new long[] {1, 1, 1, 1, 1}).setAttr("padding", "VALID"))))
    ), dir);
  }
}
