package io.litertj.ir;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A lazy transposed view of another constant: output axis {@code k} is source axis
 * {@code permutation[k]} (the convention of LiteRT's TRANSPOSE). Nothing is read until {@link #bytes()} or {@link #copyTo(ByteBuffer)}; the latter
 * streams from the source straight into the target, so a transposed weight read from a memory-mapped
 * checkpoint is written to the output without a heap copy.
 *
 * <p>The copy first simplifies the permutation (drops size-1 axes, merges axes that stay adjacent),
 * so HWIO→OHWI ({@code [H,W,I,O]}, perm {@code [3,0,1,2]}) and MatMul {@code [in,out]→[out,in]}
 * both become one 2-D transpose, done in cache-sized bands.
 */
public final class TransposedData implements ConstantData {

  /** From this many bytes on, a contiguous run is copied buffer to buffer rather than through the heap. */
  private static final int DIRECT_RUN = 64;

  private final ConstantData source;
  private final int[] sourceDims;
  private final int[] permutation;
  private final int elementSize;
  private final long byteSize;

  /**
   * @param source the data in {@code sourceDims} layout, row-major
   * @param permutation output axis {@code k} is source axis {@code permutation[k]}
   * @param elementSize bytes per element
   */
  public TransposedData(ConstantData source, int[] sourceDims, int[] permutation, int elementSize) {
    this.source = source;
    this.sourceDims = sourceDims.clone();
    this.permutation = permutation.clone();
    this.elementSize = elementSize;
    if (elementSize <= 0) {
      throw new IllegalArgumentException("element size must be positive: " + elementSize);
    }
    checkPermutation(this.permutation, this.sourceDims.length);
    long elements = 1;
    for (int d : this.sourceDims) {
      if (d < 0) {
        throw new IllegalArgumentException("dimensions must be static: " + Arrays.toString(sourceDims));
      }
      elements = Math.multiplyExact(elements, d);
    }
    this.byteSize = Math.multiplyExact(elements, elementSize);
    if (source.byteSize() != byteSize) {
      throw new IllegalArgumentException("source has " + source.byteSize() + " bytes, but "
          + Arrays.toString(sourceDims) + " x " + elementSize + " bytes needs " + byteSize);
    }
  }

  /**
   * The transposed data, without a new view when the permutation is the identity, and composing
   * the permutations when {@code source} is itself a transposed view (so it is read only once).
   */
  public static ConstantData of(ConstantData source, int[] sourceDims, int[] permutation, int elementSize) {
    checkPermutation(permutation, sourceDims.length);
    if (isIdentity(permutation)) {
      return source;
    }
    if (source instanceof TransposedData inner && inner.elementSize == elementSize
        && Arrays.equals(inner.dims(), sourceDims)) {
      int[] composed = new int[permutation.length];
      for (int k = 0; k < composed.length; k++) {
        composed[k] = inner.permutation[permutation[k]];
      }
      return of(inner.source, inner.sourceDims, composed, elementSize);
    }
    return new TransposedData(source, sourceDims, permutation, elementSize);
  }

  public ConstantData source() {
    return source;
  }

  public int[] sourceDims() {
    return sourceDims.clone();
  }

  public int[] permutation() {
    return permutation.clone();
  }

  public int elementSize() {
    return elementSize;
  }

  /** The dimensions of the transposed data. */
  public int[] dims() {
    int[] out = new int[permutation.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = sourceDims[permutation[k]];
    }
    return out;
  }

  @Override
  public long byteSize() {
    return byteSize;
  }

  /** Computes the transposed bytes into a fresh heap buffer (not cached: weights can be large). */
  @Override
  public ByteBuffer bytes() {
    if (byteSize > Integer.MAX_VALUE) {
      throw new IllegalStateException("transposed constant of " + byteSize + " bytes does not fit one buffer");
    }
    ByteBuffer out = ByteBuffer.allocate((int) byteSize);
    copyTo(out);
    out.flip();
    return out.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public void copyTo(ByteBuffer target) {
    if (target.remaining() < byteSize) {
      throw new BufferOverflowException();
    }
    int base = target.position();
    if (byteSize > 0) {
      Plan plan = Plan.of(sourceDims, permutation, elementSize);
      plan.run(source.bytes().slice(), target, base);
    }
    target.position(base + (int) byteSize);
  }

  /**
   * Into how many equal, contiguous slices {@link #copySlicesTo} can cut the output: the rows of a
   * 2-D transpose (what MatMul weights and HWIO→OHWI filters simplify to), each produced from one
   * source column. 1 means the output can only be produced whole.
   */
  public int slices() {
    Plan plan = Plan.of(sourceDims, permutation, elementSize);
    return plan.isSwap() ? plan.dims()[1] : 1;
  }

  /**
   * Writes output slices {@code [first, first + count)} (see {@link #slices()}) at {@code target}'s
   * position and advances it: the bytes {@code [first, first + count) * byteSize() / slices()} of the
   * whole output, so several threads can produce one large constant piece by piece.
   */
  public void copySlicesTo(int first, int count, ByteBuffer target) {
    Plan plan = Plan.of(sourceDims, permutation, elementSize);
    int slices = plan.isSwap() ? plan.dims()[1] : 1;
    if (first < 0 || count < 0 || first + count > slices) {
      throw new IndexOutOfBoundsException("slices [" + first + ", " + (first + count) + ") of " + slices);
    }
    long bytes = byteSize / slices * count;
    if (target.remaining() < bytes) {
      throw new BufferOverflowException();
    }
    int base = target.position();
    if (!plan.isSwap()) {
      copyTo(target);
      return;
    }
    if (bytes > 0) {
      plan.runSlices(source.bytes().slice(), target, base, first, count);
    }
    target.position(base + (int) bytes);
  }

  @Override
  public String toString() {
    return "TransposedData" + Arrays.toString(sourceDims) + " perm " + Arrays.toString(permutation);
  }

  private static void checkPermutation(int[] perm, int rank) {
    if (perm.length != rank) {
      throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " does not have rank " + rank);
    }
    boolean[] seen = new boolean[rank];
    for (int p : perm) {
      if (p < 0 || p >= rank || seen[p]) {
        throw new IllegalArgumentException("not a permutation: " + Arrays.toString(perm));
      }
      seen[p] = true;
    }
  }

  private static boolean isIdentity(int[] perm) {
    for (int k = 0; k < perm.length; k++) {
      if (perm[k] != k) {
        return false;
      }
    }
    return true;
  }

  /**
   * A simplified transpose: source {@code dims} (no size-1 axes, no two axes that stay adjacent),
   * a permutation of them, and the {@code unit} in bytes moved as one element (the element size,
   * times the last axis when that axis stays last).
   */
  private record Plan(int[] dims, int[] perm, int unit) {

    static Plan of(int[] sourceDims, int[] permutation, int elementSize) {
      // Keep axes of size > 1; renumber them in source order.
      int[] newIndex = new int[sourceDims.length];
      List<Integer> kept = new ArrayList<>();
      for (int a = 0; a < sourceDims.length; a++) {
        newIndex[a] = sourceDims[a] == 1 ? -1 : kept.size();
        if (sourceDims[a] != 1) {
          kept.add(sourceDims[a]);
        }
      }
      List<Integer> order = new ArrayList<>();
      for (int p : permutation) {
        if (newIndex[p] >= 0) {
          order.add(newIndex[p]);
        }
      }
      // Group runs of output axes whose source axes are consecutive: each run is one axis.
      List<int[]> runs = new ArrayList<>(); // {first source axis, merged size, axis count}
      for (int i = 0; i < order.size(); i++) {
        int axis = order.get(i);
        if (!runs.isEmpty() && runs.get(runs.size() - 1)[0] + runs.get(runs.size() - 1)[2] == axis) {
          int[] last = runs.get(runs.size() - 1);
          last[1] *= kept.get(axis);
          last[2]++;
        } else {
          runs.add(new int[] {axis, kept.get(axis), 1});
        }
      }
      // Source order of the runs gives the merged source dims; output order gives the permutation.
      Integer[] bySource = new Integer[runs.size()];
      for (int i = 0; i < bySource.length; i++) {
        bySource[i] = i;
      }
      Arrays.sort(bySource, (x, y) -> Integer.compare(runs.get(x)[0], runs.get(y)[0]));
      int[] dims = new int[runs.size()];
      int[] rankOf = new int[runs.size()];
      for (int s = 0; s < bySource.length; s++) {
        dims[s] = runs.get(bySource[s])[1];
        rankOf[bySource[s]] = s;
      }
      int[] perm = new int[runs.size()];
      for (int k = 0; k < perm.length; k++) {
        perm[k] = rankOf[k];
      }
      int unit = elementSize;
      int n = dims.length;
      if (n > 0 && perm[n - 1] == n - 1) {
        unit = Math.multiplyExact(unit, dims[n - 1]);
        dims = Arrays.copyOf(dims, n - 1);
        perm = Arrays.copyOf(perm, n - 1);
      }
      return new Plan(dims, perm, unit);
    }

    /** A plain 2-D transpose: output row {@code c} is source column {@code c}. */
    boolean isSwap() {
      return dims.length == 2 && perm[0] == 1;
    }

    /** Output rows {@code [first, first + count)} of a {@link #isSwap() swap}, written from {@code dstBase}. */
    void runSlices(ByteBuffer src, ByteBuffer dst, int dstBase, int first, int count) {
      int rows = dims[0];
      int cols = dims[1];
      if (unit >= DIRECT_RUN) {
        int at = dstBase;
        for (int c = first; c < first + count; c++) {
          for (int r = 0; r < rows; r++) {
            dst.put(at, src, Math.toIntExact(((long) r * cols + c) * unit), unit);
            at += unit;
          }
        }
        return;
      }
      new BandTransposer(src, dst, dstBase, unit).transpose(first, cols, 0, rows, count, rows);
    }

    void run(ByteBuffer src, ByteBuffer dst, int dstBase) {
      int n = dims.length;
      if (n == 0) {
        dst.put(dstBase, src, 0, unit);
        return;
      }
      long[] srcStrides = new long[n];
      long stride = 1;
      for (int a = n - 1; a >= 0; a--) {
        srcStrides[a] = stride;
        stride *= dims[a];
      }
      int[] outDims = new int[n];
      long[] outSrcStrides = new long[n];
      for (int k = 0; k < n; k++) {
        outDims[k] = dims[perm[k]];
        outSrcStrides[k] = srcStrides[perm[k]];
      }
      long[] outStrides = new long[n];
      stride = 1;
      for (int k = n - 1; k >= 0; k--) {
        outStrides[k] = stride;
        stride *= outDims[k];
      }
      if (unit >= DIRECT_RUN) {
        copyRuns(src, dst, dstBase, outDims, outSrcStrides);
        return;
      }
      // Transpose 2-D blocks over output axis q (contiguous in the source) and the last output
      // axis (contiguous in the output); loop over every other output axis outside.
      int q = 0;
      while (perm[q] != n - 1) {
        q++;
      }
      int last = n - 1;
      int[] outer = new int[n];
      long srcBase = 0;
      long dstOffset = 0;
      BandTransposer bands = new BandTransposer(src, dst, dstBase, unit);
      while (true) {
        bands.transpose(srcBase, outSrcStrides[last], dstOffset, outStrides[q], outDims[q], outDims[last]);
        int k = n - 1;
        for (; k >= 0; k--) {
          if (k == q || k == last) {
            continue;
          }
          if (++outer[k] < outDims[k]) {
            srcBase += outSrcStrides[k];
            dstOffset += outStrides[k];
            break;
          }
          outer[k] = 0;
          srcBase -= outSrcStrides[k] * (outDims[k] - 1);
          dstOffset -= outStrides[k] * (outDims[k] - 1);
        }
        if (k < 0) {
          return;
        }
      }
    }

    /** Copies unit-sized runs in output order, each buffer to buffer. */
    private void copyRuns(ByteBuffer src, ByteBuffer dst, int dstBase, int[] outDims, long[] outSrcStrides) {
      int n = outDims.length;
      int[] index = new int[n];
      long srcOffset = 0;
      int dstPos = dstBase;
      while (true) {
        dst.put(dstPos, src, Math.toIntExact(srcOffset * unit), unit);
        dstPos += unit;
        int k = n - 1;
        for (; k >= 0; k--) {
          if (++index[k] < outDims[k]) {
            srcOffset += outSrcStrides[k];
            break;
          }
          index[k] = 0;
          srcOffset -= outSrcStrides[k] * (outDims[k] - 1);
        }
        if (k < 0) {
          return;
        }
      }
    }
  }

  /**
   * Transposes 2-D blocks through heap bands: reads a band of source rows (one bulk read when the
   * rows are contiguous), transposes it in the heap, and writes each target row's run (one bulk
   * write when the target rows are contiguous). Units of 2, 4 and 8 bytes move as shorts, ints and
   * longs in native order; bits are copied, never interpreted.
   */
  private static final class BandTransposer {
    /** Elements per band: 256 KiB of floats, well inside L2. */
    private static final int BAND = 1 << 16;
    /** Extra elements per heap row, so that power-of-two row lengths do not collide in the cache. */
    private static final int PAD = 16;

    private final int unit;
    private final ByteBuffer src;
    private final ByteBuffer dst;
    private final IntBuffer srcInts;
    private final IntBuffer dstInts;
    private final LongBuffer srcLongs;
    private final LongBuffer dstLongs;
    private final ShortBuffer srcShorts;
    private final ShortBuffer dstShorts;
    private Object in;
    private Object out;
    private int inCapacity = -1;
    private int outCapacity = -1;

    BandTransposer(ByteBuffer src, ByteBuffer target, int targetBase, int unit) {
      this.unit = unit;
      this.src = src;
      this.dst = target.duplicate().position(targetBase).slice();
      ByteBuffer nativeSrc = src.duplicate().order(ByteOrder.nativeOrder());
      ByteBuffer nativeDst = dst.duplicate().order(ByteOrder.nativeOrder());
      srcInts = unit == 4 ? nativeSrc.asIntBuffer() : null;
      dstInts = unit == 4 ? nativeDst.asIntBuffer() : null;
      srcLongs = unit == 8 ? nativeSrc.asLongBuffer() : null;
      dstLongs = unit == 8 ? nativeDst.asLongBuffer() : null;
      srcShorts = unit == 2 ? nativeSrc.asShortBuffer() : null;
      dstShorts = unit == 2 ? nativeDst.asShortBuffer() : null;
    }

    /**
     * target[dstBase + c * dstRowStride + r] = source[srcBase + r * srcRowStride + c] for c < cols,
     * r < rows; all in units.
     */
    void transpose(long srcBase, long srcRowStride, long dstBase, long dstRowStride, int cols, int rows) {
      int rowBlock = Math.min(rows, 256);
      int colBlock = Math.min(cols, Math.max(PAD, BAND / rowBlock));
      rowBlock = Math.min(rows, Math.max(rowBlock, BAND / colBlock));
      boolean wholeRows = colBlock == cols && srcRowStride == cols;
      int lead = wholeRows ? cols : colBlock + PAD;
      allocate(rowBlock * lead, rowBlock * colBlock);
      for (int c0 = 0; c0 < cols; c0 += colBlock) {
        int cn = Math.min(colBlock, cols - c0);
        for (int r0 = 0; r0 < rows; r0 += rowBlock) {
          int rn = Math.min(rowBlock, rows - r0);
          long from = srcBase + r0 * srcRowStride + c0;
          if (wholeRows) {
            read(from, 0, rn * cols);
          } else {
            for (int r = 0; r < rn; r++) {
              read(from + r * srcRowStride, r * lead, cn);
            }
          }
          move(lead, cn, rn);
          long to = dstBase + c0 * dstRowStride + r0;
          if (rn == rows && dstRowStride == rows) {
            write(0, to, cn * rn);
          } else {
            for (int c = 0; c < cn; c++) {
              write(c * rn, to + c * dstRowStride, rn);
            }
          }
        }
      }
    }

    /** Makes the heap bands at least this long (in units); they are reused across blocks. */
    private void allocate(int inLength, int outLength) {
      if (inLength <= inCapacity && outLength <= outCapacity) {
        return;
      }
      inCapacity = inLength;
      outCapacity = outLength;
      if (unit == 4) {
        in = new int[inLength];
        out = new int[outLength];
      } else if (unit == 8) {
        in = new long[inLength];
        out = new long[outLength];
      } else if (unit == 2) {
        in = new short[inLength];
        out = new short[outLength];
      } else {
        in = new byte[inLength * unit];
        out = new byte[outLength * unit];
      }
    }

    private void read(long srcIndex, int offset, int length) {
      int from = Math.toIntExact(srcIndex);
      if (unit == 4) {
        srcInts.get(from, (int[]) in, offset, length);
      } else if (unit == 8) {
        srcLongs.get(from, (long[]) in, offset, length);
      } else if (unit == 2) {
        srcShorts.get(from, (short[]) in, offset, length);
      } else {
        src.get(Math.multiplyExact(from, unit), (byte[]) in, offset * unit, length * unit);
      }
    }

    private void write(int offset, long dstIndex, int length) {
      int to = Math.toIntExact(dstIndex);
      if (unit == 4) {
        dstInts.put(to, (int[]) out, offset, length);
      } else if (unit == 8) {
        dstLongs.put(to, (long[]) out, offset, length);
      } else if (unit == 2) {
        dstShorts.put(to, (short[]) out, offset, length);
      } else {
        dst.put(Math.multiplyExact(to, unit), (byte[]) out, offset * unit, length * unit);
      }
    }

    /** out[c * rn + r] = in[r * lead + c]. */
    private void move(int lead, int cn, int rn) {
      if (unit == 4) {
        int[] a = (int[]) in;
        int[] b = (int[]) out;
        for (int c = 0; c < cn; c++) {
          int o = c * rn;
          for (int r = 0, i = c; r < rn; r++, i += lead) {
            b[o + r] = a[i];
          }
        }
      } else if (unit == 8) {
        long[] a = (long[]) in;
        long[] b = (long[]) out;
        for (int c = 0; c < cn; c++) {
          int o = c * rn;
          for (int r = 0, i = c; r < rn; r++, i += lead) {
            b[o + r] = a[i];
          }
        }
      } else if (unit == 2) {
        short[] a = (short[]) in;
        short[] b = (short[]) out;
        for (int c = 0; c < cn; c++) {
          int o = c * rn;
          for (int r = 0, i = c; r < rn; r++, i += lead) {
            b[o + r] = a[i];
          }
        }
      } else {
        moveBytes(lead, cn, rn);
      }
    }

    private void moveBytes(int lead, int cn, int rn) {
      byte[] a = (byte[]) in;
      byte[] b = (byte[]) out;
      int u = unit;
      if (u == 1) {
        for (int c = 0; c < cn; c++) {
          int o = c * rn;
          for (int r = 0, i = c; r < rn; r++, i += lead) {
            b[o + r] = a[i];
          }
        }
        return;
      }
      for (int c = 0; c < cn; c++) {
        int o = c * rn * u;
        for (int r = 0, i = c * u; r < rn; r++, i += lead * u, o += u) {
          for (int k = 0; k < u; k++) {
            b[o + k] = a[i + k];
          }
        }
      }
    }
  }
}
