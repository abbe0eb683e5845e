package io.litertj.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal table writer for tests that need index files TensorFlow would never write: odd block
 * layouts, compression flags, hostile entries. Real TensorFlow output is tested separately.
 */
final class TestTables {

  private TestTables() {}

  static byte[] write(List<TableEntry> entries, int blockSize, int restartInterval, byte compression) {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    List<TableEntry> index = new ArrayList<>();
    List<TableEntry> pending = new ArrayList<>();
    int pendingBytes = 0;
    for (TableEntry entry : entries) {
      pending.add(entry);
      pendingBytes += entry.key().length + entry.value().length;
      if (pendingBytes >= blockSize) {
        index.add(new TableEntry(pending.get(pending.size() - 1).key(), handle(writeBlock(file, pending,
            restartInterval, compression))));
        pending.clear();
        pendingBytes = 0;
      }
    }
    if (!pending.isEmpty()) {
      index.add(new TableEntry(pending.get(pending.size() - 1).key(), handle(writeBlock(file, pending,
          restartInterval, compression))));
    }
    long[] metaindex = writeBlock(file, List.of(), 1, compression);
    long[] indexHandle = writeBlock(file, index, 1, compression);
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    footer.writeBytes(handle(metaindex));
    footer.writeBytes(handle(indexHandle));
    byte[] padded = Arrays.copyOf(footer.toByteArray(), Footer.SIZE - 8);
    file.writeBytes(padded);
    file.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(Footer.MAGIC).array());
    return file.toByteArray();
  }

  static byte[] block(List<TableEntry> entries, int restartInterval) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> restarts = new ArrayList<>();
    byte[] previous = new byte[0];
    for (int i = 0; i < entries.size(); i++) {
      byte[] key = entries.get(i).key();
      int shared = 0;
      if (i % restartInterval == 0) {
        restarts.add(out.size());
      } else {
        while (shared < previous.length && shared < key.length && previous[shared] == key[shared]) {
          shared++;
        }
      }
      out.writeBytes(varint(shared));
      out.writeBytes(varint(key.length - shared));
      out.writeBytes(varint(entries.get(i).value().length));
      out.write(key, shared, key.length - shared);
      out.writeBytes(entries.get(i).value());
      previous = key;
    }
    if (restarts.isEmpty()) {
      restarts.add(0);
    }
    for (int restart : restarts) {
      out.writeBytes(fixed32(restart));
    }
    out.writeBytes(fixed32(restarts.size()));
    return out.toByteArray();
  }

  private static long[] writeBlock(ByteArrayOutputStream file, List<TableEntry> entries, int restartInterval,
      byte compression) {
    byte[] contents = block(entries, restartInterval);
    long offset = file.size();
    file.writeBytes(contents);
    file.write(compression);
    file.writeBytes(fixed32(Crc32c.mask(Crc32c.of(ByteBuffer.wrap(contents), compression))));
    return new long[] {offset, contents.length};
  }

  private static byte[] handle(long[] handle) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(varint(handle[0]));
    out.writeBytes(varint(handle[1]));
    return out.toByteArray();
  }

  static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }

  static byte[] fixed32(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }
}
