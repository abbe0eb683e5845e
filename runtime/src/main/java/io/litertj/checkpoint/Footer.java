package io.litertj.checkpoint;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The fixed-size tail of a LevelDB table: the handles of the metaindex and index blocks, zero
 * padding, then a magic number that tells a table from any other file.
 */
record Footer(BlockHandle metaindex, BlockHandle index) {

  static final int SIZE = 48;
  static final long MAGIC = 0xdb4775248b80fb57L;
  private static final int HANDLES_SIZE = SIZE - 8;

  /** Reads the footer at the end of {@code table}, the whole file's contents. */
  static Footer read(ByteBuffer table, Path file) {
    int length = table.limit();
    if (length < SIZE) {
      throw CheckpointErrors.corrupt(file, "the index file has " + length + " bytes, fewer than the " + SIZE
          + "-byte table footer; it is truncated or empty");
    }
    int start = length - SIZE;
    long magic = new ByteCursor(table.slice(start + HANDLES_SIZE, 8), file, "table footer").fixed64();
    if (magic != MAGIC) {
      throw CheckpointErrors.corrupt(file, String.format(
          "the index file does not end with the table magic number (found 0x%016x, expected 0x%016x): it is not a"
              + " TensorFlow checkpoint index, or it is truncated", magic, MAGIC));
    }
    ByteCursor handles = new ByteCursor(table.slice(start, HANDLES_SIZE), file, "table footer");
    Footer footer = new Footer(BlockHandle.decode(handles), BlockHandle.decode(handles));
    for (BlockHandle handle : new BlockHandle[] {footer.metaindex, footer.index}) {
      if (!handle.fitsBefore(start, SsTable.TRAILER_SIZE)) {
        throw CheckpointErrors.corrupt(file, "the footer points to a " + handle + " beyond the " + start
            + " bytes of blocks in the file");
      }
    }
    return footer;
  }
}
