package io.litertj.tflite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * The bytes of a {@code .tflite} file for the reader: the flatbuffer part, and slices of the file
 * for constants stored after it. Nothing is copied: slices are views of a buffer or of memory
 * mappings, which stay valid after the file is closed.
 */
abstract class FileBytes {

  /** The file from its start; for files over 2 GB, the first 2 GB (the flatbuffer is smaller). */
  abstract ByteBuffer head();

  abstract long length();

  /** {@code size} bytes at {@code offset}; the caller has checked the range. */
  abstract ByteBuffer slice(long offset, int size);

  static FileBytes of(ByteBuffer whole) {
    ByteBuffer file = whole.slice().order(ByteOrder.LITTLE_ENDIAN);
    return new FileBytes() {
      @Override
      ByteBuffer head() {
        return file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      }

      @Override
      long length() {
        return file.capacity();
      }

      @Override
      ByteBuffer slice(long offset, int size) {
        return file.slice((int) offset, size).order(ByteOrder.LITTLE_ENDIAN);
      }
    };
  }

  /** Maps the file read-only; a file over 2 GB is mapped in pieces. */
  static FileBytes map(FileChannel channel) throws IOException {
    long length = channel.size();
    if (length <= Integer.MAX_VALUE) {
      return of(channel.map(FileChannel.MapMode.READ_ONLY, 0, length));
    }
    ByteBuffer head = channel.map(FileChannel.MapMode.READ_ONLY, 0, Integer.MAX_VALUE)
        .order(ByteOrder.LITTLE_ENDIAN);
    return new FileBytes() {
      @Override
      ByteBuffer head() {
        return head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      }

      @Override
      long length() {
        return length;
      }

      @Override
      ByteBuffer slice(long offset, int size) {
        try {
          return channel.map(FileChannel.MapMode.READ_ONLY, offset, size).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
