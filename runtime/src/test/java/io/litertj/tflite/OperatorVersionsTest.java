package io.litertj.tflite;

import static io.litertj.ir.DataType.BOOL;
import static io.litertj.ir.DataType.FLOAT16;
import static io.litertj.ir.DataType.FLOAT32;
import static io.litertj.ir.DataType.INT16;
import static io.litertj.ir.DataType.INT32;
import static io.litertj.ir.DataType.INT64;
import static io.litertj.ir.DataType.INT8;
import static io.litertj.ir.DataType.UINT8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Padding;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Operator versions against the rules of upstream's op_version.cc. The quantized cases are the
 * ones the official converter was seen to write (see also {@code OfficialModelsTest}, which checks
 * our versions against the operator codes of the official converter's own files).
 */
class OperatorVersionsTest {

  /** Versions for a plain op: two inputs of one type, rank 4, no options. Everything else is 1. */
  private static final Map<DataType, Map<BuiltinOp, Integer>> PLAIN = Map.of(
      FLOAT32, Map.of(BuiltinOp.FULLY_CONNECTED, 6, BuiltinOp.FLOOR_DIV, 2, BuiltinOp.BROADCAST_TO, 2,
          BuiltinOp.WHERE, 2),
      INT32, Map.of(BuiltinOp.FULLY_CONNECTED, 6, BuiltinOp.SPLIT, 3, BuiltinOp.ABS, 5, BuiltinOp.BROADCAST_TO, 2,
          BuiltinOp.SIGN, 2, BuiltinOp.WHERE, 2),
      INT64, Map.of(BuiltinOp.FULLY_CONNECTED, 6, BuiltinOp.ADD, 4, BuiltinOp.SUB, 4, BuiltinOp.MUL, 5,
          BuiltinOp.RANGE, 2, BuiltinOp.BROADCAST_TO, 2, BuiltinOp.WHERE, 2),
      BOOL, Map.ofEntries(Map.entry(BuiltinOp.FULLY_CONNECTED, 6), Map.entry(BuiltinOp.GATHER, 3),
          Map.entry(BuiltinOp.TRANSPOSE, 3), Map.entry(BuiltinOp.STRIDED_SLICE, 3), Map.entry(BuiltinOp.PAD, 5),
          Map.entry(BuiltinOp.PADV2, 5), Map.entry(BuiltinOp.ARG_MAX, 3), Map.entry(BuiltinOp.ARG_MIN, 3),
          Map.entry(BuiltinOp.UNPACK, 3), Map.entry(BuiltinOp.REVERSE_V2, 2), Map.entry(BuiltinOp.GATHER_ND, 5),
          Map.entry(BuiltinOp.FILL, 2), Map.entry(BuiltinOp.BROADCAST_TO, 2)));

  @ParameterizedTest
  @EnumSource(BuiltinOp.class)
  void everyOperatorForFloatIntLongAndBool(BuiltinOp kind) {
    for (DataType type : List.of(FLOAT32, INT32, INT64, BOOL)) {
      Operator op = new Operator(kind, List.of(t(type, 1, 2, 2, 2), t(type, 1, 2, 2, 2)),
          List.of(t(type, 1, 2, 2, 2)), null);
      int version = OperatorVersions.of(op);
      assertEquals(PLAIN.get(type).getOrDefault(kind, 1), version, kind + " " + type);
      assertTrue(RuntimeVersions.minimumFor(kind, version).isPresent(),
          kind + " version " + version + " has no runtime version");
    }
  }

  static Stream<Arguments> quantizedCases() {
    List<Arguments> cases = new ArrayList<>();
    // CONV_2D: input, filter OHWI [O=4,3,3,2], bias; output.
    cases.add(of("CONV_2D float", 1, conv(FLOAT32, FLOAT32, null, FLOAT32)));
    cases.add(of("CONV_2D int8 per-channel", 3, conv(INT8, INT8, perChannel(4, 0), INT8)));
    cases.add(of("CONV_2D hybrid per-tensor", 2, conv(FLOAT32, INT8, perTensor(), FLOAT32)));
    cases.add(of("CONV_2D hybrid per-channel", 5, conv(FLOAT32, INT8, perChannel(4, 0), FLOAT32)));
    cases.add(of("CONV_2D 16x8 (upstream keeps 1)", 1, conv(INT16, INT8, perChannel(4, 0), INT16)));
    Operator grouped = new Operator(BuiltinOp.CONV_2D, List.of(t(FLOAT32, 1, 5, 5, 4), t(FLOAT32, 4, 3, 3, 2)),
        List.of(t(FLOAT32, 1, 3, 3, 4)), convOptions());
    cases.add(of("CONV_2D grouped", 6, grouped));
    // DEPTHWISE_CONV_2D: filter [1,3,3,C*M=6].
    cases.add(of("DEPTHWISE float", 1, depthwise(FLOAT32, FLOAT32, null, FLOAT32, 1)));
    cases.add(of("DEPTHWISE float dilated", 2, depthwise(FLOAT32, FLOAT32, null, FLOAT32, 2)));
    cases.add(of("DEPTHWISE int8", 3, depthwise(INT8, INT8, perChannel(6, 3), INT8, 1)));
    cases.add(of("DEPTHWISE hybrid per-tensor", 4, depthwise(FLOAT32, INT8, perTensor(), FLOAT32, 1)));
    cases.add(of("DEPTHWISE hybrid per-channel", 6, depthwise(FLOAT32, INT8, perChannel(6, 3), FLOAT32, 1)));
    // FULLY_CONNECTED: weights [O=3, I=4].
    cases.add(of("FC float", 1, fc(FLOAT32, FLOAT32, null, FLOAT32, false, false, true)));
    cases.add(of("FC float, bias omitted as -1", 1, fc(FLOAT32, FLOAT32, null, FLOAT32, false, false, false)));
    cases.add(of("FC int8", 4, fc(INT8, INT8, perTensor(), INT8, false, false, true)));
    cases.add(of("FC int8 per-channel", 4, fc(INT8, INT8, perChannel(3, 0), INT8, false, false, true)));
    cases.add(of("FC hybrid", 3, fc(FLOAT32, INT8, perTensor(), FLOAT32, false, false, true)));
    cases.add(of("FC hybrid asymmetric", 9, fc(FLOAT32, INT8, perTensor(), FLOAT32, false, true, true)));
    cases.add(of("FC hybrid per-channel", 12, fc(FLOAT32, INT8, perChannel(3, 0), FLOAT32, false, true, true)));
    cases.add(of("FC keep_num_dims", 5, fc(FLOAT32, FLOAT32, null, FLOAT32, true, false, true)));
    cases.add(of("FC int16x16", 7, fc(INT16, INT16, perTensor(), INT16, false, false, true)));
    cases.add(of("FC 16x8 (upstream keeps 1)", 1, fc(INT16, INT8, perTensor(), INT16, false, false, true)));
    // Element-wise.
    cases.add(of("ADD float", 1, binary(BuiltinOp.ADD, FLOAT32, true, new OpOptions.Add(Activation.NONE))));
    cases.add(of("ADD int8", 2, binary(BuiltinOp.ADD, INT8, true, new OpOptions.Add(Activation.NONE))));
    cases.add(of("ADD int16 pot", 1, binary(BuiltinOp.ADD, INT16, true, new OpOptions.Add(Activation.NONE))));
    cases.add(of("ADD int16 general scales", 3,
        binary(BuiltinOp.ADD, INT16, true, new OpOptions.Add(Activation.NONE, false))));
    cases.add(of("ADD int16 unquantized", 5, binary(BuiltinOp.ADD, INT16, false, null)));
    cases.add(of("SUB int8", 2, binary(BuiltinOp.SUB, INT8, true, new OpOptions.Sub(Activation.NONE))));
    cases.add(of("SUB int16 general scales", 5,
        binary(BuiltinOp.SUB, INT16, true, new OpOptions.Sub(Activation.NONE, false))));
    cases.add(of("SUB 5-D broadcast", 3, new Operator(BuiltinOp.SUB,
        List.of(t(FLOAT32, 2, 1, 3, 1, 2), t(FLOAT32, 2, 4, 3, 1, 2)), List.of(t(FLOAT32, 2, 4, 3, 1, 2)), null)));
    cases.add(of("MUL int8", 2, mul(0.5f, 0.5f, 0.5f)));
    cases.add(of("MUL int8 rescale >= 1", 3, mul(2f, 1f, 1f)));
    cases.add(of("MUL int16 quantized", 4, binary(BuiltinOp.MUL, INT16, true, null)));
    cases.add(of("MUL int16 unquantized", 7, binary(BuiltinOp.MUL, INT16, false, null)));
    for (BuiltinOp op : List.of(BuiltinOp.MEAN, BuiltinOp.SOFTMAX, BuiltinOp.LOGISTIC, BuiltinOp.TANH,
        BuiltinOp.AVERAGE_POOL_2D, BuiltinOp.MAX_POOL_2D, BuiltinOp.CONCATENATION)) {
      cases.add(of(op + " float", 1, unary(op, FLOAT32, FLOAT32)));
      cases.add(of(op + " int8", 2, unary(op, INT8, INT8)));
      cases.add(of(op + " int16", 3, unary(op, INT16, INT16)));
    }
    cases.add(of("AVERAGE_POOL_2D uint8", 1, unary(BuiltinOp.AVERAGE_POOL_2D, UINT8, UINT8)));
    for (DataType type : List.of(FLOAT32, INT8, INT16, UINT8, INT32)) {
      cases.add(of("RESHAPE " + type, 1, unary(BuiltinOp.RESHAPE, type, type)));
    }
    // QUANTIZE and DEQUANTIZE.
    cases.add(of("QUANTIZE float->int8", 1, unary(BuiltinOp.QUANTIZE, FLOAT32, INT8)));
    cases.add(of("QUANTIZE float->uint8", 1, unary(BuiltinOp.QUANTIZE, FLOAT32, UINT8)));
    cases.add(of("QUANTIZE uint8->int8", 1, unary(BuiltinOp.QUANTIZE, UINT8, INT8)));
    cases.add(of("QUANTIZE float->int16", 2, unary(BuiltinOp.QUANTIZE, FLOAT32, INT16)));
    Tensor perChannelOut = t(INT8, 3, 4);
    perChannelOut.setQuantization(perChannel(3, 0));
    cases.add(of("QUANTIZE per-channel", 3,
        new Operator(BuiltinOp.QUANTIZE, List.of(t(FLOAT32, 3, 4)), List.of(perChannelOut), null)));
    cases.add(of("DEQUANTIZE int8", 2, unary(BuiltinOp.DEQUANTIZE, INT8, FLOAT32)));
    cases.add(of("DEQUANTIZE uint8", 1, unary(BuiltinOp.DEQUANTIZE, UINT8, FLOAT32)));
    cases.add(of("DEQUANTIZE int16", 3, unary(BuiltinOp.DEQUANTIZE, INT16, FLOAT32)));
    cases.add(of("DEQUANTIZE float16", 3, unary(BuiltinOp.DEQUANTIZE, FLOAT16, FLOAT32)));
    Tensor perChannelIn = t(INT8, 3, 4);
    perChannelIn.setQuantization(perChannel(4, 1));
    cases.add(of("DEQUANTIZE int8 per-channel", 5,
        new Operator(BuiltinOp.DEQUANTIZE, List.of(perChannelIn), List.of(t(FLOAT32, 3, 4)), null)));
    // Options and shapes that raise versions.
    cases.add(of("TRANSPOSE 5-D", 4, unary(BuiltinOp.TRANSPOSE, FLOAT32, FLOAT32, 1, 2, 3, 4, 5)));
    cases.add(of("TRANSPOSE 6-D", 6, unary(BuiltinOp.TRANSPOSE, FLOAT32, FLOAT32, 1, 2, 3, 4, 5, 6)));
    cases.add(of("STRIDED_SLICE ellipsis", 6, withOptions(unary(BuiltinOp.STRIDED_SLICE, FLOAT32, FLOAT32),
        new OpOptions.StridedSlice(0, 0, 1, 0, 0, false))));
    cases.add(of("STRIDED_SLICE offset", 8, withOptions(unary(BuiltinOp.STRIDED_SLICE, FLOAT32, FLOAT32),
        new OpOptions.StridedSlice(0, 0, 0, 0, 0, true))));
    cases.add(of("STRIDED_SLICE 5-D", 4, unary(BuiltinOp.STRIDED_SLICE, FLOAT32, FLOAT32, 1, 2, 3, 4, 5)));
    cases.add(of("GATHER batch_dims", 5, withOptions(unary(BuiltinOp.GATHER, FLOAT32, FLOAT32),
        new OpOptions.Gather(1, 1))));
    cases.add(of("GATHER int8", 2, unary(BuiltinOp.GATHER, INT8, INT8)));
    cases.add(of("CAST float->int8", 3, unary(BuiltinOp.CAST, FLOAT32, INT8)));
    cases.add(of("CAST float->float16", 5, unary(BuiltinOp.CAST, FLOAT32, FLOAT16)));
    cases.add(of("RESIZE_BILINEAR half pixel", 3, withOptions(unary(BuiltinOp.RESIZE_BILINEAR, FLOAT32, FLOAT32),
        new OpOptions.ResizeBilinear(false, true))));
    cases.add(of("RESIZE_NEAREST align corners", 3, withOptions(unary(BuiltinOp.RESIZE_NEAREST_NEIGHBOR, FLOAT32,
        FLOAT32), new OpOptions.ResizeNearestNeighbor(true, false))));
    cases.add(of("BATCH_TO_SPACE_ND 3-D", 3, unary(BuiltinOp.BATCH_TO_SPACE_ND, FLOAT32, FLOAT32, 2, 3, 4)));
    cases.add(of("PAD 5-D", 4, unary(BuiltinOp.PAD, FLOAT32, FLOAT32, 1, 2, 3, 4, 5)));
    cases.add(of("SELECT 5-D", 3, unary(BuiltinOp.SELECT, BOOL, FLOAT32, 1, 2, 3, 4, 5)));
    Operator transposeConv = new Operator(BuiltinOp.TRANSPOSE_CONV,
        List.of(t(INT32, 4), t(FLOAT32, 2, 3, 3, 2), t(FLOAT32, 1, 4, 4, 2), t(FLOAT32, 2)),
        List.of(t(FLOAT32, 1, 8, 8, 2)), new OpOptions.TransposeConv(Padding.SAME, 2, 2, Activation.NONE));
    cases.add(of("TRANSPOSE_CONV with bias", 3, transposeConv));
    cases.add(of("TRANSPOSE_CONV fused activation", 4, withOptions(transposeConv,
        new OpOptions.TransposeConv(Padding.SAME, 2, 2, Activation.RELU))));
    cases.add(of("BATCH_MATMUL int8", 2, binary(BuiltinOp.BATCH_MATMUL, INT8, true, null)));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quantizedCases")
  void versionTable(String name, int expected, Operator op) {
    assertEquals(expected, OperatorVersions.of(op), name);
    assertTrue(RuntimeVersions.minimumFor(op.op(), expected).isPresent(), name);
  }

  private static Arguments of(String name, int version, Operator op) {
    return Arguments.of(name, version, op);
  }

  static Tensor t(DataType type, int... dims) {
    return new Tensor("t" + Arrays.toString(dims), type, Shape.of(dims));
  }

  private static Tensor q(Tensor t, QuantizationParams q) {
    t.setQuantization(q);
    return t;
  }

  private static QuantizationParams perTensor() {
    return QuantizationParams.perTensor(0.05f, 0);
  }

  private static QuantizationParams perChannel(int n, int axis) {
    float[] scales = new float[n];
    Arrays.fill(scales, 0.1f);
    return QuantizationParams.perAxis(scales, new long[n], axis);
  }

  private static OpOptions convOptions() {
    return new OpOptions.Conv2D(Padding.SAME, 1, 1, Activation.NONE, 1, 1);
  }

  private static Operator conv(DataType in, DataType filter, QuantizationParams fq, DataType out) {
    return new Operator(BuiltinOp.CONV_2D,
        List.of(t(in, 1, 5, 5, 2), q(t(filter, 4, 3, 3, 2), fq), t(in == INT16 ? INT64 : INT32, 4)),
        List.of(t(out, 1, 5, 5, 4)), convOptions());
  }

  private static Operator depthwise(DataType in, DataType filter, QuantizationParams fq, DataType out, int dilation) {
    return new Operator(BuiltinOp.DEPTHWISE_CONV_2D,
        List.of(t(in, 1, 5, 5, 2), q(t(filter, 1, 3, 3, 6), fq), t(INT32, 6)), List.of(t(out, 1, 5, 5, 6)),
        new OpOptions.DepthwiseConv2D(Padding.SAME, 1, 1, 3, Activation.NONE, dilation, dilation));
  }

  private static Operator fc(DataType in, DataType weights, QuantizationParams wq, DataType out, boolean keepDims,
      boolean asymmetric, boolean withBias) {
    List<Tensor> inputs = new ArrayList<>(List.of(t(in, 2, 4), q(t(weights, 3, 4), wq)));
    inputs.add(withBias ? t(FLOAT32, 3) : null);
    return new Operator(BuiltinOp.FULLY_CONNECTED, inputs, List.of(t(out, 2, 3)),
        new OpOptions.FullyConnected(Activation.NONE, keepDims, asymmetric));
  }

  private static Operator binary(BuiltinOp kind, DataType type, boolean quantized, OpOptions options) {
    QuantizationParams qp = quantized ? perTensor() : null;
    return new Operator(kind, List.of(q(t(type, 2, 3), qp), q(t(type, 2, 3), qp)), List.of(q(t(type, 2, 3), qp)),
        options);
  }

  private static Operator mul(float s1, float s2, float so) {
    return new Operator(BuiltinOp.MUL,
        List.of(q(t(INT8, 4), QuantizationParams.perTensor(s1, 0)), q(t(INT8, 4), QuantizationParams.perTensor(s2, 0))),
        List.of(q(t(INT8, 4), QuantizationParams.perTensor(so, 0))), new OpOptions.Mul(Activation.NONE));
  }

  private static Operator unary(BuiltinOp kind, DataType in, DataType out, int... dims) {
    int[] shape = dims.length == 0 ? new int[] {1, 4, 4, 2} : dims;
    return new Operator(kind, List.of(t(in, shape)), List.of(t(out, shape)), null);
  }

  private static Operator withOptions(Operator op, OpOptions options) {
    return new Operator(op.op(), op.inputs(), op.outputs(), options);
  }
}
