package io.litertj.tflite;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Padding;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each builtin's kernel demands of its operands before it runs, as LiteRT's Prepare steps
 * check them (tflite/kernels/*.cc): how many inputs and outputs, which inputs may be omitted, the
 * ranks and types it needs, how dimensions must agree, the option values it divides by. A file
 * that breaks one of these either fails in LiteRT or, where Prepare does not look, crashes the
 * process; our own passes assume them too. Dimensions that are dynamic (-1) are not compared.
 */
final class OperandRules {

  /** One finding; the validator adds where it is. */
  interface Check {
    /** Null when the operator satisfies it, else what is wrong, in a phrase. */
    String check(Operator op);
  }

  record Rule(int minInputs, int maxInputs, int minOutputs, int maxOutputs, Set<Integer> optional,
      boolean needsOptions, List<Check> checks) {}

  private static final int INT16_MAX = Short.MAX_VALUE;
  private static final Set<DataType> INTEGER_INDEX = Set.of(DataType.INT32, DataType.INT64);
  private static final Map<BuiltinOp, Rule> RULES = build();

  private OperandRules() {}

  /** The rule of an operator; every builtin the reader accepts has one. */
  static Rule of(BuiltinOp op) {
    return RULES.get(op);
  }

  private static Map<BuiltinOp, Rule> build() {
    Map<BuiltinOp, Rule> m = new EnumMap<>(BuiltinOp.class);
    for (BuiltinOp op : List.of(BuiltinOp.ABS, BuiltinOp.CEIL, BuiltinOp.COS, BuiltinOp.ELU, BuiltinOp.EXP,
        BuiltinOp.FLOOR, BuiltinOp.GELU, BuiltinOp.HARD_SWISH, BuiltinOp.LEAKY_RELU, BuiltinOp.LOG,
        BuiltinOp.LOGISTIC, BuiltinOp.NEG, BuiltinOp.RELU, BuiltinOp.RELU6, BuiltinOp.RELU_N1_TO_1, BuiltinOp.ROUND,
        BuiltinOp.RSQRT, BuiltinOp.SIN, BuiltinOp.SQRT, BuiltinOp.SQUARE, BuiltinOp.TANH, BuiltinOp.LOGICAL_NOT,
        BuiltinOp.ZEROS_LIKE, BuiltinOp.LOG_SOFTMAX, BuiltinOp.SIGN)) {
      m.put(op, rule(1, 1).check(sameShape(0)).check(sameTypeAsInput(0)).build());
    }
    m.put(BuiltinOp.SOFTMAX, rule(1, 1).check(minRank(0, 1)).check(sameShape(0)).build());
    m.put(BuiltinOp.L2_NORMALIZATION, rule(1, 1).check(maxRank(0, 4)).check(sameShape(0)).build());
    m.put(BuiltinOp.QUANTIZE, rule(1, 1).check(sameShape(0)).build());
    m.put(BuiltinOp.DEQUANTIZE, rule(1, 1).check(sameShape(0)).check(outputType(0, DataType.FLOAT32)).build());
    m.put(BuiltinOp.CAST, rule(1, 1).check(sameShape(0)).build());
    m.put(BuiltinOp.PRELU, rule(2, 1).check(broadcasts()).check(sameShape(0)).build());
    for (BuiltinOp op : List.of(BuiltinOp.ADD, BuiltinOp.SUB, BuiltinOp.MUL, BuiltinOp.DIV, BuiltinOp.MAXIMUM,
        BuiltinOp.MINIMUM, BuiltinOp.POW, BuiltinOp.SQUARED_DIFFERENCE, BuiltinOp.FLOOR_DIV, BuiltinOp.FLOOR_MOD,
        BuiltinOp.LOGICAL_OR, BuiltinOp.LOGICAL_AND, BuiltinOp.BITWISE_XOR, BuiltinOp.RIGHT_SHIFT)) {
      m.put(op, rule(2, 1).check(broadcasts()).check(sameInputTypes(0, 1)).check(sameTypeAsInput(0))
          .check(output(OperandRules::broadcastShape)).build());
    }
    for (BuiltinOp op : List.of(BuiltinOp.LESS, BuiltinOp.GREATER, BuiltinOp.GREATER_EQUAL, BuiltinOp.LESS_EQUAL,
        BuiltinOp.EQUAL, BuiltinOp.NOT_EQUAL)) {
      m.put(op, rule(2, 1).check(broadcasts()).check(sameInputTypes(0, 1)).check(outputType(0, DataType.BOOL))
          .check(output(OperandRules::broadcastShape)).build());
    }
    m.put(BuiltinOp.ADD_N, rule(1, Integer.MAX_VALUE, 1, 1).check(allInputsLikeFirst()).build());
    m.put(BuiltinOp.SELECT, rule(3, 1).check(inputType(0, DataType.BOOL)).check(sameInputTypes(1, 2)).build());
    m.put(BuiltinOp.SELECT_V2, rule(3, 1).check(inputType(0, DataType.BOOL)).check(sameInputTypes(1, 2)).build());

    m.put(BuiltinOp.CONV_2D, rule(2, 3, 1, 1).optional(2).needsOptions()
        .check(rank(0, 4)).check(rank(1, 4)).check(rank(2, 1)).check(OperandRules::conv2d)
        .check(output(OperandRules::convShape)).build());
    m.put(BuiltinOp.DEPTHWISE_CONV_2D, rule(2, 3, 1, 1).optional(2).needsOptions()
        .check(rank(0, 4)).check(rank(1, 4)).check(rank(2, 1)).check(OperandRules::depthwise)
        .check(output(OperandRules::convShape)).build());
    m.put(BuiltinOp.TRANSPOSE_CONV, rule(3, 4, 1, 1).optional(3).needsOptions()
        .check(rank(0, 1)).check(rank(1, 4)).check(rank(2, 4)).check(rank(3, 1))
        .check(OperandRules::transposeConv).build());
    m.put(BuiltinOp.FULLY_CONNECTED, rule(2, 3, 1, 1).optional(2)
        .check(rank(1, 2)).check(OperandRules::fullyConnected).check(output(OperandRules::fullyConnectedShape))
        .build());
    for (BuiltinOp op : List.of(BuiltinOp.AVERAGE_POOL_2D, BuiltinOp.MAX_POOL_2D)) {
      m.put(op, rule(1, 1).needsOptions().check(rank(0, 4)).check(OperandRules::pool)
          .check(output(OperandRules::convShape)).build());
    }
    m.put(BuiltinOp.BATCH_MATMUL, rule(2, 1).check(rankBetween(0, 2, 5)).check(rankBetween(1, 2, 5))
        .check(OperandRules::batchMatMul).build());
    m.put(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN, rule(5, 1).check(rank(0, 3)).check(rank(1, 2)).check(rank(2, 2))
        .check(rank(3, 1)).check(rank(4, 2)).build());
    // Optional: the input gate (CIFG), peepholes, projection and layer norm; the states (18, 19) are not.
    m.put(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, rule(20, 24, 1, 1)
        .optional(1, 5, 9, 10, 11, 12, 16, 17, 20, 21, 22, 23)
        .check(rankBetween(0, 2, 3)).build());
    m.put(BuiltinOp.EMBEDDING_LOOKUP, rule(2, 1).check(rank(0, 1)).check(minRank(1, 2))
        .check(inputType(0, DataType.INT32)).build());

    m.put(BuiltinOp.CONCATENATION, rule(1, Integer.MAX_VALUE, 1, 1).check(OperandRules::concatenation)
        .check(output(OperandRules::concatenationShape)).build());
    m.put(BuiltinOp.PACK, rule(1, Integer.MAX_VALUE, 1, 1).needsOptions().check(OperandRules::pack).build());
    m.put(BuiltinOp.UNPACK, rule(1, 1, 1, Integer.MAX_VALUE).needsOptions().check(OperandRules::unpack).build());
    m.put(BuiltinOp.SPLIT, rule(2, 2, 1, Integer.MAX_VALUE).needsOptions()
        .check(OperandRules::split).build());
    m.put(BuiltinOp.SPLIT_V, rule(3, 3, 1, Integer.MAX_VALUE).needsOptions()
        .check(OperandRules::splitV).build());
    m.put(BuiltinOp.RESHAPE, rule(1, 2, 1, 1).optional(1).check(OperandRules::reshape).build());
    m.put(BuiltinOp.SQUEEZE, rule(1, 1).build());
    m.put(BuiltinOp.EXPAND_DIMS, rule(2, 1).check(elementsAtMost(1, 1)).build());
    m.put(BuiltinOp.SHAPE, rule(1, 1).check(outputIn(0, INTEGER_INDEX)).build());
    m.put(BuiltinOp.TRANSPOSE, rule(2, 1).check(maxRank(0, 6)).check(rank(1, 1)).check(lengthIsRankOf(1, 0))
        .check(OperandRules::permutation).check(output(OperandRules::transposeShape)).build());
    m.put(BuiltinOp.TILE, rule(2, 1).check(rank(1, 1)).check(lengthIsRankOf(1, 0)).build());
    m.put(BuiltinOp.BROADCAST_TO, rule(2, 1).check(rank(1, 1)).build());
    m.put(BuiltinOp.FILL, rule(2, 1).check(rank(0, 1)).check(elementsAtMost(1, 1)).build());
    m.put(BuiltinOp.RANGE, rule(3, 1).check(elementsAtMost(0, 1)).check(elementsAtMost(1, 1))
        .check(elementsAtMost(2, 1)).build());
    m.put(BuiltinOp.SLICE, rule(3, 1).check(maxRank(0, 5)).check(rank(1, 1)).check(rank(2, 1))
        .check(lengthIsRankOf(1, 0)).check(lengthIsRankOf(2, 0)).build());
    m.put(BuiltinOp.STRIDED_SLICE, rule(4, 1).check(maxRank(0, 5)).check(rank(1, 1)).check(rank(2, 1))
        .check(rank(3, 1)).check(sameLength(1, 2)).check(sameLength(1, 3)).build());
    m.put(BuiltinOp.PAD, rule(2, 3, 1, 1).optional(2).check(paddings(1)).check(output(OperandRules::padShape)).build());
    m.put(BuiltinOp.PADV2, rule(2, 3, 1, 1).optional(2).check(paddings(1)).check(output(OperandRules::padShape))
        .build());
    m.put(BuiltinOp.MIRROR_PAD, rule(2, 1).check(paddings(1)).check(output(OperandRules::padShape)).build());
    m.put(BuiltinOp.GATHER, rule(2, 1).check(OperandRules::gather).build());
    m.put(BuiltinOp.GATHER_ND, rule(2, 1).check(minRank(0, 1)).check(minRank(1, 1)).build());
    m.put(BuiltinOp.REVERSE_V2, rule(2, 1).check(rank(1, 1)).build());
    m.put(BuiltinOp.CUMSUM, rule(2, 1).check(elementsAtMost(1, 1)).build());
    for (BuiltinOp op : List.of(BuiltinOp.ARG_MAX, BuiltinOp.ARG_MIN)) {
      m.put(op, rule(2, 1).check(minRank(0, 1)).check(elementsAtMost(1, 1)).check(outputIn(0, INTEGER_INDEX))
          .build());
    }
    for (BuiltinOp op : List.of(BuiltinOp.MEAN, BuiltinOp.SUM, BuiltinOp.REDUCE_PROD, BuiltinOp.REDUCE_MAX,
        BuiltinOp.REDUCE_MIN)) {
      m.put(op, rule(2, 1).check(maxRank(1, 1)).build());
    }
    m.put(BuiltinOp.SPACE_TO_DEPTH, rule(1, 1).needsOptions().check(rank(0, 4)).check(OperandRules::spaceToDepth)
        .check(output(op -> blocks(op, true))).build());
    m.put(BuiltinOp.DEPTH_TO_SPACE, rule(1, 1).needsOptions().check(rank(0, 4)).check(OperandRules::depthToSpace)
        .check(output(op -> blocks(op, false))).build());
    m.put(BuiltinOp.SPACE_TO_BATCH_ND, rule(3, 1).check(rankBetween(0, 3, 4)).check(rank(1, 1)).check(rank(2, 2))
        .build());
    m.put(BuiltinOp.BATCH_TO_SPACE_ND, rule(3, 1).check(rankBetween(0, 3, 4)).check(rank(1, 1)).check(rank(2, 2))
        .build());
    for (BuiltinOp op : List.of(BuiltinOp.RESIZE_BILINEAR, BuiltinOp.RESIZE_NEAREST_NEIGHBOR)) {
      m.put(op, rule(2, 1).check(rank(0, 4)).check(rank(1, 1)).check(length(1, 2))
          .check(inputType(1, DataType.INT32)).check(output(OperandRules::resizeShape)).build());
    }
    addLessCommonOps(m);
    for (BuiltinOp op : BuiltinOp.values()) {
      if (!m.containsKey(op)) {
        throw new IllegalStateException("no operand rule for " + op);
      }
    }
    return m;
  }

  /** Builtins we legalize rarely: operand counts, and the ranks and types their kernels insist on. */
  private static void addLessCommonOps(Map<BuiltinOp, Rule> m) {
    m.put(BuiltinOp.LOCAL_RESPONSE_NORMALIZATION, rule(1, 1).needsOptions().check(rank(0, 4)).check(sameShape(0))
        .build());
    m.put(BuiltinOp.ATAN2, rule(2, 1).check(sameInputTypes(0, 1)).check(sameTypeAsInput(0)).build());
    m.put(BuiltinOp.TOPK_V2, rule(2, 2, 2, 2).check(minRank(0, 1)).check(elementsAtMost(1, 1)).build());
    m.put(BuiltinOp.SPARSE_TO_DENSE, rule(4, 1).check(maxRank(0, 2)).check(maxRank(1, 1)).build());
    m.put(BuiltinOp.ONE_HOT, rule(4, 1).needsOptions().check(elementsAtMost(1, 1)).check(elementsAtMost(2, 1))
        .check(elementsAtMost(3, 1)).build());
    for (BuiltinOp op : List.of(BuiltinOp.REDUCE_ANY, BuiltinOp.REDUCE_ALL)) {
      m.put(op, rule(2, 1).check(maxRank(1, 1)).check(inputType(0, DataType.BOOL)).build());
    }
    m.put(BuiltinOp.UNIQUE, rule(1, 1, 2, 2).check(rank(0, 1)).build());
    m.put(BuiltinOp.WHERE, rule(1, 1).check(outputIn(0, INTEGER_INDEX)).build());
    m.put(BuiltinOp.REVERSE_SEQUENCE, rule(2, 1).needsOptions().check(rank(1, 1)).build());
    m.put(BuiltinOp.MATRIX_DIAG, rule(1, 1).check(minRank(0, 1)).build());
    m.put(BuiltinOp.MATRIX_SET_DIAG, rule(2, 1).check(minRank(0, 2)).build());
    m.put(BuiltinOp.NON_MAX_SUPPRESSION_V4, rule(5, 2).check(rank(0, 2)).check(rank(1, 1)).build());
    m.put(BuiltinOp.NON_MAX_SUPPRESSION_V5, rule(6, 3).check(rank(0, 2)).check(rank(1, 1)).build());
    m.put(BuiltinOp.SCATTER_ND, rule(3, 1).check(rank(2, 1)).build());
    m.put(BuiltinOp.SEGMENT_SUM, rule(2, 1).check(rank(1, 1)).build());
    for (BuiltinOp op : List.of(BuiltinOp.UNSORTED_SEGMENT_PROD, BuiltinOp.UNSORTED_SEGMENT_MAX,
        BuiltinOp.UNSORTED_SEGMENT_SUM, BuiltinOp.UNSORTED_SEGMENT_MIN)) {
      m.put(op, rule(3, 1).check(elementsAtMost(2, 1)).build());
    }
    m.put(BuiltinOp.CONV_3D, rule(2, 3, 1, 1).optional(2).needsOptions().check(rank(0, 5)).check(rank(1, 5))
        .build());
    m.put(BuiltinOp.CONV_3D_TRANSPOSE, rule(3, 4, 1, 1).optional(3).needsOptions().check(rank(0, 1))
        .check(rank(1, 5)).check(rank(2, 5)).build());
    m.put(BuiltinOp.BROADCAST_ARGS, rule(2, 1).check(rank(0, 1)).check(rank(1, 1)).build());
    m.put(BuiltinOp.BUCKETIZE, rule(1, 1).needsOptions().check(sameShape(0)).build());
    m.put(BuiltinOp.DYNAMIC_UPDATE_SLICE, rule(3, 1).check(sameInputTypes(0, 1)).check(rank(2, 1))
        .check(lengthIsRankOf(2, 0)).build());
    // Control flow: the called subgraphs' signatures are checked where the options are resolved.
    m.put(BuiltinOp.IF, rule(1, Integer.MAX_VALUE, 0, Integer.MAX_VALUE).needsOptions()
        .check(inputType(0, DataType.BOOL)).build());
    m.put(BuiltinOp.WHILE, rule(0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE).needsOptions()
        .check(op -> op.inputs().size() == op.outputs().size() ? null
            : "has " + op.inputs().size() + " inputs but " + op.outputs().size() + " outputs (loop values pair up)")
        .build());
  }

  // ---- the kernels with more to check than ranks

  private static String conv2d(Operator op) {
    if (!(op.options() instanceof OpOptions.Conv2D o)) {
      return null;
    }
    String window = window(o.strideW(), o.strideH(), o.dilationW(), o.dilationH());
    if (window != null) {
      return window;
    }
    int inC = dim(op, 0, 3);
    int filterIn = dim(op, 1, 3);
    int outC = dim(op, 1, 0);
    if (filterIn == 0 || inC > 0 && filterIn > 0 && inC % filterIn != 0) {
      return "the input has " + inC + " channels, which the filter's " + filterIn + " input channels do not divide";
    }
    if (dim(op, 1, 1) == 0 || dim(op, 1, 2) == 0 || outC == 0) {
      return "the filter " + op.input(1).shape() + " is empty";
    }
    return biasMatches(op, 2, outC);
  }

  private static String depthwise(Operator op) {
    if (!(op.options() instanceof OpOptions.DepthwiseConv2D o)) {
      return null;
    }
    String window = window(o.strideW(), o.strideH(), o.dilationW(), o.dilationH());
    if (window != null) {
      return window;
    }
    int inC = dim(op, 0, 3);
    int outC = dim(op, 1, 3);
    if (dim(op, 1, 0) > 1 || dim(op, 1, 0) == 0) {
      return "the filter " + op.input(1).shape() + " must be [1, height, width, channels]";
    }
    if (inC == 0 || outC == 0 || dim(op, 1, 1) == 0 || dim(op, 1, 2) == 0) {
      return "the input " + op.input(0).shape() + " or the filter " + op.input(1).shape() + " is empty";
    }
    if (inC > 0 && outC > 0 && outC % inC != 0) {
      return "the filter's " + outC + " output channels are not a multiple of the input's " + inC;
    }
    return biasMatches(op, 2, outC);
  }

  private static String transposeConv(Operator op) {
    if (op.options() instanceof OpOptions.TransposeConv o && (o.strideW() < 1 || o.strideH() < 1
        || o.strideW() > INT16_MAX || o.strideH() > INT16_MAX)) {
      return "strides " + o.strideW() + "x" + o.strideH() + " are not between 1 and " + INT16_MAX;
    }
    if (op.input(0).type() != DataType.INT32 || op.input(0).shape().rank() == 1 && dim(op, 0, 0) > 0
        && dim(op, 0, 0) != 4) {
      return "the output shape (input 0) must be 4 int32 values";
    }
    int weightsIn = dim(op, 1, 3);
    int inC = dim(op, 2, 3);
    if (weightsIn >= 0 && inC >= 0 && weightsIn != inC) {
      return "the weights take " + weightsIn + " input channels, but the input has " + inC;
    }
    return biasMatches(op, 3, dim(op, 1, 0));
  }

  private static String fullyConnected(Operator op) {
    int out = dim(op, 1, 0);
    int in = dim(op, 1, 1);
    if (out == 0 || in == 0) {
      return "the weights " + op.input(1).shape() + " are empty";
    }
    Shape input = op.input(0).shape();
    if (in > 0 && input.isStatic() && input.numElements() % in != 0) {
      return "the input " + input + " does not split into rows of the weights' " + in + " columns";
    }
    return biasMatches(op, 2, out);
  }

  private static String pool(Operator op) {
    if (!(op.options() instanceof OpOptions.Pool2D o)) {
      return null;
    }
    if (o.filterW() < 1 || o.filterH() < 1) {
      return "the pool window " + o.filterW() + "x" + o.filterH() + " is empty";
    }
    return window(o.strideW(), o.strideH(), 1, 1);
  }

  private static String batchMatMul(Operator op) {
    Shape a = op.input(0).shape();
    Shape b = op.input(1).shape();
    if (a.rank() < 2 || b.rank() < 2 || !(op.options() instanceof OpOptions.BatchMatMul o)) {
      return null;
    }
    int inner = a.dim(o.adjX() ? -2 : -1);
    int other = b.dim(o.adjY() ? -1 : -2);
    if (inner >= 0 && other >= 0 && inner != other) {
      return "the inner dimensions of " + a + " and " + b + " differ (" + inner + " and " + other + ")";
    }
    return null;
  }

  private static String concatenation(Operator op) {
    int axis = op.options() instanceof OpOptions.Concatenation c ? c.axis() : 0;
    Shape first = op.input(0).shape();
    int rank = first.rank();
    if (axis < -rank || axis >= Math.max(rank, 1)) {
      return "axis " + axis + " is outside the inputs' rank " + rank;
    }
    int a = axis < 0 ? axis + rank : axis;
    for (int i = 1; i < op.inputs().size(); i++) {
      Shape s = op.input(i).shape();
      if (s.rank() != rank) {
        return "input " + i + " has rank " + s.rank() + ", input 0 has rank " + rank;
      }
      if (op.input(i).type() != op.input(0).type()) {
        return "input " + i + " is " + op.input(i).type() + ", input 0 is " + op.input(0).type();
      }
      for (int d = 0; d < rank; d++) {
        if (d != a && s.dim(d) >= 0 && first.dim(d) >= 0 && s.dim(d) != first.dim(d)) {
          return "input " + i + " " + s + " and input 0 " + first + " differ outside axis " + axis;
        }
      }
    }
    return null;
  }

  private static String pack(Operator op) {
    if (!(op.options() instanceof OpOptions.Pack p)) {
      return null;
    }
    if (p.valuesCount() != op.inputs().size()) {
      return "values_count is " + p.valuesCount() + " for " + op.inputs().size() + " inputs";
    }
    int rank = op.input(0).shape().rank();
    if (p.axis() < -(rank + 1) || p.axis() > rank) {
      return "axis " + p.axis() + " is outside the output's rank " + (rank + 1);
    }
    return allInputsLikeFirst().check(op);
  }

  private static String unpack(Operator op) {
    if (!(op.options() instanceof OpOptions.Unpack u)) {
      return null;
    }
    Shape s = op.input(0).shape();
    if (u.num() != op.outputs().size()) {
      return "num is " + u.num() + " for " + op.outputs().size() + " outputs";
    }
    if (u.axis() < -s.rank() || u.axis() >= Math.max(s.rank(), 1) || s.rank() == 0) {
      return "axis " + u.axis() + " is outside the input's rank " + s.rank();
    }
    int d = s.dim(u.axis());
    return d >= 0 && d != u.num() ? "the input " + s + " has " + d + " slices on axis " + u.axis() + ", not "
        + u.num() : null;
  }

  private static String split(Operator op) {
    if (!(op.options() instanceof OpOptions.Split o)) {
      return null;
    }
    if (o.numSplits() != op.outputs().size()) {
      return "num_splits is " + o.numSplits() + " for " + op.outputs().size() + " outputs";
    }
    return splitAxis(op, 0, 1, o.numSplits());
  }

  private static String splitV(Operator op) {
    if (!(op.options() instanceof OpOptions.SplitV o)) {
      return null;
    }
    if (o.numSplits() != op.outputs().size()) {
      return "num_splits is " + o.numSplits() + " for " + op.outputs().size() + " outputs";
    }
    Shape sizes = op.input(1).shape();
    if (sizes.rank() != 1 || sizes.dim(0) >= 0 && sizes.dim(0) != o.numSplits()) {
      return "size_splits " + sizes + " does not hold one size per output";
    }
    return splitAxis(op, 2, 0, 0);
  }

  /** A constant split axis must lie in the data's rank; an even split must divide its dimension. */
  private static String splitAxis(Operator op, int axisInput, int dataInput, int evenParts) {
    Tensor axis = op.input(axisInput);
    Shape data = op.input(dataInput).shape();
    if (axis.shape().isStatic() && axis.shape().numElements() != 1) {
      return "the axis (input " + axisInput + ") has " + axis.shape().numElements() + " values, not 1";
    }
    if (!axis.isConstant() || !INTEGER_INDEX.contains(axis.type()) || axis.constantLongs().length != 1) {
      return null;
    }
    long a = axis.constantLongs()[0];
    if (a < -data.rank() || a >= data.rank()) {
      return "axis " + a + " is outside the input's rank " + data.rank();
    }
    int d = data.dim((int) a);
    if (evenParts > 0 && d >= 0 && d % evenParts != 0) {
      return "dimension " + a + " of " + data + " does not split into " + evenParts + " equal parts";
    }
    return null;
  }

  private static String reshape(Operator op) {
    Shape in = op.input(0).shape();
    Shape out = op.output(0).shape();
    if (in.isStatic() && out.isStatic() && in.numElements() != out.numElements()) {
      return "it turns " + in + " (" + in.numElements() + " elements) into " + out + " (" + out.numElements() + ")";
    }
    Tensor shape = op.inputs().size() > 1 ? op.input(1) : null;
    if (shape != null && shape.shape().rank() > 1) {
      return "the new shape (input 1) has rank " + shape.shape().rank();
    }
    // LiteRT takes the shape from an int32 vector input, else from the options, which it then reads
    // unchecked (a missing options table crashed its Prepare step).
    boolean vector = shape != null && shape.type() == DataType.INT32 && shape.shape().rank() == 1;
    if (!vector && !(op.options() instanceof OpOptions.Reshape)) {
      return "it has neither an int32 shape vector (input 1) nor a new_shape option";
    }
    return null;
  }

  private static String gather(Operator op) {
    int rank = op.input(0).shape().rank();
    if (!INTEGER_INDEX.contains(op.input(1).type()) && op.input(1).type() != DataType.INT16) {
      return "the indices are " + op.input(1).type();
    }
    if (op.options() instanceof OpOptions.Gather g) {
      if (g.axis() < -rank || g.axis() >= Math.max(rank, 1) || rank == 0) {
        return "axis " + g.axis() + " is outside the params' rank " + rank;
      }
      int axis = g.axis() < 0 ? g.axis() + rank : g.axis();
      int indicesRank = op.input(1).shape().rank();
      int batch = g.batchDims() < 0 ? g.batchDims() + indicesRank : g.batchDims();
      if (batch < 0 || batch > axis || batch > indicesRank) {
        return "batch_dims " + g.batchDims() + " does not fit axis " + g.axis() + " and the indices' rank "
            + indicesRank;
      }
    }
    return null;
  }

  private static String spaceToDepth(Operator op) {
    int b = op.options() instanceof OpOptions.SpaceToDepth s ? s.blockSize() : 0;
    if (b < 1) {
      return "block_size " + b + " is not positive";
    }
    int h = dim(op, 0, 1);
    int w = dim(op, 0, 2);
    return h >= 0 && h % b != 0 || w >= 0 && w % b != 0
        ? "the input " + op.input(0).shape() + " is not a whole number of " + b + "x" + b + " blocks" : null;
  }

  private static String depthToSpace(Operator op) {
    int b = op.options() instanceof OpOptions.DepthToSpace s ? s.blockSize() : 0;
    if (b < 1 || (long) b * b > Integer.MAX_VALUE) {
      return "block_size " + b + " is not positive";
    }
    int c = dim(op, 0, 3);
    return c >= 0 && c % (b * b) != 0
        ? "the input's " + c + " channels do not split into " + b + "x" + b + " blocks" : null;
  }

  // ---- output shapes, as Prepare computes them (null: not computable from static information)

  /**
   * The declared output must be what the kernel computes: LiteRT resizes the output to its own
   * result, so a file that declares another shape describes a different model than it runs.
   */
  private static Check output(java.util.function.Function<Operator, int[]> infer) {
    return op -> {
      int[] expected = infer.apply(op);
      if (expected == null) {
        return null;
      }
      Shape declared = op.output(0).shape();
      boolean differs = declared.rank() != expected.length;
      for (int i = 0; !differs && i < expected.length; i++) {
        differs = expected[i] >= 0 && declared.dim(i) >= 0 && expected[i] != declared.dim(i);
      }
      for (int d : expected) {
        if (d == 0 && !differs) {
          return "its output would be empty (" + Arrays.toString(expected) + ")";
        }
      }
      return differs ? "it computes an output of shape " + Arrays.toString(expected) + ", but the file declares "
          + declared : null;
    };
  }

  /** CONV_2D, DEPTHWISE_CONV_2D and the pools: NHWC out of the window arithmetic. */
  private static int[] convShape(Operator op) {
    Padding padding;
    int strideW;
    int strideH;
    int dilationW = 1;
    int dilationH = 1;
    int filterH;
    int filterW;
    int channels;
    Shape in = op.input(0).shape();
    if (op.options() instanceof OpOptions.Conv2D o) {
      padding = o.padding();
      strideW = o.strideW();
      strideH = o.strideH();
      dilationW = o.dilationW();
      dilationH = o.dilationH();
      filterH = dim(op, 1, 1);
      filterW = dim(op, 1, 2);
      channels = dim(op, 1, 0);
    } else if (op.options() instanceof OpOptions.DepthwiseConv2D o) {
      padding = o.padding();
      strideW = o.strideW();
      strideH = o.strideH();
      dilationW = o.dilationW();
      dilationH = o.dilationH();
      filterH = dim(op, 1, 1);
      filterW = dim(op, 1, 2);
      channels = dim(op, 1, 3);
    } else if (op.options() instanceof OpOptions.Pool2D o) {
      padding = o.padding();
      strideW = o.strideW();
      strideH = o.strideH();
      filterH = o.filterH();
      filterW = o.filterW();
      channels = in.dim(3);
    } else {
      return null;
    }
    if (strideW < 1 || strideH < 1 || dilationW < 1 || dilationH < 1) {
      return null; // refused by the window check
    }
    return new int[] {in.dim(0), window(in.dim(1), filterH, strideH, dilationH, padding),
        window(in.dim(2), filterW, strideW, dilationW, padding), channels};
  }

  /** LiteRT's ComputeOutSize; -1 when the input or filter size is unknown. */
  private static int window(int size, int filter, int stride, int dilation, Padding padding) {
    if (size < 0 || filter < 0) {
      return -1;
    }
    long effective = (long) (filter - 1) * dilation + 1;
    long out = padding == Padding.SAME ? (size + (long) stride - 1) / stride : (size - effective + stride) / stride;
    return (int) Math.max(0, Math.min(out, Integer.MAX_VALUE));
  }

  private static int[] fullyConnectedShape(Operator op) {
    Shape in = op.input(0).shape();
    int units = dim(op, 1, 0);
    int depth = dim(op, 1, 1);
    boolean keep = op.options() instanceof OpOptions.FullyConnected f && f.keepNumDims();
    if (keep) {
      int[] out = in.dims().clone();
      if (out.length == 0) {
        return null;
      }
      out[out.length - 1] = units;
      return out;
    }
    long rows = depth > 0 && in.isStatic() ? in.numElements() / depth : -1;
    return new int[] {(int) Math.min(rows, Integer.MAX_VALUE), units};
  }

  private static int[] broadcastShape(Operator op) {
    Shape a = op.input(0).shape();
    Shape b = op.input(1).shape();
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 1; i <= rank; i++) {
      int x = i <= a.rank() ? a.dim(-i) : 1;
      int y = i <= b.rank() ? b.dim(-i) : 1;
      out[rank - i] = x == 1 ? y : y == 1 ? x : x < 0 ? y : x; // mismatches are the broadcast check's
    }
    return out;
  }

  private static int[] concatenationShape(Operator op) {
    int rank = op.input(0).shape().rank();
    int axis = op.options() instanceof OpOptions.Concatenation c ? c.axis() : 0;
    axis = axis < 0 ? axis + rank : axis;
    if (axis < 0 || axis >= rank) {
      return null;
    }
    int[] out = op.input(0).shape().dims().clone();
    long sum = 0;
    for (Tensor t : op.inputs()) {
      int d = t.shape().rank() == rank ? t.shape().dim(axis) : -1;
      sum = d < 0 || sum < 0 ? -1 : sum + d;
    }
    out[axis] = (int) Math.min(sum, Integer.MAX_VALUE);
    return out;
  }

  private static String permutation(Operator op) {
    long[] perm = constantInts(op.input(1));
    if (perm == null) {
      return null;
    }
    boolean[] seen = new boolean[perm.length];
    for (long p : perm) {
      if (p < 0 || p >= perm.length || seen[(int) p]) {
        return "the permutation " + Arrays.toString(perm) + " is not one of the input's dimensions";
      }
      seen[(int) p] = true;
    }
    return null;
  }

  private static int[] transposeShape(Operator op) {
    long[] perm = constantInts(op.input(1));
    Shape in = op.input(0).shape();
    if (perm == null || perm.length != in.rank()) {
      return null;
    }
    int[] out = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      out[i] = in.dim((int) perm[i]);
    }
    return out;
  }

  private static int[] padShape(Operator op) {
    long[] pads = constantInts(op.input(1));
    Shape in = op.input(0).shape();
    if (pads == null || pads.length != 2L * in.rank()) {
      return null;
    }
    int[] out = new int[in.rank()];
    for (int i = 0; i < out.length; i++) {
      long d = in.dim(i) < 0 ? -1 : in.dim(i) + pads[2 * i] + pads[2 * i + 1];
      if (pads[2 * i] < 0 || pads[2 * i + 1] < 0) {
        return null; // negative paddings: LiteRT refuses them itself
      }
      out[i] = (int) Math.min(d, Integer.MAX_VALUE);
    }
    return out;
  }

  private static int[] blocks(Operator op, boolean toDepth) {
    int b = op.options() instanceof OpOptions.SpaceToDepth s ? s.blockSize()
        : op.options() instanceof OpOptions.DepthToSpace d ? d.blockSize() : 0;
    Shape in = op.input(0).shape();
    if (b < 1 || in.rank() != 4) {
      return null;
    }
    int h = in.dim(1);
    int w = in.dim(2);
    int c = in.dim(3);
    return toDepth ? new int[] {in.dim(0), h < 0 ? -1 : h / b, w < 0 ? -1 : w / b, c < 0 ? -1 : c * b * b}
        : new int[] {in.dim(0), h < 0 ? -1 : h * b, w < 0 ? -1 : w * b, c < 0 ? -1 : c / (b * b)};
  }

  private static int[] resizeShape(Operator op) {
    long[] size = constantInts(op.input(1));
    Shape in = op.input(0).shape();
    if (size == null || size.length != 2 || in.rank() != 4) {
      return null;
    }
    if (size[0] < 1 || size[1] < 1 || size[0] > Integer.MAX_VALUE || size[1] > Integer.MAX_VALUE) {
      return new int[] {in.dim(0), 0, 0, in.dim(3)};
    }
    return new int[] {in.dim(0), (int) size[0], (int) size[1], in.dim(3)};
  }

  /** An int32/int64 constant's values; null if the tensor is computed or of another type. */
  private static long[] constantInts(Tensor t) {
    return t != null && t.isConstant() && INTEGER_INDEX.contains(t.type()) ? t.constantLongs() : null;
  }

  // ---- reusable checks

  /** Strides and dilations as the conv and pool kernels bound them. */
  private static String window(int strideW, int strideH, int dilationW, int dilationH) {
    if (strideW < 1 || strideH < 1 || strideW > INT16_MAX || strideH > INT16_MAX) {
      return "strides " + strideW + "x" + strideH + " are not between 1 and " + INT16_MAX;
    }
    if (dilationW < 1 || dilationH < 1 || dilationW > INT16_MAX || dilationH > INT16_MAX) {
      return "dilations " + dilationW + "x" + dilationH + " are not between 1 and " + INT16_MAX;
    }
    return null;
  }

  private static String biasMatches(Operator op, int index, int channels) {
    if (index >= op.inputs().size() || op.input(index) == null || channels < 0) {
      return null;
    }
    Shape bias = op.input(index).shape();
    return bias.isStatic() && bias.numElements() != channels
        ? "the bias " + bias + " does not hold one value per output channel (" + channels + ")" : null;
  }

  /** Dimension {@code axis} of input {@code index}; -1 when dynamic or when the rank is short. */
  private static int dim(Operator op, int index, int axis) {
    Shape s = op.input(index).shape();
    return axis < s.rank() ? s.dim(axis) : -1;
  }

  private static Check rank(int index, int rank) {
    return op -> present(op, index) && op.input(index).shape().rank() != rank
        ? "input " + index + " has rank " + op.input(index).shape().rank() + "; " + op.op() + " needs rank " + rank
        : null;
  }

  private static Check rankBetween(int index, int min, int max) {
    return op -> {
      int r = present(op, index) ? op.input(index).shape().rank() : min;
      return r < min || r > max ? "input " + index + " has rank " + r + "; " + op.op() + " needs rank " + min
          + " to " + max : null;
    };
  }

  private static Check minRank(int index, int min) {
    return rankBetween(index, min, Integer.MAX_VALUE);
  }

  private static Check maxRank(int index, int max) {
    return rankBetween(index, 0, max);
  }

  private static Check length(int index, int n) {
    return op -> {
      Shape s = op.input(index).shape();
      return s.rank() == 1 && s.dim(0) >= 0 && s.dim(0) != n ? "input " + index + " " + s + " must hold " + n
          + " values" : null;
    };
  }

  private static Check lengthIsRankOf(int index, int of) {
    return op -> {
      Shape s = op.input(index).shape();
      int rank = op.input(of).shape().rank();
      return s.rank() == 1 && s.dim(0) >= 0 && s.dim(0) != rank ? "input " + index + " " + s
          + " must hold one value per dimension of input " + of + " (" + rank + ")" : null;
    };
  }

  private static Check sameLength(int a, int b) {
    return op -> {
      int x = dim(op, a, 0);
      int y = dim(op, b, 0);
      return x >= 0 && y >= 0 && x != y ? "inputs " + a + " and " + b + " hold " + x + " and " + y + " values" : null;
    };
  }

  private static Check elementsAtMost(int index, int n) {
    return op -> {
      Shape s = op.input(index).shape();
      return s.isStatic() && s.numElements() > n ? "input " + index + " " + s + " must be a scalar" : null;
    };
  }

  private static Check paddings(int index) {
    return op -> {
      Shape p = op.input(index).shape();
      int rank = op.input(0).shape().rank();
      if (p.rank() != 2) {
        return "the paddings (input " + index + ") have rank " + p.rank() + ", not 2";
      }
      return p.dim(0) >= 0 && p.dim(0) != rank || p.dim(1) >= 0 && p.dim(1) != 2
          ? "the paddings " + p + " are not [" + rank + ", 2] for a rank-" + rank + " input" : null;
    };
  }

  private static Check sameShape(int index) {
    return op -> {
      Shape in = op.input(index).shape();
      Shape out = op.output(0).shape();
      if (in.rank() != out.rank()) {
        return "the output " + out + " and input " + index + " " + in + " differ in rank";
      }
      for (int d = 0; d < in.rank(); d++) {
        if (in.dim(d) >= 0 && out.dim(d) >= 0 && in.dim(d) != out.dim(d)) {
          return "the output " + out + " and input " + index + " " + in + " differ";
        }
      }
      return null;
    };
  }

  /** Static dimensions of the two inputs broadcast (equal, or one of them 1), up to rank 6. */
  private static Check broadcasts() {
    return op -> {
      Shape a = op.input(0).shape();
      Shape b = op.input(1).shape();
      if (a.rank() > 6 || b.rank() > 6) {
        return "inputs of rank " + Math.max(a.rank(), b.rank()) + " exceed the 6 dimensions LiteRT broadcasts";
      }
      for (int i = 1; i <= Math.min(a.rank(), b.rank()); i++) {
        int x = a.dim(-i);
        int y = b.dim(-i);
        if (x >= 0 && y >= 0 && x != y && x != 1 && y != 1) {
          return "inputs " + a + " and " + b + " do not broadcast";
        }
      }
      return null;
    };
  }

  private static Check allInputsLikeFirst() {
    return op -> {
      Tensor first = op.input(0);
      for (int i = 1; i < op.inputs().size(); i++) {
        Tensor t = op.input(i);
        if (t.type() != first.type() || t.shape().rank() != first.shape().rank()) {
          return "input " + i + " " + t.type() + t.shape() + " is not like input 0 " + first.type() + first.shape();
        }
        for (int d = 0; d < t.shape().rank(); d++) {
          int x = t.shape().dim(d);
          int y = first.shape().dim(d);
          if (x >= 0 && y >= 0 && x != y) {
            return "input " + i + " " + t.shape() + " and input 0 " + first.shape() + " differ";
          }
        }
      }
      return null;
    };
  }

  private static Check sameInputTypes(int a, int b) {
    return op -> op.input(a).type() != op.input(b).type()
        ? "inputs " + a + " and " + b + " are " + op.input(a).type() + " and " + op.input(b).type() : null;
  }

  private static Check sameTypeAsInput(int index) {
    return op -> op.output(0).type() != op.input(index).type() && !quantizedPair(op.output(0), op.input(index))
        ? "the output is " + op.output(0).type() + " but input " + index + " is " + op.input(index).type() : null;
  }

  /** Dynamic-range and hybrid kernels read int8 weights with float activations. */
  private static boolean quantizedPair(Tensor out, Tensor in) {
    return out.type() == DataType.FLOAT32 && in.isConstant() && in.type() == DataType.INT8;
  }

  private static Check inputType(int index, DataType type) {
    return op -> op.input(index).type() != type
        ? "input " + index + " is " + op.input(index).type() + ", not " + type : null;
  }

  private static Check outputType(int index, DataType type) {
    return op -> op.output(index).type() != type
        ? "output " + index + " is " + op.output(index).type() + ", not " + type : null;
  }

  private static Check outputIn(int index, Set<DataType> types) {
    return op -> types.contains(op.output(index).type()) ? null
        : "output " + index + " is " + op.output(index).type() + ", not one of " + types;
  }

  private static boolean present(Operator op, int index) {
    return index < op.inputs().size() && op.input(index) != null;
  }

  private static Builder rule(int inputs, int outputs) {
    return rule(inputs, inputs, outputs, outputs);
  }

  private static Builder rule(int minInputs, int maxInputs, int minOutputs, int maxOutputs) {
    return new Builder(minInputs, maxInputs, minOutputs, maxOutputs);
  }

  private static final class Builder {
    private final int minInputs;
    private final int maxInputs;
    private final int minOutputs;
    private final int maxOutputs;
    private Set<Integer> optional = Set.of();
    private boolean needsOptions;
    private final List<Check> checks = new ArrayList<>();

    Builder(int minInputs, int maxInputs, int minOutputs, int maxOutputs) {
      this.minInputs = minInputs;
      this.maxInputs = maxInputs;
      this.minOutputs = minOutputs;
      this.maxOutputs = maxOutputs;
    }

    Builder optional(Integer... indices) {
      optional = Set.of(indices);
      return this;
    }

    Builder needsOptions() {
      needsOptions = true;
      return this;
    }

    Builder check(Check c) {
      checks.add(c);
      return this;
    }

    Rule build() {
      return new Rule(minInputs, maxInputs, minOutputs, maxOutputs, optional, needsOptions, List.copyOf(checks));
    }
  }
}
