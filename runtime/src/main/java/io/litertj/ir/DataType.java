package io.litertj.ir;

/**
 * Element types of tensors in the graph, with their LiteRT {@code TensorType} codes.
 */
public enum DataType {
  FLOAT32(0, 4),
  FLOAT16(1, 2),
  INT32(2, 4),
  UINT8(3, 1),
  INT64(4, 8),
  STRING(5, -1),
  BOOL(6, 1),
  INT16(7, 2),
  INT8(9, 1),
  FLOAT64(10, 8);

  private final int tfliteCode;
  private final int byteSize;

  DataType(int tfliteCode, int byteSize) {
    this.tfliteCode = tfliteCode;
    this.byteSize = byteSize;
  }

  /** The value of LiteRT's {@code TensorType} enum. */
  public int tfliteCode() {
    return tfliteCode;
  }

  /** Bytes per element; -1 for variable-length strings. */
  public int byteSize() {
    return byteSize;
  }

  public boolean isFloatingPoint() {
    return this == FLOAT32 || this == FLOAT16 || this == FLOAT64;
  }

  public boolean isInteger() {
    return this == INT8 || this == UINT8 || this == INT16 || this == INT32 || this == INT64;
  }

  public static DataType fromTfliteCode(int code) {
    for (DataType type : values()) {
      if (type.tfliteCode == code) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown LiteRT tensor type " + code);
  }
}
