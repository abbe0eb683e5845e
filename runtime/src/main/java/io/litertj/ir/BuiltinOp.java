package io.litertj.ir;

/** LiteRT builtin operators that the converter emits, with their {@code BuiltinOperator} codes. */
public enum BuiltinOp {
  ADD(0),
  AVERAGE_POOL_2D(1),
  CONCATENATION(2),
  CONV_2D(3),
  DEPTHWISE_CONV_2D(4),
  DEPTH_TO_SPACE(5),
  DEQUANTIZE(6),
  EMBEDDING_LOOKUP(7),
  FLOOR(8),
  FULLY_CONNECTED(9),
  L2_NORMALIZATION(11),
  LOCAL_RESPONSE_NORMALIZATION(13),
  LOGISTIC(14),
  MAX_POOL_2D(17),
  MUL(18),
  RELU(19),
  RELU_N1_TO_1(20),
  RELU6(21),
  RESHAPE(22),
  RESIZE_BILINEAR(23),
  SOFTMAX(25),
  SPACE_TO_DEPTH(26),
  TANH(28),
  PAD(34),
  UNIDIRECTIONAL_SEQUENCE_RNN(35),
  GATHER(36),
  BATCH_TO_SPACE_ND(37),
  SPACE_TO_BATCH_ND(38),
  TRANSPOSE(39),
  MEAN(40),
  SUB(41),
  DIV(42),
  SQUEEZE(43),
  UNIDIRECTIONAL_SEQUENCE_LSTM(44),
  STRIDED_SLICE(45),
  EXP(47),
  TOPK_V2(48),
  SPLIT(49),
  LOG_SOFTMAX(50),
  CAST(53),
  PRELU(54),
  MAXIMUM(55),
  ARG_MAX(56),
  MINIMUM(57),
  LESS(58),
  NEG(59),
  PADV2(60),
  GREATER(61),
  GREATER_EQUAL(62),
  LESS_EQUAL(63),
  SELECT(64),
  SLICE(65),
  SIN(66),
  TRANSPOSE_CONV(67),
  TILE(69),
  EXPAND_DIMS(70),
  EQUAL(71),
  NOT_EQUAL(72),
  LOG(73),
  SUM(74),
  SQRT(75),
  RSQRT(76),
  SHAPE(77),
  POW(78),
  ARG_MIN(79),
  REDUCE_PROD(81),
  REDUCE_MAX(82),
  PACK(83),
  LOGICAL_OR(84),
  ONE_HOT(85),
  LOGICAL_AND(86),
  LOGICAL_NOT(87),
  UNPACK(88),
  REDUCE_MIN(89),
  FLOOR_DIV(90),
  REDUCE_ANY(91),
  SQUARE(92),
  ZEROS_LIKE(93),
  FILL(94),
  FLOOR_MOD(95),
  RANGE(96),
  RESIZE_NEAREST_NEIGHBOR(97),
  LEAKY_RELU(98),
  SQUARED_DIFFERENCE(99),
  MIRROR_PAD(100),
  ABS(101),
  SPLIT_V(102),
  CEIL(104),
  REVERSE_V2(105),
  ADD_N(106),
  GATHER_ND(107),
  COS(108),
  WHERE(109),
  ELU(111),
  REVERSE_SEQUENCE(112),
  MATRIX_DIAG(113),
  QUANTIZE(114),
  MATRIX_SET_DIAG(115),
  ROUND(116),
  HARD_SWISH(117),
  SCATTER_ND(122),
  SELECT_V2(123),
  SEGMENT_SUM(125),
  BATCH_MATMUL(126),
  CUMSUM(128),
  BROADCAST_TO(130),
  CONV_3D(132),
  REDUCE_ALL(140),
  CONV_3D_TRANSPOSE(141),
  BROADCAST_ARGS(145),
  BUCKETIZE(147),
  GELU(150),
  UNSORTED_SEGMENT_PROD(153),
  UNSORTED_SEGMENT_MAX(154),
  UNSORTED_SEGMENT_SUM(155),
  ATAN2(156),
  UNSORTED_SEGMENT_MIN(157),
  SIGN(158),
  BITWISE_XOR(160),
  RIGHT_SHIFT(161);

  /** Codes above this do not fit the deprecated byte field and are written as this value there. */
  public static final int PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

  private final int code;

  BuiltinOp(int code) {
    this.code = code;
  }

  /** The value of LiteRT's {@code BuiltinOperator} enum. */
  public int code() {
    return code;
  }

  public static BuiltinOp fromCode(int code) {
    for (BuiltinOp op : values()) {
      if (op.code == code) {
        return op;
      }
    }
    throw new IllegalArgumentException("builtin operator " + code + " is not known to this converter");
  }
}
