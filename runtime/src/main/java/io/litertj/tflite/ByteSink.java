package io.litertj.tflite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where a serialized model goes: a file channel or a buffer in memory. */
interface ByteSink {

  /** Writes {@code src} from its position to its limit. */
  void write(ByteBuffer src) throws IOException;

  /** Writes {@code count} zero bytes (small paddings only). */
  default void zeros(long count) throws IOException {
    if (count > 0) {
      write(ByteBuffer.allocate(Math.toIntExact(count)));
    }
  }

  static ByteSink of(ByteBuffer target) {
    return src -> target.put(src);
  }

  /**
   * Writes in slices of at most 8 MiB: for heap buffers the JDK copies each write into a temporary
   * direct buffer as large as the write, which must not be the size of a whole weight tensor.
   */
  static ByteSink of(FileChannel channel) {
    int chunk = 8 << 20;
    return src -> {
      while (src.hasRemaining()) {
        int n = Math.min(chunk, src.remaining());
        ByteBuffer slice = src.slice(src.position(), n);
        while (slice.hasRemaining()) {
          channel.write(slice);
        }
        src.position(src.position() + n);
      }
    };
  }
}
