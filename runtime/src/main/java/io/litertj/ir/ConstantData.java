package io.litertj.ir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of a constant tensor, little-endian. Implementations may be views of a memory-mapped
 * checkpoint, or lazy transforms of one, so that weights are not copied onto the heap until they
 * are written out.
 */
public interface ConstantData {

  long byteSize();

  /**
   * The bytes as a read-only little-endian buffer positioned at 0. Views return the mapped memory
   * without copying; lazy transforms compute a fresh heap buffer on each call, so callers that
   * need the bytes repeatedly should keep the result.
   */
  ByteBuffer bytes();

  /** Writes the bytes at {@code target}'s position and advances it. */
  default void copyTo(ByteBuffer target) {
    target.put(bytes());
  }

  /** Constant data backed by an existing buffer (not copied). */
  static ConstantData of(ByteBuffer buffer) {
    return new BufferData(buffer);
  }

  static ConstantData of(byte[] bytes) {
    return new BufferData(ByteBuffer.wrap(bytes));
  }

  static ConstantData ofFloats(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return new BufferData(buffer);
  }

  static ConstantData ofInts(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asIntBuffer().put(values);
    return new BufferData(buffer);
  }

  static ConstantData ofLongs(long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asLongBuffer().put(values);
    return new BufferData(buffer);
  }

  /** A buffer-backed constant; keeps a read-only duplicate so callers cannot move its position. */
  final class BufferData implements ConstantData {
    private final ByteBuffer buffer;

    private BufferData(ByteBuffer buffer) {
      this.buffer = buffer.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public long byteSize() {
      return buffer.remaining();
    }

    @Override
    public ByteBuffer bytes() {
      return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
  }
}
