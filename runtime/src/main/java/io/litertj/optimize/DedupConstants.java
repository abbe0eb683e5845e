package io.litertj.optimize;

import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.ir.TransposedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes operators share one tensor for identical constants (same type, shape, quantization and
 * bytes), such as the zero biases the legalizer gives every conv, or a shape vector used by many
 * reshapes. Only tensors that agree on everything but the bytes are compared, and bytes are
 * hashed before they are compared, so unrelated weights are never compared. Subgraph outputs keep
 * their own tensors.
 *
 * <p>The hash is blind to element order (a sum of mixed elements), so a lazy transposed view is
 * hashed from its source, without computing the transpose; each constant is hashed once, not once
 * per optimizer round; and only constants with equal hashes are materialized to compare bytes.
 */
final class DedupConstants implements SubgraphPass {

  private record Kind(DataType type, Shape shape, QuantizationParams quantization, long bytes) {}

  /** Hash of a constant's elements, with the element size it was computed for. */
  private record Hash(int unit, long value) {}

  /** Hashes of the constants of the graph last run on, by identity; kept across rounds. */
  private Map<ConstantData, Hash> hashes = new IdentityHashMap<>();

  @Override
  public String name() {
    return "dedup-constants";
  }

  @Override
  public boolean run(Subgraph g) {
    Map<Kind, List<Tensor>> kinds = new LinkedHashMap<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Operator op : g.operators()) {
      for (Tensor t : op.inputs()) {
        if (t != null && t.isConstant() && seen.add(t)) {
          kinds.computeIfAbsent(new Kind(t.type(), t.shape(), t.quantization(), t.data().byteSize()),
              k -> new ArrayList<>()).add(t);
        }
      }
    }
    Map<ConstantData, Hash> known = hashes;
    hashes = new IdentityHashMap<>();
    for (Tensor t : seen) {
      Hash h = known.get(t.data());
      if (h != null) {
        hashes.put(t.data(), h);
      }
    }
    Map<Tensor, Tensor> replacement = new IdentityHashMap<>();
    for (List<Tensor> same : kinds.values()) {
      if (same.size() > 1) {
        findDuplicates(same, replacement);
      }
    }
    if (replacement.isEmpty()) {
      return false;
    }
    for (Operator op : g.operators()) {
      for (int i = 0; i < op.inputs().size(); i++) {
        Tensor canonical = replacement.get(op.input(i));
        if (canonical != null) {
          op.setInput(i, canonical);
        }
      }
    }
    return true;
  }

  /** Maps each tensor whose bytes equal an earlier one's to that earlier (canonical) tensor. */
  private void findDuplicates(List<Tensor> same, Map<Tensor, Tensor> replacement) {
    Map<Long, List<Tensor>> byHash = new LinkedHashMap<>();
    for (Tensor t : same) {
      List<Tensor> bucket = byHash.computeIfAbsent(hashOf(t), h -> new ArrayList<>());
      Tensor canonical = null;
      for (Tensor c : bucket) {
        if (sameBytes(c.data(), t.data())) {
          canonical = c;
          break;
        }
      }
      if (canonical != null) {
        replacement.put(t, canonical);
      } else {
        bucket.add(t);
      }
    }
  }

  private long hashOf(Tensor t) {
    int unit = t.type().byteSize() > 0 ? t.type().byteSize() : 1;
    if (t.data().byteSize() % unit != 0) {
      unit = 1;
    }
    Hash h = hashes.get(t.data());
    if (h == null || h.unit() != unit) {
      h = new Hash(unit, elementHash(t.data(), unit));
      hashes.put(t.data(), h);
    }
    return h.value();
  }

  /** Lazy constants compute their bytes on each call: only equal hashes get here. */
  private static boolean sameBytes(ConstantData a, ConstantData b) {
    return a == b || a.bytes().equals(b.bytes());
  }

  /**
   * A hash of the multiset of {@code unit}-byte elements: equal bytes give equal hashes, and so do
   * permutations of the elements, so a transposed view is hashed through its source.
   */
  static long elementHash(ConstantData data, int unit) {
    ConstantData d = data;
    while (d instanceof TransposedData t && t.elementSize() % unit == 0) {
      d = t.source();
    }
    ByteBuffer b = d.bytes().order(ByteOrder.LITTLE_ENDIAN);
    long sum = b.remaining();
    long[] chunk = new long[Math.min(CHUNK, b.remaining() / Long.BYTES)];
    LongBuffer longs = b.asLongBuffer();
    while (longs.hasRemaining()) {
      int n = Math.min(chunk.length, longs.remaining());
      longs.get(chunk, 0, n);
      sum += sumOfWords(chunk, n, unit);
    }
    for (int i = b.limit() - b.remaining() % Long.BYTES; i < b.limit(); i += unit) {
      long v = 0;
      for (int k = 0; k < unit; k++) {
        v |= (b.get(i + k) & 0xFFL) << (8 * k);
      }
      sum += mix(v);
    }
    return sum;
  }

  private static final int CHUNK = 1 << 14;

  /** Sum of mix(element) over the {@code unit}-byte elements packed in {@code n} little-endian longs. */
  private static long sumOfWords(long[] words, int n, int unit) {
    long sum = 0;
    switch (unit) {
      case 8 -> {
        for (int i = 0; i < n; i++) {
          sum += mix(words[i]);
        }
      }
      case 4 -> {
        for (int i = 0; i < n; i++) {
          sum += mix(words[i] & 0xFFFFFFFFL) + mix(words[i] >>> 32);
        }
      }
      default -> {
        long mask = unit == 2 ? 0xFFFFL : 0xFFL;
        int bits = unit * 8;
        for (int i = 0; i < n; i++) {
          long w = words[i];
          for (int s = 0; s < 64; s += bits) {
            sum += mix((w >>> s) & mask);
          }
        }
      }
    }
    return sum;
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
