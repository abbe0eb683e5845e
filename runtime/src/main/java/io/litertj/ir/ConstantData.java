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

  /**
   * Whether two constants hold the same bytes. Compares as little as it can: different sizes
   * differ at once; two transposed views with the same layout compare their sources, so nothing
   * is transposed; buffers stop at the first differing byte, and mapped weights are not copied.
   */
  static boolean sameBytes(ConstantData a, ConstantData b) {
    if (a == b) {
      return true;
    }
    if (a.byteSize() != b.byteSize()) {
      return false;
    }
    if (a instanceof TransposedData x && b instanceof TransposedData y && x.elementSize() == y.elementSize()
        && java.util.Arrays.equals(x.sourceDims(), y.sourceDims())
        && java.util.Arrays.equals(x.permutation(), y.permutation())) {
      return sameBytes(x.source(), y.source());
    }
    return a.bytes().mismatch(b.bytes()) < 0;
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
