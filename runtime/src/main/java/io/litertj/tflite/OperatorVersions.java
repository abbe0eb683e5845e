package io.litertj.tflite;

import static io.litertj.ir.DataType.BOOL;
import static io.litertj.ir.DataType.FLOAT16;
import static io.litertj.ir.DataType.FLOAT32;
import static io.litertj.ir.DataType.FLOAT64;
import static io.litertj.ir.DataType.INT16;
import static io.litertj.ir.DataType.INT32;
import static io.litertj.ir.DataType.INT64;
import static io.litertj.ir.DataType.INT8;
import static io.litertj.ir.DataType.STRING;
import static io.litertj.ir.DataType.UINT8;

import io.litertj.ir.Activation;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Tensor;
import java.util.Arrays;

/**
 * The lowest {@code OperatorCode.version} that an operator's tensor types and options need. The
 * rules are the facts of upstream's {@code tools/versioning/op_version.cc} and
 * {@code op_signature.cc} (google-ai-edge/LiteRT @ f67457790c9c), restricted to the types litertj's
 * IR has (no int4, uint32, complex, bfloat16 or float8). Runtimes reject versions they don't know,
 * so writing a higher version than needed makes a model needlessly unportable.
 *
 * <p>Upstream's quirks are kept on purpose, because the official converter writes them: e.g.
 * 16x8 CONV_2D without {@code quantized_bias_type} stays version 1, and "per channel" means that
 * the number of scales equals the channel dimension, even when that dimension is 1.
 */
public final class OperatorVersions {

  private OperatorVersions() {}

  /** The version to write for {@code op}. */
  public static int of(Operator op) {
    OpOptions options = op.options();
    return switch (op.op()) {
      case CONV_2D -> conv2d(op);
      case DEPTHWISE_CONV_2D -> depthwiseConv2d(op, options);
      case FULLY_CONNECTED -> fullyConnected(op, options);
      case EMBEDDING_LOOKUP -> isPerChannel(op.inputs().size() > 1 ? op.input(1) : null, 0, true) ? 4 : 1;
      case GATHER -> gather(op, options);
      case MUL -> mul(op);
      case AVERAGE_POOL_2D, MAX_POOL_2D -> is(in(op, 0), INT16) && is(out(op, 0), INT16) ? 3 : int8(op, 2);
      case TRANSPOSE -> transpose(op);
      case TRANSPOSE_CONV -> transposeConv(op, options);
      case UNIDIRECTIONAL_SEQUENCE_LSTM -> sequenceLstm(op, options);
      case SPLIT -> is(in(op, 1), INT16) ? 4 : is(in(op, 1), INT32) ? 3 : is(in(op, 1), INT8) ? 2 : 1;
      case SLICE -> slice(op);
      case UNPACK -> unpack(op);
      case DEQUANTIZE -> dequantize(op);
      case QUANTIZE -> quantize(op);
      case FLOOR_DIV -> is(in(op, 0), INT16) || is(in(op, 0), INT8) ? 3 : is(in(op, 0), FLOAT32) ? 2 : 1;
      case FLOOR_MOD -> is(in(op, 0), INT16) || is(in(op, 0), INT8) ? 2 : 1;
      case L2_NORMALIZATION -> is(out(op, 0), INT8) ? 2 : 1;
      case ABS -> abs(op);
      case RELU -> is(in(op, 0), INT16) ? 3 : is(in(op, 0), INT8) || is(in(op, 0), UINT8) ? 2 : 1;
      case STRIDED_SLICE -> stridedSlice(op, options);
      case REVERSE_V2 -> is(in(op, 0), INT8) ? 3 : is(in(op, 0), BOOL) ? 2 : 1;
      case RESIZE_BILINEAR -> resizeBilinear(op, options);
      case RESIZE_NEAREST_NEIGHBOR -> resizeNearest(op, options);
      case MAXIMUM, MINIMUM -> is(in(op, 0), INT16) && is(out(op, 0), INT16) ? 4
          : needsBroadcast(op) && maxInputRank(op) > 4 ? 3 : int8(op, 2);
      case PACK -> is(in(op, 0), INT8) ? 2 : is(in(op, 0), INT16) && is(out(op, 0), INT16) ? 3 : 1;
      case TILE -> is(in(op, 0), INT8) ? 3 : is(in(op, 0), STRING) ? 2 : 1;
      case SQUEEZE -> is(in(op, 0), STRING) ? 2 : 1;
      case SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND -> is(in(op, 0), INT16) ? 4 : rank(op, 0) != 4 ? 3 : int8(op, 2);
      case ADD -> add(op, options);
      case SUB -> sub(op, options);
      case GATHER_ND -> gatherNd(op);
      case DIV -> needsBroadcast(op) && maxInputRank(op) > 4 ? 2 : 1;
      case TANH, LOGISTIC -> is(in(op, 0), INT16) && is(out(op, 0), INT16) ? 3 : int8(op, 2);
      case FILL -> fill(op);
      case EQUAL -> is(in(op, 0), INT16) ? 5 : is(in(op, 0), STRING) ? 3 : int8(op, 2);
      case NOT_EQUAL -> is(in(op, 0), INT16) ? 4 : is(in(op, 0), STRING) ? 3 : int8(op, 2);
      case LEAKY_RELU -> is(in(op, 0), INT16) ? 2 : 1;
      case RANGE -> is(in(op, 0), INT64) ? 2 : 1;
      case BATCH_MATMUL -> batchMatMul(op, options);
      case PAD, PADV2 -> pad(op);
      case CONCATENATION -> is(in(op, 0), FLOAT16) ? 6 : is(in(op, 0), INT16) ? 3 : int8(op, 2);
      case SOFTMAX -> is(in(op, 0), FLOAT16) ? 4 : is(in(op, 0), INT16) ? 3 : int8(op, 2);
      case MEAN, MIRROR_PAD, REDUCE_MAX, REDUCE_MIN, RELU6, RSQRT -> is(in(op, 0), INT16) ? 3 : int8(op, 2);
      case UNIDIRECTIONAL_SEQUENCE_RNN -> sequenceRnn(op, options);
      case ARG_MAX, ARG_MIN -> is(in(op, 0), BOOL) ? 3 : int8(op, 2);
      case SELECT -> select(op);
      case LESS, GREATER_EQUAL -> is(in(op, 0), INT16) ? 3 : int8(op, 2);
      case SELECT_V2 -> 1;
      case SPLIT_V, SPACE_TO_DEPTH, SUM, LOG_SOFTMAX, GREATER, LESS_EQUAL, SQUARED_DIFFERENCE, DEPTH_TO_SPACE ->
          int8(op, 2);
      case EXP, LOG, REDUCE_PROD, SQRT -> is(in(op, 0), INT8) || is(in(op, 0), INT16) ? 2 : 1;
      case BROADCAST_TO -> is(in(op, 0), INT8) || is(in(op, 0), INT16) ? 3 : 2;
      case CAST -> cast(op);
      case GELU -> is(in(op, 0), FLOAT16) ? 3 : is(in(op, 0), INT8) || is(in(op, 0), UINT8) ? 2 : 1;
      case SIN, COS -> is(in(op, 0), FLOAT16) ? 2 : 1;
      case SIGN -> is(in(op, 0), INT32) ? 2 : 1;
      case TOPK_V2 -> is(in(op, 0), INT16) || is(in(op, 1), INT16) || is(out(op, 1), INT16) ? 3
          : is(in(op, 0), INT8) ? 2 : 1;
      case WHERE -> is(in(op, 0), BOOL) ? 1 : 2;
      // Upstream: version 2 takes int64 start indices; the converter writes int32 ones.
      case DYNAMIC_UPDATE_SLICE -> is(in(op, 2), INT64) ? 2 : 1;
      case SPARSE_TO_DENSE -> op.inputs().size() < 3 ? 1 : is(in(op, 2), INT8) || is(in(op, 2), UINT8) ? 3
          : is(in(op, 2), INT64) ? 2 : 1;
      default -> 1;
    };
  }

  private static int conv2d(Operator op) {
    DataType input = in(op, 0);
    DataType filter = in(op, 1);
    DataType output = out(op, 0);
    // (16x8 with an explicit quantized_bias_type would be 8; the IR has no such field.)
    if (isGroupedConvolution(op)) {
      return 6;
    }
    if (is(input, INT8) && is(filter, INT8) && is(output, INT8)) {
      return 3;
    }
    if (is(input, FLOAT32) && is(filter, INT8) && is(output, FLOAT32)) {
      return isPerChannel(op.input(1), 0, false) ? 5 : 2;
    }
    return 1;
  }

  private static boolean isGroupedConvolution(Operator op) {
    Tensor input = op.input(0);
    Tensor filter = op.input(1);
    if (input == null || filter == null || input.shape().rank() != 4 || filter.shape().rank() != 4) {
      return false;
    }
    return input.shape().staticDims()[3] != filter.shape().staticDims()[3];
  }

  private static int depthwiseConv2d(Operator op, OpOptions options) {
    DataType input = in(op, 0);
    DataType filter = in(op, 1);
    DataType output = out(op, 0);
    if (is(input, FLOAT32) && is(filter, INT8) && is(output, FLOAT32)) {
      return isPerChannel(op.input(1), 3, false) ? 6 : 4;
    }
    if (is(input, INT8) && is(filter, INT8) && is(output, INT8)) {
      return 3;
    }
    if (options instanceof OpOptions.DepthwiseConv2D d && (d.dilationW() != 1 || d.dilationH() != 1)) {
      return 2;
    }
    return 1;
  }

  private static int fullyConnected(Operator op, OpOptions options) {
    DataType input = in(op, 0);
    DataType weights = in(op, 1);
    DataType output = out(op, 0);
    boolean hybrid = is(input, FLOAT32) && is(weights, INT8) && is(output, FLOAT32);
    OpOptions.FullyConnected fc = options instanceof OpOptions.FullyConnected f ? f : null;
    if (hybrid && isPerChannel(op.input(1), 0, false)) {
      return 12;
    }
    if (is(input, INT16) && is(weights, INT16) && is(output, INT16)) {
      return 7;
    }
    // Upstream counts inputs, not present inputs: an omitted bias (-1) still makes three.
    if (op.inputs().size() == 2) {
      return 6;
    }
    if (fc != null && fc.keepNumDims()) {
      return 5;
    }
    if (is(input, INT8) && is(weights, INT8) && is(output, INT8)) {
      return 4;
    }
    if (hybrid) {
      return fc != null && fc.asymmetricQuantizeInputs() ? 9 : 3;
    }
    return 1;
  }

  private static int gather(Operator op, OpOptions options) {
    if (is(in(op, 1), INT16)) {
      return 6;
    }
    if (options instanceof OpOptions.Gather g && g.batchDims() != 0) {
      return 5;
    }
    DataType params = in(op, 0);
    return is(params, INT16) ? 4 : is(params, BOOL) ? 3 : is(params, INT8) ? 2 : 1;
  }

  private static int mul(Operator op) {
    DataType input = in(op, 0);
    boolean inputQuantized = quant(op.inputs(), 0) != null || quant(op.inputs(), 1) != null;
    if (is(input, FLOAT16)) {
      return 8;
    }
    if (is(input, INT16) && !inputQuantized) {
      return 7;
    }
    if (is(input, INT64)) {
      return 5;
    }
    if (is(input, INT16)) {
      return 4;
    }
    QuantizationParams q1 = quant(op.inputs(), 0);
    QuantizationParams q2 = quant(op.inputs(), 1);
    QuantizationParams qo = quant(op.outputs(), 0);
    if (q1 != null && q2 != null && qo != null && q1.scales().length > 0 && q2.scales().length > 0
        && qo.scales().length > 0) {
      float s1 = q1.scales()[0];
      float s2 = q2.scales()[0];
      float so = qo.scales()[0];
      if (s1 != 0 && s2 != 0 && so != 0 && s1 * s2 / so >= 1.0) {
        return 3;
      }
    }
    return int8(op, 2);
  }

  private static int transpose(Operator op) {
    DataType input = in(op, 0);
    int rank = rank(op, 0);
    if (is(input, FLOAT16)) {
      return 9;
    }
    if (rank > 6) {
      return 8;
    }
    if (rank > 5) {
      return 6;
    }
    if (is(input, INT16)) {
      return 5;
    }
    if (rank > 4) {
      return 4;
    }
    return is(input, BOOL) ? 3 : int8(op, 2);
  }

  private static int transposeConv(Operator op, OpOptions options) {
    if (options instanceof OpOptions.TransposeConv t && t.activation() != Activation.NONE) {
      return 4;
    }
    if (op.inputs().size() == 4 && op.input(3) != null) {
      return 3;
    }
    return is(in(op, 1), INT8) ? 2 : 1;
  }

  private static int sequenceLstm(Operator op, OpOptions options) {
    if (is(in(op, 0), INT16) && is(in(op, 2), INT8) && is(out(op, 0), INT16)) {
      return 5;
    }
    OpOptions.UnidirectionalSequenceLstm lstm =
        options instanceof OpOptions.UnidirectionalSequenceLstm l ? l : null;
    if (lstm != null && lstm.diagonalRecurrentTensors()) {
      return 4;
    }
    if (is(in(op, 0), FLOAT32) && is(in(op, 2), INT8) && is(out(op, 0), FLOAT32)) {
      return lstm != null && lstm.asymmetricQuantizeInputs() ? 3 : 2;
    }
    return 1;
  }

  private static int sequenceRnn(Operator op, OpOptions options) {
    if (is(in(op, 1), INT8) && is(out(op, 0), FLOAT32)) {
      return options instanceof OpOptions.SequenceRnn r && r.asymmetricQuantizeInputs() ? 3 : 2;
    }
    return 1;
  }

  private static int slice(Operator op) {
    DataType input = in(op, 0);
    if (is(input, FLOAT16)) {
      return 8;
    }
    if (rank(op, 0) > 4) {
      return 5;
    }
    return is(input, INT16) ? 4 : is(input, STRING) ? 3 : int8(op, 2);
  }

  private static int unpack(Operator op) {
    DataType input = in(op, 0);
    if (is(input, INT8) || is(input, UINT8)) {
      return 2;
    }
    if (is(input, BOOL)) {
      return 3;
    }
    if (is(input, INT16) && is(out(op, 0), INT16)) {
      return 4;
    }
    return is(input, FLOAT16) ? 5 : 1;
  }

  private static int dequantize(Operator op) {
    DataType input = in(op, 0);
    if (is(input, INT16) || is(input, FLOAT16)) {
      return 3;
    }
    if (is(input, INT8)) {
      Tensor t = op.input(0);
      QuantizationParams q = t.quantization();
      boolean perChannel = q != null && q.scales().length > 1
          && q.quantizedDimension() < t.shape().rank()
          && q.scales().length == t.shape().staticDims()[q.quantizedDimension()];
      return perChannel ? 5 : 2;
    }
    return 1;
  }

  private static int quantize(Operator op) {
    Tensor output = op.outputs().isEmpty() ? null : op.output(0);
    if (output != null) {
      QuantizationParams q = output.quantization();
      if (q != null && q.scales().length > 1 && q.quantizedDimension() < output.shape().rank()
          && q.scales().length == output.shape().staticDims()[q.quantizedDimension()]) {
        return 3;
      }
    }
    return is(out(op, 0), INT16) ? 2 : 1;
  }

  private static int abs(Operator op) {
    DataType input = in(op, 0);
    if (is(input, INT32)) {
      return 5;
    }
    if (is(input, INT16)) {
      return quant(op.inputs(), 0) != null ? 3 : 4;
    }
    return is(input, INT8) || is(input, UINT8) ? 2 : 1;
  }

  private static int stridedSlice(Operator op, OpOptions options) {
    OpOptions.StridedSlice s = options instanceof OpOptions.StridedSlice x ? x : null;
    if (s != null && s.offset()) {
      return 8;
    }
    if (s != null && (s.ellipsisMask() != 0 || s.newAxisMask() != 0)) {
      return 6;
    }
    DataType input = in(op, 0);
    if (is(input, STRING)) {
      return 5;
    }
    if (rank(op, 0) > 4) {
      return 4;
    }
    return is(input, BOOL) ? 3 : int8(op, 2);
  }

  private static int resizeBilinear(Operator op, OpOptions options) {
    if (is(in(op, 0), INT16)) {
      return 4;
    }
    if (options instanceof OpOptions.ResizeBilinear r && r.halfPixelCenters()) {
      return 3;
    }
    return int8(op, 2);
  }

  private static int resizeNearest(Operator op, OpOptions options) {
    if (is(in(op, 0), INT16)) {
      return 4;
    }
    if (options instanceof OpOptions.ResizeNearestNeighbor r && (r.halfPixelCenters() || r.alignCorners())) {
      return 3;
    }
    return int8(op, 2);
  }

  private static int add(Operator op, OpOptions options) {
    DataType input = in(op, 0);
    if (is(input, FLOAT16)) {
      return 6;
    }
    if (is(input, INT16) && quant(op.inputs(), 0) == null) {
      return 5;
    }
    if (is(input, INT64)) {
      return 4;
    }
    if (is(input, INT16) && is(out(op, 0), INT16)
        && options instanceof OpOptions.Add a && !a.potScaleInt16()) {
      return 3;
    }
    return int8(op, 2);
  }

  private static int sub(Operator op, OpOptions options) {
    DataType input = in(op, 0);
    if (is(input, INT16) && is(out(op, 0), INT16)
        && options instanceof OpOptions.Sub s && !s.potScaleInt16()) {
      return 5;
    }
    if (is(input, INT64)) {
      return 4;
    }
    if (needsBroadcast(op) && maxInputRank(op) > 4) {
      return 3;
    }
    return int8(op, 2);
  }

  private static int gatherNd(Operator op) {
    DataType params = in(op, 0);
    if (is(params, BOOL)) {
      return 5;
    }
    if (is(in(op, 1), INT16)) {
      return 4;
    }
    return is(params, INT16) ? 3 : is(params, STRING) ? 2 : 1;
  }

  private static int fill(Operator op) {
    if (op.inputs().size() < 2) {
      return 1;
    }
    DataType value = in(op, 1);
    if (is(value, FLOAT16)) {
      return 4;
    }
    if (is(value, INT8) || is(value, INT16)) {
      return 3;
    }
    return is(value, BOOL) || is(value, STRING) ? 2 : 1;
  }

  private static int batchMatMul(Operator op, OpOptions options) {
    DataType input = in(op, 0);
    if (is(input, INT16)) {
      return 3;
    }
    if (is(input, INT8)) {
      return 2;
    }
    if (is(input, FLOAT32) && is(in(op, 1), INT8) && is(out(op, 0), FLOAT32)
        && options instanceof OpOptions.BatchMatMul b && b.asymmetricQuantizeInputs()) {
      return 4;
    }
    return 1;
  }

  private static int pad(Operator op) {
    DataType input = in(op, 0);
    if (is(input, BOOL)) {
      return 5;
    }
    if (rank(op, 0) > 4) {
      return 4;
    }
    return is(input, INT16) ? 3 : int8(op, 2);
  }

  private static int select(Operator op) {
    if (rank(op, 0) == 5 || rank(op, 1) == 5 || rank(op, 2) == 5) {
      return 3;
    }
    // Upstream tests the condition (input 0) for int8, which a bool condition never is.
    return int8(op, 2);
  }

  private static int cast(Operator op) {
    DataType from = in(op, 0);
    DataType to = out(op, 0);
    if (is(from, FLOAT64) || is(to, FLOAT64) || is(from, FLOAT16) || is(to, FLOAT16)) {
      return 5;
    }
    return is(from, INT8) || is(to, INT8) ? 3 : 1;
  }

  /** {@code int8Version} when input 0 is int8, else 1: the most common rule. */
  private static int int8(Operator op, int int8Version) {
    return is(in(op, 0), INT8) ? int8Version : 1;
  }

  /**
   * Upstream's "per channel": the scale count equals the size of {@code axis} (dim 0 for CONV_2D
   * and FULLY_CONNECTED filters, 3 for depthwise ones). {@code moreThanOne} adds the extra
   * condition that some ops (EMBEDDING_LOOKUP) have.
   */
  private static boolean isPerChannel(Tensor t, int axis, boolean moreThanOne) {
    if (t == null || t.quantization() == null || t.shape().rank() <= axis) {
      return false;
    }
    int scales = t.quantization().scales().length;
    int dim = t.shape().staticDims()[axis];
    return scales > 0 && dim > 0 && scales == dim && (!moreThanOne || scales > 1);
  }

  private static boolean needsBroadcast(Operator op) {
    if (op.inputs().size() < 2) {
      return false;
    }
    return !Arrays.equals(dims(op.input(0)), dims(op.input(1)));
  }

  private static int maxInputRank(Operator op) {
    int max = 0;
    for (Tensor t : op.inputs()) {
      if (t != null) {
        max = Math.max(max, t.shape().rank());
      }
    }
    return max;
  }

  private static int[] dims(Tensor t) {
    return t == null ? new int[0] : t.shape().staticDims();
  }

  private static int rank(Operator op, int index) {
    return index < op.inputs().size() && op.input(index) != null ? op.input(index).shape().rank() : 0;
  }

  private static DataType in(Operator op, int index) {
    return index < op.inputs().size() && op.input(index) != null ? op.input(index).type() : null;
  }

  private static DataType out(Operator op, int index) {
    return index < op.outputs().size() && op.output(index) != null ? op.output(index).type() : null;
  }

  private static QuantizationParams quant(java.util.List<Tensor> tensors, int index) {
    return index < tensors.size() && tensors.get(index) != null ? tensors.get(index).quantization() : null;
  }

  private static boolean is(DataType actual, DataType expected) {
    return actual == expected;
  }
}
