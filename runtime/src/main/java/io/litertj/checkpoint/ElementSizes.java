package io.litertj.checkpoint;

import org.tensorflow.proto.DataType;

/** Bytes per element of the dtypes a checkpoint stores as plain little-endian arrays. */
final class ElementSizes {

  /** Returned for dtypes without a fixed element size (strings) or with no plain layout (resources). */
  static final int NOT_FIXED = -1;

  private ElementSizes() {}

  static int of(DataType dtype) {
    return switch (dtype) {
      // TensorFlow keeps 4-bit integers one per byte in memory, and the bundle writes memory as is.
      case DT_BOOL, DT_INT8, DT_UINT8, DT_QINT8, DT_QUINT8, DT_FLOAT8_E5M2, DT_FLOAT8_E4M3FN, DT_INT4, DT_UINT4 -> 1;
      case DT_INT16, DT_UINT16, DT_QINT16, DT_QUINT16, DT_HALF, DT_BFLOAT16 -> 2;
      case DT_FLOAT, DT_INT32, DT_UINT32, DT_QINT32 -> 4;
      case DT_DOUBLE, DT_INT64, DT_UINT64, DT_COMPLEX64 -> 8;
      case DT_COMPLEX128 -> 16;
      default -> NOT_FIXED;
    };
  }
}
