package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.ir.ConstantData;
import io.litertj.ir.TransposedData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's {@code buffers}. Index 0 is the empty sentinel that every non-constant tensor points
 * at; constants with equal bytes share one buffer (found by size and a fingerprint, then
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

  private record Key(long size, long fingerprint) {}

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
    Key key = new Key(size, fingerprint(data));
    List<Integer> candidates = byContent.computeIfAbsent(key, k -> new ArrayList<>(1));
    for (int candidate : candidates) {
      if (ConstantData.sameBytes(entries.get(candidate).data(), data)) {
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

  /**
   * A cheap fingerprint: the size, the layout of a transposed view, and the first bytes of the
   * data it views. Weights that differ almost always differ there, so candidates are rare, and a
   * full comparison ({@link ConstantData#sameBytes}) settles them; nothing is transposed or read
   * in full. (A transposed view and a plain constant with equal bytes are not merged: rare, and
   * only a lost saving.)
   */
  static long fingerprint(ConstantData data) {
    long h = data.byteSize();
    ConstantData d = data;
    while (d instanceof TransposedData t) {
      h = h * 31 + java.util.Arrays.hashCode(t.permutation());
      h = h * 31 + java.util.Arrays.hashCode(t.sourceDims());
      h = h * 31 + t.elementSize();
      d = t.source();
    }
    ByteBuffer b = d.bytes();
    int n = Math.min(PREFIX_BYTES, b.remaining());
    for (int i = 0; i < n; i++) {
      h = h * 1_000_003L + (b.get(b.position() + i) & 0xFF);
    }
    return h;
  }

  private static final int PREFIX_BYTES = 256;

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
