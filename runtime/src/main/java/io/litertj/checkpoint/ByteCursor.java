package io.litertj.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Bounds-checked reading of LevelDB's little-endian fixed-width integers and base-128 varints from
 * a window of a buffer. Every read past the window or malformed varint becomes a corruption error
 * naming the file and the structure being read, never an IndexOutOfBoundsException.
 */
final class ByteCursor {

  private final ByteBuffer buffer;
  private final int limit;
  private final Path file;
  private final String what;
  private int position;

  /**
   * @param buffer the bytes; the cursor reads from its position to its limit, absolute indexing
   * @param file the file the bytes come from, for error messages
   * @param what the structure being read, e.g. "index block at offset 1234"
   */
  ByteCursor(ByteBuffer buffer, Path file, String what) {
    this.buffer = buffer;
    this.position = buffer.position();
    this.limit = buffer.limit();
    this.file = file;
    this.what = what;
  }

  int position() {
    return position;
  }

  int remaining() {
    return limit - position;
  }

  boolean hasRemaining() {
    return position < limit;
  }

  /** An unsigned varint of at most 64 bits. */
  long varint64() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= limit) {
        throw error("truncated varint at byte " + position);
      }
      int b = buffer.get(position++) & 0xff;
      // The tenth byte may only carry the single remaining bit of a 64-bit value.
      if (shift == 63 && b > 1) {
        throw error("varint overflows 64 bits at byte " + (position - 1));
      }
      result |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        return result;
      }
    }
    throw error("varint longer than 10 bytes at byte " + position);
  }

  /** A varint that is a length or count within this window, so it must fit an int. */
  int varintLength(String name) {
    int at = position;
    long value = varint64();
    if (value > Integer.MAX_VALUE) {
      throw error(name + " " + Long.toUnsignedString(value) + " at byte " + at + " is out of range");
    }
    return (int) value;
  }

  int fixed32() {
    need(4, "32-bit integer");
    int value = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(position);
    position += 4;
    return value;
  }

  long fixed64() {
    need(8, "64-bit integer");
    long value = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(position);
    position += 8;
    return value;
  }

  /** Copies the next {@code n} bytes. */
  byte[] bytes(int n, String name) {
    need(n, name);
    byte[] out = new byte[n];
    buffer.get(position, out);
    position += n;
    return out;
  }

  /** A view of the next {@code n} bytes, positioned at 0; no copy. */
  ByteBuffer slice(int n, String name) {
    need(n, name);
    ByteBuffer out = buffer.slice(position, n);
    position += n;
    return out;
  }

  private void need(int n, String name) {
    if (n < 0 || n > remaining()) {
      throw error(name + " of " + n + " bytes at byte " + position + " runs past the end (" + remaining()
          + " bytes left)");
    }
  }

  private RuntimeException error(String detail) {
    return CheckpointErrors.corrupt(file, what + ": " + detail);
  }
}
