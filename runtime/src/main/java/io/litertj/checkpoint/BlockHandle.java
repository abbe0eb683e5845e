package io.litertj.checkpoint;

/** Where a block lies in a table file: its contents' offset and size, without the 5-byte trailer. */
record BlockHandle(long offset, long size) {

  /** Decodes two varints; {@link #fitsBefore} then rejects values that are negative as signed numbers. */
  static BlockHandle decode(ByteCursor cursor) {
    long offset = cursor.varint64();
    long size = cursor.varint64();
    return new BlockHandle(offset, size);
  }

  /** Whether the block and its trailer lie within {@code [0, end)}, checked without overflow. */
  boolean fitsBefore(long end, int trailerSize) {
    return offset >= 0 && size >= 0 && offset <= end && size <= end - offset - trailerSize;
  }

  @Override
  public String toString() {
    return "block at offset " + offset + " (" + size + " bytes)";
  }
}
