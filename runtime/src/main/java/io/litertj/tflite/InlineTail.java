package io.litertj.tflite;

import java.util.List;

/**
 * Where inline constants go: still inside the flatbuffer (each is the {@code Buffer.data} vector
 * of its buffer, which every LiteRT version reads), but after all of the tables, so that the
 * tables can be built first in a small builder and the weights streamed to the file behind them.
 * Positions count from the end of the tables, which the builder pads to a multiple of 16. Each
 * vector is its 4-byte length then its bytes, placed so that the bytes are 16-byte aligned; the
 * file ends with the last one, as the official converter's inline files do.
 *
 * @param prefixPositions per buffer, where its length prefix starts (from the end of the tables),
 *                        or -1 for buffers that stay in the builder
 * @param size            the tail's length in bytes
 */
record InlineTail(long[] prefixPositions, long size) {

  /** Length prefix of a flatbuffer vector. */
  static final int PREFIX = Integer.BYTES;

  static InlineTail of(BufferTable buffers) {
    int alignment = BufferTable.ALIGNMENT;
    List<BufferTable.Entry> entries = buffers.entries();
    long[] prefixes = new long[entries.size()];
    long position = 0;
    for (int i = 0; i < prefixes.length; i++) {
      BufferTable.Entry e = entries.get(i);
      if (!inTail(e)) {
        prefixes[i] = -1;
        continue;
      }
      // The data, after the prefix, must start on a 16-byte boundary.
      position += Math.floorMod(alignment - PREFIX - position, alignment);
      prefixes[i] = position;
      position += PREFIX + e.size();
    }
    return new InlineTail(prefixes, position);
  }

  /** Constants go to the tail; the sentinel, empty constants and metadata stay in the builder. */
  static boolean inTail(BufferTable.Entry e) {
    return OffsetLayout.isOutOfLine(e);
  }

  /** Where each constant's bytes start in the file, given the length of the tables before the tail. */
  ConstantPlacement placement(long tablesSize) {
    long[] positions = new long[prefixPositions.length];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = prefixPositions[i] < 0 ? 0 : tablesSize + prefixPositions[i] + PREFIX;
    }
    return new ConstantPlacement(positions, true, tablesSize + size);
  }
}
