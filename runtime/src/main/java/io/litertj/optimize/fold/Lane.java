package io.litertj.optimize.fold;

import io.litertj.ir.DataType;

/**
 * How a kernel computes on a type: FLOAT32 in float (as LiteRT does), FLOAT64 in double, every
 * integer type in long (wrapped to the type's width when written), BOOL as boolean.
 */
enum Lane {
  F32,
  F64,
  INT,
  BOOL;

  static Lane of(DataType type) {
    return switch (type) {
      case FLOAT32 -> F32;
      case FLOAT64 -> F64;
      case INT8, UINT8, INT16, INT32, INT64 -> INT;
      case BOOL -> BOOL;
      default -> throw new NotFoldable("no kernel computes on " + type);
    };
  }

  /** The operand's values as this lane's array: float[], double[], long[] or boolean[]. */
  static Object values(Operand operand) {
    return switch (of(operand.type())) {
      case F32 -> operand.floats();
      case F64 -> operand.doubles();
      case INT -> operand.longs();
      case BOOL -> operand.bools();
    };
  }

  static long min(DataType type) {
    return switch (type) {
      case INT8 -> Byte.MIN_VALUE;
      case UINT8, BOOL -> 0;
      case INT16 -> Short.MIN_VALUE;
      case INT32 -> Integer.MIN_VALUE;
      case INT64 -> Long.MIN_VALUE;
      default -> throw new NotFoldable(type + " is not an integer type");
    };
  }

  static long max(DataType type) {
    return switch (type) {
      case INT8 -> Byte.MAX_VALUE;
      case UINT8 -> 255;
      case BOOL -> 1;
      case INT16 -> Short.MAX_VALUE;
      case INT32 -> Integer.MAX_VALUE;
      case INT64 -> Long.MAX_VALUE;
      default -> throw new NotFoldable(type + " is not an integer type");
    };
  }
}
