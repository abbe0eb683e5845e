package io.litertj.quantize;

import static io.litertj.ir.BuiltinOp.*;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import java.util.EnumSet;
import java.util.Set;

/** What the integer kernels of LiteRT accept, per builtin: kernels, weight roles, scale constraints. */
final class OpTable {

  /**
   * Ops with an int8 kernel (per-tensor int8 activations). SHAPE reads only its input's dimensions.
   * NEG is left out: LiteRT 2.21's int8 NEG negates the stored values, which is right only for
   * zero points that cancel, and overflows at -128.
   */
  private static final Set<BuiltinOp> INT8 = EnumSet.of(ADD, SUB, MUL, AVERAGE_POOL_2D, MAX_POOL_2D, CONCATENATION,
      CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV, RESHAPE, SQUEEZE, EXPAND_DIMS, TRANSPOSE, PAD,
      PADV2, SLICE, STRIDED_SLICE, GATHER, SPACE_TO_DEPTH, DEPTH_TO_SPACE, BATCH_TO_SPACE_ND, SPACE_TO_BATCH_ND,
      RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR, MAXIMUM, MINIMUM, LOGISTIC, SOFTMAX, TANH, L2_NORMALIZATION,
      LOG_SOFTMAX, MEAN, SUM, REDUCE_MAX, REDUCE_MIN, RELU, RELU6, RELU_N1_TO_1, LEAKY_RELU, HARD_SWISH, PRELU, SPLIT,
      SPLIT_V, PACK, UNPACK, ARG_MAX, ARG_MIN, TILE, BROADCAST_TO, SQUARED_DIFFERENCE, RSQRT, ABS, GELU,
      BATCH_MATMUL, ELU, LESS, GREATER, LESS_EQUAL, GREATER_EQUAL, EQUAL, NOT_EQUAL, SELECT, SELECT_V2,
      MIRROR_PAD, EXP, LOG, SQRT, SHAPE, REVERSE_V2);

  /** Ops with an int16 (16x8) kernel. */
  private static final Set<BuiltinOp> INT16 = EnumSet.of(ADD, SUB, MUL, AVERAGE_POOL_2D, MAX_POOL_2D, CONCATENATION,
      CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV, RESHAPE, SQUEEZE, EXPAND_DIMS, TRANSPOSE, PAD,
      PADV2, SLICE, STRIDED_SLICE, GATHER, SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND, RESIZE_BILINEAR,
      RESIZE_NEAREST_NEIGHBOR, MAXIMUM, MINIMUM, LOGISTIC, SOFTMAX, TANH, MEAN, SUM, REDUCE_MAX, REDUCE_MIN, RELU,
      RELU6, LEAKY_RELU, SPLIT, SPLIT_V, PACK, UNPACK, RSQRT, ABS, SHAPE);

  /** Output shares input 0's params: these kernels move bytes, or pool, without rescaling. */
  private static final Set<BuiltinOp> SAME_AS_INPUT = EnumSet.of(AVERAGE_POOL_2D, MAX_POOL_2D, RESHAPE, SQUEEZE,
      EXPAND_DIMS, TRANSPOSE, PAD, SLICE, STRIDED_SLICE, GATHER, SPACE_TO_DEPTH, DEPTH_TO_SPACE,
      BATCH_TO_SPACE_ND, SPACE_TO_BATCH_ND, RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR, SPLIT, SPLIT_V, UNPACK, TILE,
      BROADCAST_TO, REDUCE_MAX, REDUCE_MIN, MIRROR_PAD, REVERSE_V2);

  /**
   * Every float input and the output share one set of params (SELECT copies the chosen input's
   * bytes: its condition is BOOL and has none; PADV2's pad value may lie outside the input's range,
   * so the output's range decides).
   */
  private static final Set<BuiltinOp> ALL_SAME = EnumSet.of(CONCATENATION, PACK, MAXIMUM, MINIMUM, SELECT, SELECT_V2,
      PADV2);

  private OpTable() {}

  static boolean hasKernel(BuiltinOp op, DataType activations) {
    return (activations == DataType.INT16 ? INT16 : INT8).contains(op);
  }

  static boolean outputSameAsInput(BuiltinOp op) {
    return SAME_AS_INPUT.contains(op);
  }

  /** The input that carries the data (SPLIT takes its axis first). */
  static int dataInput(BuiltinOp op) {
    return op == SPLIT ? 1 : 0;
  }

  static boolean allSameScale(BuiltinOp op) {
    return ALL_SAME.contains(op);
  }

  /** The input index of the weights, or -1. */
  static int weightIndex(BuiltinOp op) {
    return switch (op) {
      case CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV -> 1;
      default -> -1;
    };
  }

  /** The quantized dimension of the weights: OHWI filters on 0, depthwise [1,H,W,C*M] on 3. */
  static int weightAxis(BuiltinOp op, boolean perChannelDense) {
    return switch (op) {
      case CONV_2D, TRANSPOSE_CONV -> 0;
      case DEPTHWISE_CONV_2D -> 3;
      case FULLY_CONNECTED -> perChannelDense ? 0 : -1;
      default -> -1;
    };
  }

  /** The input index of the bias, or -1. */
  static int biasIndex(BuiltinOp op) {
    return switch (op) {
      case CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED -> 2;
      case TRANSPOSE_CONV -> 3;
      default -> -1;
    };
  }

  /** The input index of the activation that the bias scale multiplies. */
  static int activationIndex(BuiltinOp op) {
    return op == TRANSPOSE_CONV ? 2 : 0;
  }

  /**
   * The weight inputs of the fused sequence ops' hybrid kernels: LSTM input and recurrent weights
   * (1-8), peepholes (9-11) and projection (16); RNN input and recurrent weights. Empty for others.
   */
  static int[] sequenceWeightIndices(BuiltinOp op) {
    return switch (op) {
      case UNIDIRECTIONAL_SEQUENCE_LSTM -> new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16};
      case UNIDIRECTIONAL_SEQUENCE_RNN -> new int[] {1, 2};
      default -> new int[0];
    };
  }

  /**
   * Why a fused recurrent op has no integer kernel in LiteRT 2.21 for these activations, or null (for
   * other ops, and for an LSTM that {@link IntegerLstm} makes integer). UNIDIRECTIONAL_SEQUENCE_RNN's
   * Prepare requires a float input (it has float and hybrid kernels only). UNIDIRECTIONAL_SEQUENCE_LSTM
   * is registered up to version 4, not the version 5 of int16 activations with int8 weights, and its
   * Prepare sets up the integer kernel only for an int8 input (any other input type wants float
   * biases), so there is no 16x8 LSTM; the official quantizer's operator properties say the same
   * (quantizable_int16 = false). {@code LiteRtRecurrentKernelsTest} checks both in the interpreter.
   */
  static String whyFloat(BuiltinOp op, DataType activations) {
    return switch (op) {
      case UNIDIRECTIONAL_SEQUENCE_RNN -> "LiteRT's SimpleRNN kernel takes a float input only (float and hybrid "
          + "kernels); dynamic_range gives it int8 weights";
      case UNIDIRECTIONAL_SEQUENCE_LSTM -> activations == DataType.INT16
          ? "LiteRT's integer LSTM kernel takes int8 activations only, there is no 16x8 one; int8 makes it integer"
          : "LiteRT's int8 LSTM layout is made here for the plain LSTM only (tanh, all four gates, constant "
              + "weights, no peepholes, projection or layer normalization)";
      default -> null;
    };
  }

  /** Ops with a hybrid (float activations, int8 weights) kernel: what dynamic range rewrites. */
  static boolean hasHybridKernel(BuiltinOp op) {
    return op == CONV_2D || op == DEPTHWISE_CONV_2D || op == FULLY_CONNECTED;
  }
}
