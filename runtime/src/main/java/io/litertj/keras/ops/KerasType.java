package io.litertj.keras.ops;

import io.litertj.ir.DataType;

/**
 * Keras 3's dtypes as far as LiteRT computes them, in the order of Keras's type promotion lattice
 * (adapted from JAX). Python scalars are weakly typed: {@code x + 3} keeps an int32 {@code x}
 * int32, {@code x + 3.0} makes it float32. Restricted to these types the lattice is a chain, so the
 * promoted type of several operands is the largest of them.
 */
enum KerasType {
  BOOL(DataType.BOOL),
  WEAK_INT(DataType.INT32),
  INT32(DataType.INT32),
  INT64(DataType.INT64),
  WEAK_FLOAT(DataType.FLOAT32),
  FLOAT32(DataType.FLOAT32);

  private final DataType dataType;

  KerasType(DataType dataType) {
    this.dataType = dataType;
  }

  /** The LiteRT type a value of this type gets (weak types resolve to 32 bits, as Keras's floatx). */
  DataType dataType() {
    return dataType;
  }

  boolean isFloat() {
    return this == WEAK_FLOAT || this == FLOAT32;
  }

  boolean isInteger() {
    return this == WEAK_INT || this == INT32 || this == INT64;
  }

  /** The type of a graph tensor, or null for one Keras operations here cannot take. */
  static KerasType of(DataType type) {
    return switch (type) {
      case BOOL -> BOOL;
      case INT32 -> INT32;
      case INT64 -> INT64;
      case FLOAT32 -> FLOAT32;
      default -> null;
    };
  }

  /** Keras's {@code result_type} of the operands, resolved to a LiteRT type. */
  static DataType promote(KerasType... types) {
    KerasType out = types[0];
    for (KerasType t : types) {
      out = t.ordinal() > out.ordinal() ? t : out;
    }
    return out.dataType();
  }

  /**
   * A Keras dtype name as LiteRT holds it, or null when LiteRT cannot compute it like Keras
   * (float16 and bfloat16 arithmetic, 8- and 16-bit integers that would wrap differently).
   */
  static DataType parse(String dtype) {
    return switch (dtype) {
      case "float32" -> DataType.FLOAT32;
      case "int32" -> DataType.INT32;
      case "int64" -> DataType.INT64;
      case "bool" -> DataType.BOOL;
      default -> null;
    };
  }
}
