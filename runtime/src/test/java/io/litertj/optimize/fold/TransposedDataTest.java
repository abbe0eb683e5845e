package io.litertj.optimize.fold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.ConstantData;
import io.litertj.ir.TransposedData;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransposedDataTest {

  /** The obvious transpose, one element at a time: out[o] = src[offset of o's source index]. */
  private static byte[] naive(byte[] src, int[] dims, int[] perm, int elementSize) {
    int n = dims.length;
    int[] outDims = new int[n];
    for (int k = 0; k < n; k++) {
      outDims[k] = dims[perm[k]];
    }
    long[] strides = new long[n];
    long s = 1;
    for (int a = n - 1; a >= 0; a--) {
      strides[a] = s;
      s *= dims[a];
    }
    byte[] out = new byte[src.length];
    int count = src.length / elementSize;
    for (int o = 0; o < count; o++) {
      int rest = o;
      long from = 0;
      for (int k = n - 1; k >= 0; k--) {
        from += (rest % outDims[k]) * strides[perm[k]];
        rest /= outDims[k];
      }
      System.arraycopy(src, (int) from * elementSize, out, o * elementSize, elementSize);
    }
    return out;
  }

  private static byte[] random(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  private static byte[] viaBytes(ConstantData data) {
    ByteBuffer b = data.bytes();
    assertEquals(0, b.position());
    assertEquals(ByteOrder.LITTLE_ENDIAN, b.order());
    assertTrue(b.isReadOnly());
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @Test
  void hwioToOhwiMatchesNaive() {
    Random random = new Random(42);
    int[] dims = {3, 5, 7, 130};
    for (int elementSize : new int[] {1, 2, 4, 8}) {
      byte[] src = random(random, 3 * 5 * 7 * 130 * elementSize);
      int[] perm = {3, 0, 1, 2};
      TransposedData t = new TransposedData(ConstantData.of(src), dims, perm, elementSize);
      assertArrayEquals(new int[] {130, 3, 5, 7}, t.dims());
      assertArrayEquals(naive(src, dims, perm, elementSize), viaBytes(t), "element size " + elementSize);
    }
  }

  @Test
  void matrixTransposeMatchesNaive() {
    Random random = new Random(7);
    for (int[] dims : new int[][] {{300, 517}, {1, 9}, {9, 1}, {2, 1000}, {1000, 3}, {64, 64}}) {
      byte[] src = random(random, dims[0] * dims[1] * 4);
      TransposedData t = new TransposedData(ConstantData.of(src), dims, new int[] {1, 0}, 4);
      assertArrayEquals(naive(src, dims, new int[] {1, 0}, 4), viaBytes(t), java.util.Arrays.toString(dims));
    }
  }

  @Test
  void randomPermutationsOfRandomShapesMatchNaive() {
    Random random = new Random(1234);
    for (int trial = 0; trial < 200; trial++) {
      int rank = 1 + random.nextInt(5);
      int[] dims = new int[rank];
      long count = 1;
      for (int a = 0; a < rank; a++) {
        dims[a] = 1 + random.nextInt(random.nextBoolean() ? 3 : 40);
        count *= dims[a];
      }
      if (count > 200_000) {
        continue;
      }
      List<Integer> axes = new ArrayList<>();
      for (int a = 0; a < rank; a++) {
        axes.add(a);
      }
      Collections.shuffle(axes, random);
      int[] perm = axes.stream().mapToInt(Integer::intValue).toArray();
      int elementSize = new int[] {1, 2, 3, 4, 8, 12}[random.nextInt(6)];
      byte[] src = random(random, (int) count * elementSize);
      ConstantData t = TransposedData.of(ConstantData.of(src), dims, perm, elementSize);
      assertArrayEquals(naive(src, dims, perm, elementSize), viaBytes(t),
          java.util.Arrays.toString(dims) + " perm " + java.util.Arrays.toString(perm) + " x" + elementSize);
    }
  }

  /** Slices of every size, into heap and direct targets, put back together, are the whole output. */
  @Test
  void slicesConcatenateToTheWholeOutput() {
    Random random = new Random(99);
    int swaps = 0;
    for (int trial = 0; trial < 200; trial++) {
      int rank = 2 + random.nextInt(3);
      int[] dims = new int[rank];
      long count = 1;
      for (int a = 0; a < rank; a++) {
        dims[a] = 1 + random.nextInt(random.nextBoolean() ? 3 : 30);
        count *= dims[a];
      }
      List<Integer> axes = new ArrayList<>();
      for (int a = 0; a < rank; a++) {
        axes.add(a);
      }
      Collections.shuffle(axes, random);
      int[] perm = axes.stream().mapToInt(Integer::intValue).toArray();
      int elementSize = new int[] {1, 2, 4, 8, 16, 32}[random.nextInt(6)];
      byte[] src = random(random, (int) count * elementSize);
      ConstantData data = TransposedData.of(ConstantData.of(src), dims, perm, elementSize);
      if (!(data instanceof TransposedData t)) {
        continue;
      }
      int slices = t.slices();
      swaps += slices > 1 ? 1 : 0;
      java.nio.ByteBuffer out = random.nextBoolean() ? java.nio.ByteBuffer.allocate((int) t.byteSize())
          : java.nio.ByteBuffer.allocateDirect((int) t.byteSize());
      for (int first = 0; first < slices; ) {
        int n = Math.min(slices - first, 1 + random.nextInt(4));
        java.nio.ByteBuffer piece = java.nio.ByteBuffer.allocateDirect((int) (t.byteSize() / slices * n));
        t.copySlicesTo(first, n, piece);
        assertEquals(piece.capacity(), piece.position(), "advanced past the piece");
        out.put(piece.flip());
        first += n;
      }
      byte[] got = new byte[out.capacity()];
      out.flip().get(got);
      assertArrayEquals(naive(src, dims, perm, elementSize), got,
          java.util.Arrays.toString(dims) + " perm " + java.util.Arrays.toString(perm) + " x" + elementSize);
    }
    assertTrue(swaps > 50, "the trials must reach the sliced path: " + swaps);
  }

  @Test
  void copyToWritesAtTheTargetsPositionAndAdvancesIt() {
    Random random = new Random(5);
    int[] dims = {4, 3, 6, 10};
    int[] perm = {3, 0, 1, 2};
    byte[] src = random(random, 4 * 3 * 6 * 10 * 4);
    byte[] expected = naive(src, dims, perm, 4);
    for (ByteBuffer backing : new ByteBuffer[] {ByteBuffer.allocate(src.length + 40), ByteBuffer.allocateDirect(src.length + 40)}) {
      // A slice of a bigger buffer, written from an odd offset (not 4-aligned).
      backing.position(7);
      ByteBuffer target = backing.slice();
      target.position(5);
      new TransposedData(ConstantData.of(src), dims, perm, 4).copyTo(target);
      assertEquals(5 + src.length, target.position());
      byte[] written = new byte[src.length];
      target.get(5, written);
      assertArrayEquals(expected, written);
      byte[] before = new byte[12];
      backing.get(0, before);
      assertArrayEquals(new byte[12], before, "bytes before the position are untouched");
      assertEquals(0, backing.get(7 + 5 + src.length), "bytes after the copy are untouched");
    }
  }

  @Test
  void copyToReadsADirectSourceBuffer() {
    Random random = new Random(9);
    byte[] bytes = random(random, 6 * 8 * 4);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 3);
    direct.position(3);
    direct.put(bytes);
    direct.position(3);
    ConstantData source = ConstantData.of(direct.slice());
    ByteBuffer target = ByteBuffer.allocate(bytes.length);
    new TransposedData(source, new int[] {6, 8}, new int[] {1, 0}, 4).copyTo(target);
    assertArrayEquals(naive(bytes, new int[] {6, 8}, new int[] {1, 0}, 4), target.array());
  }

  @Test
  void copyToATooSmallTargetFailsWithoutWriting() {
    TransposedData t = new TransposedData(ConstantData.ofFloats(1, 2, 3, 4), new int[] {2, 2}, new int[] {1, 0}, 4);
    ByteBuffer target = ByteBuffer.allocate(15);
    assertThrows(BufferOverflowException.class, () -> t.copyTo(target));
    assertEquals(0, target.position());
  }

  @Test
  void identityIsTheSourceAndTransposesCompose() {
    ConstantData src = ConstantData.ofFloats(0, 1, 2, 3, 4, 5);
    assertSame(src, TransposedData.of(src, new int[] {2, 3}, new int[] {0, 1}, 4));
    ConstantData once = TransposedData.of(src, new int[] {2, 3}, new int[] {1, 0}, 4);
    ConstantData twice = TransposedData.of(once, new int[] {3, 2}, new int[] {1, 0}, 4);
    assertSame(src, twice, "a transpose of a transpose back to the identity is the source");
    ConstantData rotated = TransposedData.of(
        TransposedData.of(ConstantData.ofFloats(new float[24]), new int[] {2, 3, 4}, new int[] {1, 2, 0}, 4),
        new int[] {3, 4, 2}, new int[] {1, 2, 0}, 4);
    assertInstanceOf(TransposedData.class, rotated);
    assertArrayEquals(new int[] {2, 0, 1}, ((TransposedData) rotated).permutation());
  }

  @Test
  void composedTransposesMatchNaive() {
    Random random = new Random(3);
    int[] dims = {2, 3, 4, 5};
    byte[] src = random(random, 120 * 4);
    int[] p1 = {2, 0, 3, 1};
    int[] p2 = {3, 1, 0, 2};
    ConstantData first = TransposedData.of(ConstantData.of(src), dims, p1, 4);
    int[] mid = ((TransposedData) first).dims();
    ConstantData second = TransposedData.of(first, mid, p2, 4);
    assertArrayEquals(naive(naive(src, dims, p1, 4), mid, p2, 4), viaBytes(second));
  }

  @Test
  void emptyAndScalarData() {
    TransposedData empty = new TransposedData(ConstantData.of(new byte[0]), new int[] {0, 5}, new int[] {1, 0}, 4);
    assertEquals(0, empty.byteSize());
    assertEquals(0, viaBytes(empty).length);
    TransposedData ones = new TransposedData(ConstantData.ofFloats(7), new int[] {1, 1}, new int[] {1, 0}, 4);
    assertArrayEquals(viaBytes(ConstantData.ofFloats(7)), viaBytes(ones));
  }

  @Test
  void invalidArgumentsAreRejected() {
    ConstantData four = ConstantData.ofFloats(1, 2, 3, 4);
    assertThrows(IllegalArgumentException.class, () -> new TransposedData(four, new int[] {2, 2}, new int[] {0, 0}, 4));
    assertThrows(IllegalArgumentException.class, () -> new TransposedData(four, new int[] {2, 3}, new int[] {1, 0}, 4));
    assertThrows(IllegalArgumentException.class, () -> new TransposedData(four, new int[] {2, 2}, new int[] {1, 0, 2}, 4));
    assertThrows(IllegalArgumentException.class, () -> new TransposedData(four, new int[] {-1, 4}, new int[] {1, 0}, 4));
  }

  @Test
  void nothingIsReadBeforeTheBytesAreAsked() {
    int[] reads = {0};
    ConstantData counting = new ConstantData() {
      @Override
      public long byteSize() {
        return 16;
      }

      @Override
      public ByteBuffer bytes() {
        reads[0]++;
        return ByteBuffer.allocate(16);
      }
    };
    TransposedData t = new TransposedData(counting, new int[] {2, 2}, new int[] {1, 0}, 4);
    assertEquals(16, t.byteSize());
    assertEquals(0, reads[0]);
    t.copyTo(ByteBuffer.allocate(16));
    assertEquals(1, reads[0]);
  }
}
