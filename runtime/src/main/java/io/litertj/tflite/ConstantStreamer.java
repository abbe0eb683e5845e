package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.ir.ConstantData;
import io.litertj.ir.TransposedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a serialized model: the builder's bytes at position 0, then each constant at its place.
 *
 * <p>To a file, a few threads share the work in pieces of about 4 MB: slices of a transposed
 * weight, produced straight into each thread's direct buffer; ranges of a plain buffer (a view of
 * the checkpoint's memory map goes to the file without a copy); other constants whole. Positional
 * writes make the finishing order irrelevant, so the file is the same on every run. Gaps between
 * constants are never written: they read as zeros. Meanwhile the part already written is synced
 * in the background, so the final sync has little left to do.
 */
final class ConstantStreamer {

  /** Below this many constant bytes, threads cost more than they save. */
  static final long PARALLEL_MIN_BYTES = 8L << 20;

  /** Writes are split into slices: the JDK copies a heap buffer into a temporary direct one as large as the write. */
  private static final int SLICE = 4 << 20;

  /** About how much of a large constant one thread produces and writes at a time. */
  private static final long PIECE = 4L << 20;

  /** A background sync is started after this many bytes have been written since the last one. */
  private static final long SYNC_EVERY = 64L << 20;

  private static final int MAX_THREADS = 4;

  private ConstantStreamer() {}

  /** Writes everything into {@code out} (position 0 to {@code totalSize}), in this thread. */
  static void toBuffer(ByteBuffer out, ByteBuffer head, List<BufferTable.Entry> entries, ConstantPlacement placement) {
    out.put(0, head.duplicate(), 0, head.remaining());
    long[] positions = placement.dataPositions();
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] == 0) {
        continue;
      }
      BufferTable.Entry e = entries.get(i);
      int at = Math.toIntExact(positions[i]);
      if (placement.lengthPrefixed()) {
        out.order(ByteOrder.LITTLE_ENDIAN).putInt(at - InlineTail.PREFIX, Math.toIntExact(e.size()));
      }
      ByteBuffer data = BufferTable.checkedBytes(e);
      out.put(at, data, data.position(), data.remaining());
    }
  }

  /** Writes everything to {@code channel}, which must be empty. */
  static void toChannel(FileChannel channel, ByteBuffer head, List<BufferTable.Entry> entries,
      ConstantPlacement placement, TfliteWriter.WriteProgress progress) throws IOException {
    ExecutorService syncer = daemonPool(1, "litertj-sync");
    try {
      BackgroundSync sync = new BackgroundSync(channel, syncer, progress, placement.totalSize());
      writeFully(channel, head.duplicate(), 0, sync);
      List<Piece> pieces = new ArrayList<>();
      long end = head.remaining();
      long bytes = 0;
      long[] positions = placement.dataPositions();
      for (int i = 0; i < positions.length; i++) {
        if (positions[i] != 0) {
          BufferTable.Entry e = entries.get(i);
          cut(e, positions[i], pieces);
          bytes += e.size();
          end = Math.max(end, positions[i] + e.size());
        }
      }
      int threads = bytes < PARALLEL_MIN_BYTES ? 1
          : Math.min(MAX_THREADS, Math.min(pieces.size(), Runtime.getRuntime().availableProcessors()));
      Writer writer = new Writer(channel, pieces, placement.lengthPrefixed(), sync);
      if (threads <= 1) {
        writer.run();
      } else {
        runInParallel(writer, threads);
      }
      if (placement.totalSize() > end) {
        writeFully(channel, ByteBuffer.allocate(Math.toIntExact(placement.totalSize() - end)), end, sync);
      }
      sync.await();
      progress.onWritten(placement.totalSize(), placement.totalSize()); // the gaps, never written, count too
    } finally {
      syncer.shutdownNow();
    }
  }

  /**
   * Part of one constant, written at {@code position + offset}: slices of a 2-D transpose, each
   * produced into a thread's direct buffer; a byte range of a buffer (a view of the checkpoint's
   * memory map is written without a copy); or, for anything else, the whole constant.
   */
  private record Piece(BufferTable.Entry entry, long position, long offset, long length, Kind kind, int firstSlice,
      int slices) {
    enum Kind { SLICES, RANGE, WHOLE }
  }

  /** Cuts a constant into pieces of about {@link #PIECE} bytes, so threads share even a single large one. */
  private static void cut(BufferTable.Entry e, long position, List<Piece> pieces) {
    long size = e.size();
    if (e.data() instanceof TransposedData t && t.slices() > 1 && size > PIECE) {
      int slices = t.slices();
      long sliceBytes = size / slices;
      int per = (int) Math.max(1, PIECE / sliceBytes);
      for (int first = 0; first < slices; first += per) {
        int n = Math.min(per, slices - first);
        pieces.add(new Piece(e, position, first * sliceBytes, n * sliceBytes, Piece.Kind.SLICES, first, n));
      }
    } else if (e.data() instanceof ConstantData.BufferData && size > PIECE) {
      for (long offset = 0; offset < size; offset += PIECE) {
        pieces.add(new Piece(e, position, offset, Math.min(PIECE, size - offset), Piece.Kind.RANGE, 0, 0));
      }
    } else {
      pieces.add(new Piece(e, position, 0, size, Piece.Kind.WHOLE, 0, 0));
    }
  }

  /** Takes pieces from a shared list until none is left; run by every writing thread. */
  private static final class Writer {
    private final FileChannel channel;
    private final List<Piece> pieces;
    private final boolean lengthPrefixed;
    private final BackgroundSync sync;
    private final AtomicInteger next = new AtomicInteger();

    Writer(FileChannel channel, List<Piece> pieces, boolean lengthPrefixed, BackgroundSync sync) {
      this.channel = channel;
      this.pieces = pieces;
      this.lengthPrefixed = lengthPrefixed;
      this.sync = sync;
    }

    void run() throws IOException {
      ByteBuffer scratch = null; // this thread's, for transposed slices
      for (int i = next.getAndIncrement(); i < pieces.size(); i = next.getAndIncrement()) {
        Piece p = pieces.get(i);
        if (lengthPrefixed && p.offset() == 0) {
          ByteBuffer prefix = ByteBuffer.allocate(InlineTail.PREFIX).order(ByteOrder.LITTLE_ENDIAN);
          prefix.putInt(0, Math.toIntExact(p.entry().size()));
          writeFully(channel, prefix, p.position() - InlineTail.PREFIX, sync);
        }
        ByteBuffer bytes;
        if (p.kind() == Piece.Kind.SLICES) {
          if (scratch == null || scratch.capacity() < p.length()) {
            scratch = ByteBuffer.allocateDirect((int) Math.max(p.length(), PIECE));
          }
          scratch.clear().limit((int) p.length());
          ((TransposedData) p.entry().data()).copySlicesTo(p.firstSlice(), p.slices(), scratch);
          bytes = scratch.flip();
        } else if (p.kind() == Piece.Kind.RANGE) {
          bytes = BufferTable.checkedBytes(p.entry());
          bytes = bytes.slice(bytes.position() + (int) p.offset(), (int) p.length());
        } else {
          bytes = BufferTable.checkedBytes(p.entry());
        }
        writeFully(channel, bytes, p.position() + p.offset(), sync);
      }
    }
  }

  private static void runInParallel(Writer writer, int threads) throws IOException {
    ExecutorService pool = daemonPool(threads, "litertj-write");
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          writer.run();
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConversionException("writing the model was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new ConversionException("writing the model failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer src, long position, BackgroundSync sync)
      throws IOException {
    long at = position;
    while (src.hasRemaining()) {
      int n = Math.min(SLICE, src.remaining());
      ByteBuffer slice = src.slice(src.position(), n);
      while (slice.hasRemaining()) {
        at += channel.write(slice, at);
      }
      src.position(src.position() + n);
      sync.written(n);
    }
  }

  private static ExecutorService daemonPool(int threads, String name) {
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Counts what is written: reports it, and starts a sync of what is written so far every
   * {@link #SYNC_EVERY} bytes, one at a time.
   */
  private static final class BackgroundSync {
    private final FileChannel channel;
    private final ExecutorService syncer;
    private final TfliteWriter.WriteProgress progress;
    private final long total;
    private long written;
    private long sinceLast;
    private Future<?> pending;
    /** The first failed sync: Linux reports a failed writeback once, so it must not be lost. */
    private IOException failure;

    BackgroundSync(FileChannel channel, ExecutorService syncer, TfliteWriter.WriteProgress progress, long total) {
      this.channel = channel;
      this.syncer = syncer;
      this.progress = progress;
      this.total = total;
    }

    synchronized void written(long bytes) {
      written += bytes;
      progress.onWritten(Math.min(written, total), total);
      sinceLast += bytes;
      if (sinceLast >= SYNC_EVERY && (pending == null || pending.isDone())) {
        sinceLast = 0;
        pending = syncer.submit(() -> {
          try {
            channel.force(false);
          } catch (IOException e) {
            synchronized (this) {
              failure = failure == null ? e : failure;
            }
          }
        });
      }
    }

    /** Waits for the last background sync; a failed one is the write's failure. */
    void await() throws IOException {
      Future<?> last;
      synchronized (this) {
        last = pending;
      }
      if (last != null) {
        try {
          last.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ConversionException("writing the model was interrupted", e);
        } catch (ExecutionException e) {
          throw new ConversionException("syncing the model failed: " + e.getCause(), e.getCause());
        }
      }
      synchronized (this) {
        if (failure != null) {
          throw failure;
        }
      }
    }
  }
}
