package io.litertj.tflite;

import io.litertj.ConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a serialized model: the builder's bytes at position 0, then each constant at its place.
 *
 * <p>To a file, a few threads produce and write constants at once. A constant is materialized
 * (transposed, if it is a lazy view) only by the thread that writes it, and only one per thread is
 * on the heap at a time; positional writes make the finishing order irrelevant, so the file is the
 * same on every run. Gaps between constants are never written: they read as zeros. Meanwhile the
 * part already written is synced in the background, so the final sync has little left to do.
 */
final class ConstantStreamer {

  /** Below this many constant bytes, threads cost more than they save. */
  static final long PARALLEL_MIN_BYTES = 8L << 20;

  /** Writes are split into slices: the JDK copies a heap buffer into a temporary direct one as large as the write. */
  private static final int SLICE = 4 << 20;

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
      List<Integer> order = new ArrayList<>();
      long end = head.remaining();
      long bytes = 0;
      long[] positions = placement.dataPositions();
      for (int i = 0; i < positions.length; i++) {
        if (positions[i] != 0) {
          order.add(i);
          bytes += entries.get(i).size();
          end = Math.max(end, positions[i] + entries.get(i).size());
        }
      }
      // Largest first, so that the threads finish together.
      order.sort(Comparator.comparingLong((Integer i) -> entries.get(i).size()).reversed().thenComparing(i -> i));
      int threads = bytes < PARALLEL_MIN_BYTES ? 1
          : Math.min(MAX_THREADS, Math.min(order.size(), Runtime.getRuntime().availableProcessors()));
      if (threads <= 1) {
        for (int i : order) {
          writeConstant(channel, entries.get(i), positions[i], placement.lengthPrefixed(), sync);
        }
      } else {
        writeInParallel(channel, entries, placement, order, threads, sync);
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

  private static void writeInParallel(FileChannel channel, List<BufferTable.Entry> entries, ConstantPlacement placement,
      List<Integer> order, int threads, BackgroundSync sync) throws IOException {
    ExecutorService pool = daemonPool(threads, "litertj-write");
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i : order) {
        done.add(pool.submit(() -> {
          try {
            writeConstant(channel, entries.get(i), placement.dataPositions()[i], placement.lengthPrefixed(), sync);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
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
      if (cause instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new ConversionException("writing the model failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void writeConstant(FileChannel channel, BufferTable.Entry e, long position, boolean lengthPrefixed,
      BackgroundSync sync) throws IOException {
    if (lengthPrefixed) {
      ByteBuffer prefix = ByteBuffer.allocate(InlineTail.PREFIX).order(ByteOrder.LITTLE_ENDIAN);
      prefix.putInt(0, Math.toIntExact(e.size()));
      writeFully(channel, prefix, position - InlineTail.PREFIX, sync);
    }
    writeFully(channel, BufferTable.checkedBytes(e), position, sync);
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
