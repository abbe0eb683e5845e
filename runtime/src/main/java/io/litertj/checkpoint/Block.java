package io.litertj.checkpoint;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Decodes the entries of one table block. Keys are prefix-compressed: each entry stores how many
 * bytes it shares with the previous key, then the rest. Every few entries a "restart point" stores
 * its key whole; the block ends with the offsets of those points and their count. The restart
 * array is checked against the entries, which catches most corruption the CRC would miss.
 */
final class Block {

  /** Prefix compression lets a small block expand to huge keys; real blocks stay far below this. */
  static final long MAX_KEY_BYTES = 64L << 20;

  private Block() {}

  /**
   * Calls {@code sink} with each entry of the block, in order.
   *
   * @param contents the block contents without the trailer, from position 0 to its limit
   * @param what the block's description for error messages
   */
  static void decode(ByteBuffer contents, Path file, String what, Consumer<TableEntry> sink) {
    int size = contents.limit();
    if (size < 4) {
      throw CheckpointErrors.corrupt(file, what + ": " + size + " bytes cannot hold the restart count");
    }
    long restartCount = Integer.toUnsignedLong(new ByteCursor(contents.slice(size - 4, 4), file, what).fixed32());
    if (restartCount > (size - 4) / 4) {
      throw CheckpointErrors.corrupt(file, what + ": " + restartCount + " restart points do not fit in " + size
          + " bytes");
    }
    int entriesEnd = size - 4 - (int) restartCount * 4;
    int[] restarts = readRestarts(contents, entriesEnd, (int) restartCount, file, what);

    ByteCursor cursor = new ByteCursor(contents.slice(0, entriesEnd), file, what);
    byte[] previous = new byte[0];
    long keyBytes = 0;
    int nextRestart = 0;
    while (cursor.hasRemaining()) {
      int start = cursor.position();
      int shared = cursor.varintLength("shared key length");
      int unshared = cursor.varintLength("unshared key length");
      int valueLength = cursor.varintLength("value length");
      boolean isRestart = nextRestart < restarts.length && restarts[nextRestart] == start;
      if (nextRestart < restarts.length && restarts[nextRestart] < start) {
        throw CheckpointErrors.corrupt(file, what + ": restart point " + restarts[nextRestart]
            + " is not at the start of an entry");
      }
      if (isRestart && shared != 0) {
        throw CheckpointErrors.corrupt(file, what + ": the entry at restart point " + start
            + " shares a key prefix; restart entries must store the whole key");
      }
      if (start == 0 && !isRestart) {
        throw CheckpointErrors.corrupt(file, what + ": the first entry is not a restart point");
      }
      if (shared > previous.length) {
        throw CheckpointErrors.corrupt(file, what + ": the entry at byte " + start + " shares " + shared
            + " bytes with a previous key of " + previous.length + " bytes");
      }
      keyBytes += (long) shared + unshared;
      if (keyBytes > MAX_KEY_BYTES) {
        throw CheckpointErrors.corrupt(file, what + ": the keys add up to more than " + MAX_KEY_BYTES + " bytes");
      }
      byte[] suffix = cursor.bytes(unshared, "key");
      byte[] key = Arrays.copyOf(previous, shared + unshared);
      System.arraycopy(suffix, 0, key, shared, unshared);
      byte[] value = cursor.bytes(valueLength, "value");
      sink.accept(new TableEntry(key, value));
      previous = key;
      if (isRestart) {
        nextRestart++;
      }
    }
    if (nextRestart < restarts.length) {
      throw CheckpointErrors.corrupt(file, what + ": restart point " + restarts[nextRestart]
          + " is not at the start of an entry");
    }
  }

  private static int[] readRestarts(ByteBuffer contents, int entriesEnd, int count, Path file, String what) {
    ByteCursor cursor = new ByteCursor(contents.slice(entriesEnd, count * 4), file, what + " restart array");
    int[] restarts = new int[count];
    long previous = -1;
    for (int i = 0; i < count; i++) {
      long offset = Integer.toUnsignedLong(cursor.fixed32());
      // An empty block still carries one restart point at offset 0.
      boolean emptyBlockRestart = entriesEnd == 0 && offset == 0 && i == 0;
      if (offset <= previous || (offset >= entriesEnd && !emptyBlockRestart)) {
        throw CheckpointErrors.corrupt(file, what + ": restart point " + i + " has offset " + offset
            + ", outside the " + entriesEnd + " bytes of entries or out of order");
      }
      restarts[i] = (int) offset;
      previous = offset;
    }
    return entriesEnd == 0 ? new int[0] : restarts;
  }
}
