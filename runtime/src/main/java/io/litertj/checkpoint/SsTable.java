package io.litertj.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a whole LevelDB-format sorted string table, the container of a checkpoint's
 * {@code .index} file: footer, index block, then every data block it points to. Each block's
 * masked CRC-32C is checked before its contents are trusted, and keys must come in strictly
 * increasing byte order.
 */
final class SsTable {

  /** Each block is followed by a compression-type byte and a masked CRC-32C. */
  static final int TRAILER_SIZE = 5;

  private static final byte NO_COMPRESSION = 0;
  private static final byte SNAPPY_COMPRESSION = 1;

  private final List<TableEntry> entries;
  private final int dataBlockCount;

  private SsTable(List<TableEntry> entries, int dataBlockCount) {
    this.entries = entries;
    this.dataBlockCount = dataBlockCount;
  }

  /** All entries of the table, in key order. */
  List<TableEntry> entries() {
    return entries;
  }

  /** How many data blocks the index block listed. */
  int dataBlockCount() {
    return dataBlockCount;
  }

  /** Maps {@code file} read-only and decodes all of it. */
  static SsTable read(Path file) {
    return decode(map(file), file);
  }

  /**
   * Decodes a table held in {@code table}, from position 0 to its limit. The metaindex block is not
   * read: it lists filters and statistics, which TensorFlow's writer leaves empty.
   */
  static SsTable decode(ByteBuffer table, Path file) {
    Footer footer = Footer.read(table, file);
    List<TableEntry> indexEntries = new ArrayList<>();
    Block.decode(blockContents(table, footer.index(), file, "index " + footer.index()), file,
        "index " + footer.index(), indexEntries::add);

    List<TableEntry> entries = new ArrayList<>();
    long[] keyBytes = {0};
    byte[] previousKey = null;
    for (TableEntry indexEntry : indexEntries) {
      BlockHandle handle = BlockHandle.decode(new ByteCursor(ByteBuffer.wrap(indexEntry.value()), file,
          "index block entry"));
      if (!handle.fitsBefore(table.limit() - Footer.SIZE, TRAILER_SIZE)) {
        throw CheckpointErrors.corrupt(file, "the index block points to a " + handle + " beyond the end of the"
            + " file");
      }
      String what = "data " + handle;
      int firstOfBlock = entries.size();
      Block.decode(blockContents(table, handle, file, what), file, what, entry -> {
        keyBytes[0] += entry.key().length;
        if (keyBytes[0] > Block.MAX_KEY_BYTES) {
          throw CheckpointErrors.corrupt(file, "the keys add up to more than " + Block.MAX_KEY_BYTES + " bytes");
        }
        entries.add(entry);
      });
      for (int i = firstOfBlock; i < entries.size(); i++) {
        byte[] key = entries.get(i).key();
        if (previousKey != null && Arrays.compareUnsigned(previousKey, key) >= 0) {
          throw CheckpointErrors.corrupt(file, "keys are out of order in the " + what);
        }
        previousKey = key;
      }
      // The index key separates blocks: it is at least the last key of the block it points to.
      if (previousKey != null && entries.size() > firstOfBlock
          && Arrays.compareUnsigned(previousKey, indexEntry.key()) > 0) {
        throw CheckpointErrors.corrupt(file, "the index key of the " + what + " is smaller than the block's last"
            + " key");
      }
    }
    return new SsTable(List.copyOf(entries), indexEntries.size());
  }

  /** The verified contents of one block, without its trailer. */
  private static ByteBuffer blockContents(ByteBuffer table, BlockHandle handle, Path file, String what) {
    // The caller has checked that the block and trailer lie inside the file, so these casts are safe.
    int offset = (int) handle.offset();
    int size = (int) handle.size();
    ByteBuffer contents = table.slice(offset, size);
    byte type = table.get(offset + size);
    int stored = new ByteCursor(table.slice(offset + size + 1, 4), file, what).fixed32();
    int actual = Crc32c.mask(Crc32c.of(contents, type));
    if (stored != actual) {
      throw CheckpointErrors.corrupt(file, String.format("CRC mismatch in the %s (stored 0x%08x, computed 0x%08x)",
          what, stored, actual));
    }
    if (type == SNAPPY_COMPRESSION) {
      return SnappyBlocks.uncompress(contents, file, what);
    }
    if (type != NO_COMPRESSION) {
      throw CheckpointErrors.corrupt(file, "the " + what + " has unknown compression type " + (type & 0xff));
    }
    return contents;
  }

  private static ByteBuffer map(Path file) {
    if (Files.isDirectory(file)) {
      throw CheckpointErrors.corrupt(file, "the checkpoint index is a directory, not a file");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw CheckpointErrors.corrupt(file, "the index file has " + size + " bytes; checkpoint indexes are far"
            + " smaller than 2 GiB");
      }
      // The mapping outlives the channel; the index is decoded once, so it is dropped soon after.
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    } catch (NoSuchFileException e) {
      throw CheckpointErrors.missing(file, "the checkpoint index file is missing", "a SavedModel's variables/"
          + " directory must hold variables.index next to the variables.data-* files; copy the whole SavedModel"
          + " directory", e);
    } catch (IOException e) {
      throw CheckpointErrors.unreadable(file, e);
    }
  }
}
