package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.tflite.schema.BuiltinOptions;

/**
 * Which {@code BuiltinOptions} table belongs to which operator. LiteRT looks for exactly that
 * table and silently uses defaults when it finds another one, so a mismatch would give wrong
 * results, not an error: the writer and the reader refuse it. Options are always optional.
 */
final class OptionsTags {

  private OptionsTags() {}

  /** The union tag of the operator's options table, or {@link BuiltinOptions#NONE} if it has none. */
  static int of(BuiltinOp op) {
    return switch (op) {
      case ADD -> BuiltinOptions.AddOptions;
      case AVERAGE_POOL_2D, MAX_POOL_2D -> BuiltinOptions.Pool2DOptions;
      case CONCATENATION -> BuiltinOptions.ConcatenationOptions;
      case CONV_2D -> BuiltinOptions.Conv2DOptions;
      case DEPTHWISE_CONV_2D -> BuiltinOptions.DepthwiseConv2DOptions;
      case DEPTH_TO_SPACE -> BuiltinOptions.DepthToSpaceOptions;
      case DEQUANTIZE -> BuiltinOptions.DequantizeOptions;
      case FULLY_CONNECTED -> BuiltinOptions.FullyConnectedOptions;
      case L2_NORMALIZATION -> BuiltinOptions.L2NormOptions;
      case MUL -> BuiltinOptions.MulOptions;
      case RESHAPE -> BuiltinOptions.ReshapeOptions;
      case RESIZE_BILINEAR -> BuiltinOptions.ResizeBilinearOptions;
      case SOFTMAX -> BuiltinOptions.SoftmaxOptions;
      case SPACE_TO_DEPTH -> BuiltinOptions.SpaceToDepthOptions;
      case PAD -> BuiltinOptions.PadOptions;
      case UNIDIRECTIONAL_SEQUENCE_RNN -> BuiltinOptions.SequenceRNNOptions;
      case GATHER -> BuiltinOptions.GatherOptions;
      case BATCH_TO_SPACE_ND -> BuiltinOptions.BatchToSpaceNDOptions;
      case SPACE_TO_BATCH_ND -> BuiltinOptions.SpaceToBatchNDOptions;
      case TRANSPOSE -> BuiltinOptions.TransposeOptions;
      case MEAN, SUM, REDUCE_PROD, REDUCE_MAX, REDUCE_MIN -> BuiltinOptions.ReducerOptions;
      case SUB -> BuiltinOptions.SubOptions;
      case DIV -> BuiltinOptions.DivOptions;
      case SQUEEZE -> BuiltinOptions.SqueezeOptions;
      case UNIDIRECTIONAL_SEQUENCE_LSTM -> BuiltinOptions.UnidirectionalSequenceLSTMOptions;
      case STRIDED_SLICE -> BuiltinOptions.StridedSliceOptions;
      case EXP -> BuiltinOptions.ExpOptions;
      case SPLIT -> BuiltinOptions.SplitOptions;
      case LOG_SOFTMAX -> BuiltinOptions.LogSoftmaxOptions;
      case CAST -> BuiltinOptions.CastOptions;
      case MAXIMUM, MINIMUM -> BuiltinOptions.MaximumMinimumOptions;
      case ARG_MAX -> BuiltinOptions.ArgMaxOptions;
      case LESS -> BuiltinOptions.LessOptions;
      case NEG -> BuiltinOptions.NegOptions;
      case PADV2 -> BuiltinOptions.PadV2Options;
      case GREATER -> BuiltinOptions.GreaterOptions;
      case GREATER_EQUAL -> BuiltinOptions.GreaterEqualOptions;
      case LESS_EQUAL -> BuiltinOptions.LessEqualOptions;
      case SELECT -> BuiltinOptions.SelectOptions;
      case SLICE -> BuiltinOptions.SliceOptions;
      case TRANSPOSE_CONV -> BuiltinOptions.TransposeConvOptions;
      case TILE -> BuiltinOptions.TileOptions;
      case EXPAND_DIMS -> BuiltinOptions.ExpandDimsOptions;
      case EQUAL -> BuiltinOptions.EqualOptions;
      case NOT_EQUAL -> BuiltinOptions.NotEqualOptions;
      case SHAPE -> BuiltinOptions.ShapeOptions;
      case POW -> BuiltinOptions.PowOptions;
      case ARG_MIN -> BuiltinOptions.ArgMinOptions;
      case PACK -> BuiltinOptions.PackOptions;
      case LOGICAL_OR -> BuiltinOptions.LogicalOrOptions;
      case LOGICAL_AND -> BuiltinOptions.LogicalAndOptions;
      case LOGICAL_NOT -> BuiltinOptions.LogicalNotOptions;
      case UNPACK -> BuiltinOptions.UnpackOptions;
      case FLOOR_DIV -> BuiltinOptions.FloorDivOptions;
      case SQUARE -> BuiltinOptions.SquareOptions;
      case ZEROS_LIKE -> BuiltinOptions.ZerosLikeOptions;
      case FILL -> BuiltinOptions.FillOptions;
      case FLOOR_MOD -> BuiltinOptions.FloorModOptions;
      case RANGE -> BuiltinOptions.RangeOptions;
      case RESIZE_NEAREST_NEIGHBOR -> BuiltinOptions.ResizeNearestNeighborOptions;
      case LEAKY_RELU -> BuiltinOptions.LeakyReluOptions;
      case SQUARED_DIFFERENCE -> BuiltinOptions.SquaredDifferenceOptions;
      case MIRROR_PAD -> BuiltinOptions.MirrorPadOptions;
      case ABS -> BuiltinOptions.AbsOptions;
      case SPLIT_V -> BuiltinOptions.SplitVOptions;
      case REVERSE_V2 -> BuiltinOptions.ReverseV2Options;
      case ADD_N -> BuiltinOptions.AddNOptions;
      case GATHER_ND -> BuiltinOptions.GatherNdOptions;
      case COS -> BuiltinOptions.CosOptions;
      case QUANTIZE -> BuiltinOptions.QuantizeOptions;
      case HARD_SWISH -> BuiltinOptions.HardSwishOptions;
      case SELECT_V2 -> BuiltinOptions.SelectV2Options;
      case BATCH_MATMUL -> BuiltinOptions.BatchMatMulOptions;
      case CUMSUM -> BuiltinOptions.CumsumOptions;
      case BROADCAST_TO -> BuiltinOptions.BroadcastToOptions;
      case GELU -> BuiltinOptions.GeluOptions;
      case LOCAL_RESPONSE_NORMALIZATION -> BuiltinOptions.LocalResponseNormalizationOptions;
      case TOPK_V2 -> BuiltinOptions.TopKV2Options;
      case ONE_HOT -> BuiltinOptions.OneHotOptions;
      case REDUCE_ANY, REDUCE_ALL -> BuiltinOptions.ReducerOptions;
      case WHERE -> BuiltinOptions.WhereOptions;
      case REVERSE_SEQUENCE -> BuiltinOptions.ReverseSequenceOptions;
      case MATRIX_DIAG -> BuiltinOptions.MatrixDiagOptions;
      case MATRIX_SET_DIAG -> BuiltinOptions.MatrixSetDiagOptions;
      case SCATTER_ND -> BuiltinOptions.ScatterNdOptions;
      case SEGMENT_SUM -> BuiltinOptions.SegmentSumOptions;
      case BUCKETIZE -> BuiltinOptions.BucketizeOptions;
      case UNSORTED_SEGMENT_PROD -> BuiltinOptions.UnsortedSegmentProdOptions;
      case UNSORTED_SEGMENT_MAX -> BuiltinOptions.UnsortedSegmentMaxOptions;
      case UNSORTED_SEGMENT_MIN -> BuiltinOptions.UnsortedSegmentMinOptions;
      case UNSORTED_SEGMENT_SUM -> BuiltinOptions.UnsortedSegmentSumOptions;
      case ATAN2 -> BuiltinOptions.ATan2Options;
      case SIGN -> BuiltinOptions.SignOptions;
      case SPARSE_TO_DENSE -> BuiltinOptions.SparseToDenseOptions;
      case UNIQUE -> BuiltinOptions.UniqueOptions;
      case NON_MAX_SUPPRESSION_V4 -> BuiltinOptions.NonMaxSuppressionV4Options;
      case NON_MAX_SUPPRESSION_V5 -> BuiltinOptions.NonMaxSuppressionV5Options;
      case CONV_3D, CONV_3D_TRANSPOSE -> BuiltinOptions.Conv3DOptions;
      case BITWISE_XOR -> BuiltinOptions.BitwiseXorOptions;
      case RIGHT_SHIFT -> BuiltinOptions.RightShiftOptions;
      case IF -> BuiltinOptions.IfOptions;
      case WHILE -> BuiltinOptions.WhileOptions;
      case DYNAMIC_UPDATE_SLICE -> BuiltinOptions.DynamicUpdateSliceOptions;
      // EMBEDDING_LOOKUP, FLOOR, LOGISTIC, RELU, RELU_N1_TO_1, RELU6, TANH, PRELU, SIN, LOG, SQRT,
      // RSQRT, CEIL, ELU, ROUND, BROADCAST_ARGS: no options table exists for them.
      default -> BuiltinOptions.NONE;
    };
  }

  /** Fails unless {@code tag} is NONE or the table of {@code op}. */
  static void check(BuiltinOp op, int tag, boolean reading) {
    if (tag != BuiltinOptions.NONE && tag != of(op)) {
      String table = tag < BuiltinOptions.names.length && !BuiltinOptions.names[tag].isEmpty()
          ? BuiltinOptions.names[tag] : "union tag " + tag;
      String message = (reading ? "malformed .tflite file: " : "") + op + " cannot take " + table;
      throw ConversionException.builder(message).opType(op.name()).build();
    }
  }

  static void check(BuiltinOp op, OpOptions options) {
    if (options != null) {
      check(op, options.unionType(), false);
    }
  }
}
