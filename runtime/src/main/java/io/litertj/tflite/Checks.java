package io.litertj.tflite;

import io.litertj.ConversionException;
import java.nio.ByteBuffer;

/**
 * Bounds checks for values read from an untrusted file, made before they size an allocation or
 * index a table: FlatBuffers' Java runtime has no verifier.
 */
final class Checks {

  private Checks() {}

  /** A vector length that fits in the file at {@code elementSize} bytes per element. */
  static int vectorLength(int length, int elementSize, ByteBuffer file, String what) {
    if (length < 0 || (long) length * elementSize > file.capacity()) {
      throw malformed(what + " has an impossible length " + length);
    }
    return length;
  }

  /** An index into a table of {@code size} entries. */
  static int index(long index, int size, String what) {
    if (index < 0 || index >= size) {
      throw malformed(what + " " + index + " is out of range (" + size + " entries)");
    }
    return (int) index;
  }

  static ConversionException malformed(String detail) {
    return new ConversionException("malformed .tflite file: " + detail);
  }
}
