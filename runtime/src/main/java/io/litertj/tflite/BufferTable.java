package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.ir.ConstantData;
import io.litertj.ir.TransposedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The model's {@code buffers}. Index 0 is the empty sentinel that every non-constant tensor points
 * at; constants with equal bytes share one buffer (found by size and a 64-bit content hash, then
 * confirmed byte by byte), so repeated weights are stored once.
 */
final class BufferTable {

  /** Alignment of constant data, inline or after the flatbuffer: lets LiteRT map weights in place. */
  static final int ALIGNMENT = 16;

  /**
   * One buffer. {@code data} is null for the sentinel; {@code alwaysInline} marks metadata, which
   * stays inside the flatbuffer even when constants are stored after it.
   */
  record Entry(ConstantData data, long size, boolean alwaysInline) {}

  private record Key(long size, long hash) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<Key, List<Integer>> byContent = new HashMap<>();
  private final Map<ConstantData, Integer> byIdentity = new IdentityHashMap<>();

  BufferTable() {
    entries.add(new Entry(null, 0, true));
  }

  /** The buffer for a constant, shared with any earlier constant of equal bytes. */
  int addShared(ConstantData data) {
    Integer known = byIdentity.get(data);
    if (known != null) {
      return known;
    }
    long size = data.byteSize();
    Key key = new Key(size, hash(data));
    List<Integer> candidates = byContent.computeIfAbsent(key, k -> new ArrayList<>(1));
    for (int candidate : candidates) {
      if (sameBytes(entries.get(candidate).data(), data)) {
        byIdentity.put(data, candidate);
        return candidate;
      }
    }
    int index = add(new Entry(data, size, false));
    candidates.add(index);
    byIdentity.put(data, index);
    return index;
  }

  /**
   * A buffer of its own. The official converter never shares the buffer of a constant that is
   * also a subgraph output; we follow it.
   */
  int addUnshared(ConstantData data) {
    return add(new Entry(data, data.byteSize(), false));
  }

  /** A metadata buffer (always inline). */
  int addMetadata(byte[] bytes) {
    return add(new Entry(ConstantData.of(bytes), bytes.length, true));
  }

  private int add(Entry entry) {
    entries.add(entry);
    return entries.size() - 1;
  }

  List<Entry> entries() {
    return entries;
  }

  int size() {
    return entries.size();
  }

  /** Bytes of all non-sentinel buffers, each padded to the alignment. */
  long alignedDataBytes() {
    long total = 0;
    for (Entry e : entries) {
      total += alignUp(e.size());
    }
    return total;
  }

  static long alignUp(long n) {
    return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  private static boolean sameBytes(ConstantData a, ConstantData b) {
    return a.bytes().equals(b.bytes());
  }

  /**
   * A hash of the multiset of the bytes (a sum of fixed random 64-bit values, one per byte value):
   * blind to order, so a lazy transposed view is hashed through its source, without computing the
   * transpose. Collisions (equal byte histograms) are settled by comparing bytes.
   */
  static long hash(ConstantData data) {
    ConstantData d = data;
    while (d instanceof TransposedData t) {
      d = t.source();
    }
    return hash(d.bytes());
  }

  static long hash(ByteBuffer bytes) {
    ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long s0 = b.remaining();
    long s1 = 0;
    long s2 = 0;
    long s3 = 0;
    LongBuffer longs = b.asLongBuffer();
    long[] chunk = new long[Math.min(HASH_CHUNK, longs.remaining())];
    long[] t = BYTE_VALUES;
    while (longs.hasRemaining()) {
      int n = Math.min(chunk.length, longs.remaining());
      longs.get(chunk, 0, n);
      for (int i = 0; i < n; i++) {
        long w = chunk[i];
        s0 += t[(int) w & 0xFF] + t[(int) (w >>> 32) & 0xFF];
        s1 += t[(int) (w >>> 8) & 0xFF] + t[(int) (w >>> 40) & 0xFF];
        s2 += t[(int) (w >>> 16) & 0xFF] + t[(int) (w >>> 48) & 0xFF];
        s3 += t[(int) (w >>> 24) & 0xFF] + t[(int) (w >>> 56) & 0xFF];
      }
    }
    for (int i = b.limit() - b.remaining() % Long.BYTES; i < b.limit(); i++) {
      s0 += t[b.get(i) & 0xFF];
    }
    return s0 + s1 + s2 + s3;
  }

  private static final int HASH_CHUNK = 1 << 14;

  /** One fixed random value per byte value (a fixed seed: the output must not depend on the run). */
  private static final long[] BYTE_VALUES = new SplittableRandom(0x5EED_B0FFL).longs(256).toArray();

  /** Checks that a constant delivers the bytes it announced: the layout was computed from the size. */
  static ByteBuffer checkedBytes(Entry entry) {
    ByteBuffer bytes = entry.data().bytes();
    if (bytes.remaining() != entry.size()) {
      throw new ConversionException("constant data announced " + entry.size() + " bytes but delivered "
          + bytes.remaining());
    }
    return bytes;
  }
}
