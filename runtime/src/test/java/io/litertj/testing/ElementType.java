package io.litertj.testing;

/**
 * The element types that the conformance oracles exchange.
 *
 * <p>{@link #STRING} exists only so that a signature with a string input (a {@code tf.Example}, say)
 * can be listed; {@link TensorData} cannot hold strings.
 */
public enum ElementType {
  FLOAT32(4, Kind.FLOATING),
  FLOAT16(2, Kind.FLOATING),
  FLOAT64(8, Kind.FLOATING),
  INT32(4, Kind.INTEGER),
  INT64(8, Kind.INTEGER),
  INT16(2, Kind.INTEGER),
  INT8(1, Kind.INTEGER),
  UINT8(1, Kind.INTEGER),
  BOOL(1, Kind.BOOLEAN),
  STRING(-1, Kind.OTHER);

  private enum Kind { FLOATING, INTEGER, BOOLEAN, OTHER }

  private final int byteSize;
  private final Kind kind;

  ElementType(int byteSize, Kind kind) {
    this.byteSize = byteSize;
    this.kind = kind;
  }

  /** Bytes per element, or -1 for {@link #STRING} (variable length). */
  public int byteSize() {
    return byteSize;
  }

  /** True for FLOAT16, FLOAT32 and FLOAT64: compared with a tolerance. */
  public boolean isFloating() {
    return kind == Kind.FLOATING;
  }

  /** True for the integer types and BOOL: compared exactly. */
  public boolean isExact() {
    return kind == Kind.INTEGER || kind == Kind.BOOLEAN;
  }

  /** True for the signed and unsigned integer types (not BOOL). */
  public boolean isInteger() {
    return kind == Kind.INTEGER;
  }

  /** True if {@link TensorData} can hold this type (every type but STRING). */
  public boolean hasFixedSize() {
    return byteSize > 0;
  }
}
