package io.litertj.legalize.math;

import static io.litertj.ir.DataType.BOOL;
import static io.litertj.ir.DataType.FLOAT32;
import static io.litertj.ir.DataType.INT16;
import static io.litertj.ir.DataType.INT32;
import static io.litertj.ir.DataType.INT64;
import static io.litertj.ir.DataType.INT8;
import static io.litertj.ir.DataType.UINT8;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.NodeContext;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which element types LiteRT's float and integer kernels (not the quantized ones) accept for the
 * ops of this package, and emission that rejects the rest with a clear error. The check runs after
 * emission because an op on constants is folded at conversion time and then needs no kernel
 * (integer shape arithmetic on INT64, say).
 */
public final class Kernels {

  private static final Map<BuiltinOp, Set<DataType>> SUPPORTED = new EnumMap<>(BuiltinOp.class);

  static {
    Set<DataType> f32 = EnumSet.of(FLOAT32);
    Set<DataType> numeric = EnumSet.of(FLOAT32, INT32, INT64);
    for (BuiltinOp op : List.of(BuiltinOp.RELU, BuiltinOp.RELU6, BuiltinOp.LEAKY_RELU, BuiltinOp.ELU,
        BuiltinOp.LOGISTIC, BuiltinOp.TANH, BuiltinOp.SOFTMAX, BuiltinOp.LOG_SOFTMAX, BuiltinOp.EXP, BuiltinOp.LOG,
        BuiltinOp.SQRT, BuiltinOp.RSQRT, BuiltinOp.SQUARE, BuiltinOp.FLOOR, BuiltinOp.CEIL, BuiltinOp.ROUND,
        BuiltinOp.SIN, BuiltinOp.COS, BuiltinOp.FULLY_CONNECTED, BuiltinOp.BATCH_MATMUL)) {
      SUPPORTED.put(op, f32);
    }
    for (BuiltinOp op : List.of(BuiltinOp.ADD, BuiltinOp.SUB, BuiltinOp.MUL, BuiltinOp.FLOOR_MOD, BuiltinOp.NEG,
        BuiltinOp.SUM, BuiltinOp.REDUCE_PROD, BuiltinOp.REDUCE_MAX, BuiltinOp.REDUCE_MIN, BuiltinOp.MEAN,
        BuiltinOp.LESS, BuiltinOp.LESS_EQUAL, BuiltinOp.GREATER, BuiltinOp.GREATER_EQUAL)) {
      SUPPORTED.put(op, numeric);
    }
    SUPPORTED.put(BuiltinOp.DIV, EnumSet.of(FLOAT32, INT32));
    SUPPORTED.put(BuiltinOp.FLOOR_DIV, EnumSet.of(FLOAT32, INT32));
    SUPPORTED.put(BuiltinOp.POW, EnumSet.of(FLOAT32, INT32));
    SUPPORTED.put(BuiltinOp.SQUARED_DIFFERENCE, EnumSet.of(FLOAT32, INT32));
    SUPPORTED.put(BuiltinOp.ADD_N, EnumSet.of(FLOAT32, INT32));
    SUPPORTED.put(BuiltinOp.ABS, EnumSet.of(FLOAT32, INT32));
    SUPPORTED.put(BuiltinOp.SIGN, EnumSet.of(FLOAT32, INT32));
    SUPPORTED.put(BuiltinOp.BITWISE_XOR, EnumSet.of(INT8, UINT8, INT16, INT32));
    SUPPORTED.put(BuiltinOp.RIGHT_SHIFT, EnumSet.of(INT8, UINT8, INT16, INT32));
    SUPPORTED.put(BuiltinOp.ATAN2, EnumSet.of(FLOAT32));
    SUPPORTED.put(BuiltinOp.TOPK_V2, EnumSet.of(FLOAT32, INT32, INT64, INT8, UINT8));
    SUPPORTED.put(BuiltinOp.SEGMENT_SUM, EnumSet.of(FLOAT32, INT32));
    for (BuiltinOp op : List.of(BuiltinOp.UNSORTED_SEGMENT_SUM, BuiltinOp.UNSORTED_SEGMENT_MAX,
        BuiltinOp.UNSORTED_SEGMENT_MIN, BuiltinOp.UNSORTED_SEGMENT_PROD)) {
      SUPPORTED.put(op, EnumSet.of(FLOAT32, INT32));
    }
    SUPPORTED.put(BuiltinOp.BUCKETIZE, EnumSet.of(FLOAT32, INT32, INT64));
    SUPPORTED.put(BuiltinOp.MAXIMUM, EnumSet.of(FLOAT32, INT32, INT64, INT16, INT8, UINT8));
    SUPPORTED.put(BuiltinOp.MINIMUM, EnumSet.of(FLOAT32, INT32, INT64, INT16, INT8, UINT8));
    SUPPORTED.put(BuiltinOp.EQUAL, EnumSet.of(FLOAT32, INT32, INT64, BOOL, INT8, UINT8));
    SUPPORTED.put(BuiltinOp.NOT_EQUAL, EnumSet.of(FLOAT32, INT32, INT64, BOOL, INT8, UINT8));
    SUPPORTED.put(BuiltinOp.ARG_MAX, EnumSet.of(FLOAT32, INT32, INT8, UINT8, BOOL));
    SUPPORTED.put(BuiltinOp.ARG_MIN, EnumSet.of(FLOAT32, INT32, INT8, UINT8, BOOL));
    SUPPORTED.put(BuiltinOp.SELECT, EnumSet.of(FLOAT32, INT32, INT64, BOOL, INT16, INT8, UINT8));
    SUPPORTED.put(BuiltinOp.SELECT_V2, EnumSet.of(FLOAT32, INT32, INT64, BOOL, INT16, INT8, UINT8));
    for (BuiltinOp op : List.of(BuiltinOp.LOGICAL_AND, BuiltinOp.LOGICAL_OR, BuiltinOp.LOGICAL_NOT,
        BuiltinOp.REDUCE_ANY, BuiltinOp.REDUCE_ALL)) {
      SUPPORTED.put(op, EnumSet.of(BOOL));
    }
  }

  private Kernels() {}

  /** Whether LiteRT has a kernel for {@code op} on {@code type} elements. */
  public static boolean supports(BuiltinOp op, DataType type) {
    Set<DataType> types = SUPPORTED.get(op);
    return types == null || types.contains(type);
  }

  /** The element types LiteRT's kernel of {@code op} takes, or null when this table does not restrict it. */
  public static Set<DataType> accepted(BuiltinOp op) {
    Set<DataType> types = SUPPORTED.get(op);
    return types == null ? null : java.util.Collections.unmodifiableSet(types);
  }

  /**
   * Emits {@code op}; when it is not folded away, fails unless LiteRT can run it on
   * {@code elementType} (the type of the operands that decide the kernel). Shape arithmetic on
   * values known up to dynamic dimensions is let through: its consumers usually resolve at
   * conversion time, and the op is then pruned as dead.
   */
  static Tensor emit(NodeContext ctx, BuiltinOp op, List<Tensor> inputs, DataType elementType, DataType outType,
      Shape outShape, OpOptions options) {
    Tensor out = ctx.emit(op, inputs, outType, outShape, options);
    if (!out.isConstant() && !supports(op, elementType) && !knownUpToDynamicDims(ctx, inputs)) {
      throw unsupported(ctx, op, elementType);
    }
    return out;
  }

  /** Whether every input is a constant or a node input whose values are known but for dynamic dims. */
  private static boolean knownUpToDynamicDims(NodeContext ctx, List<Tensor> inputs) {
    for (Tensor t : inputs) {
      if (t.isConstant()) {
        continue;
      }
      int index = ctx.inputs().indexOf(t);
      if (index < 0 || ctx.partialInts(index) == null) {
        return false;
      }
    }
    return true;
  }

  /** Emits an elementwise op whose output type is its operands' type. */
  static Tensor emit(NodeContext ctx, BuiltinOp op, List<Tensor> inputs, Shape outShape, OpOptions options) {
    DataType type = inputs.get(0).type();
    return emit(ctx, op, inputs, type, type, outShape, options);
  }

  static io.litertj.ConversionException unsupported(NodeContext ctx, BuiltinOp op, DataType type) {
    return ctx.error("on " + type + " values needs LiteRT's " + op + " kernel, which does not support " + type
        + " (it takes " + SUPPORTED.get(op) + ")", "cast the values to a supported type in the model");
  }
}
