package io.litertj.checkpoint;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The bundle layout of a DT_STRING tensor: a varint64 length per element, a 4-byte little-endian
 * masked CRC-32C of the lengths, then the elements' bytes back to back. TensorFlow checksums each
 * length as a little-endian uint32 (uint64 if it does not fit), not as the varint bytes, and the
 * entry's CRC covers those lengths, the length checksum and the element bytes.
 */
final class StringTensors {

  /** Each element becomes a Java array; past this count the list alone would strain the heap. */
  static final long MAX_ELEMENTS = 1L << 24;

  private static final long UINT32_MAX = 0xffff_ffffL;

  private StringTensors() {}

  /** Checked lengths: where the element bytes start, and the running CRC after the lengths. */
  private record Lengths(int dataStart, CRC32C crc) {}

  /**
   * The elements, after checking the lengths against their checksum and the data size.
   *
   * @param data the tensor's bytes, from position 0 to the limit
   * @param count the number of elements, from the tensor's shape
   */
  static List<byte[]> decode(ByteBuffer data, long count, Path file, String key) {
    Lengths lengths = lengths(data, count, file, key);
    ByteCursor sizes = new ByteCursor(data, file, "string tensor '" + key + "'");
    ByteCursor bytes = new ByteCursor(data.slice(lengths.dataStart(), data.limit() - lengths.dataStart()), file,
        "string tensor '" + key + "'");
    List<byte[]> out = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      out.add(bytes.bytes((int) sizes.varint64(), "element " + i));
    }
    return out;
  }

  /** The unmasked CRC-32C that TensorFlow stores (masked) in the tensor's index entry. */
  static int entryCrc(ByteBuffer data, long count, Path file, String key) {
    Lengths lengths = lengths(data, count, file, key);
    int checksumStart = lengths.dataStart() - 4;
    lengths.crc().update(data.slice(checksumStart, data.limit() - checksumStart));
    return (int) lengths.crc().getValue();
  }

  private static Lengths lengths(ByteBuffer data, long count, Path file, String key) {
    String what = "string tensor '" + key + "'";
    if (count > MAX_ELEMENTS) {
      throw CheckpointErrors.unsupported(file, what + " has " + count + " elements; at most " + MAX_ELEMENTS
          + " can be read", "store the strings in fewer, longer elements");
    }
    ByteCursor cursor = new ByteCursor(data, file, what);
    CRC32C crc = new CRC32C();
    byte[] scratch = new byte[8];
    long total = 0;
    for (long i = 0; i < count; i++) {
      long length = cursor.varint64();
      if (length < 0 || length > data.limit()) {
        throw CheckpointErrors.corrupt(file, what + ": element " + i + " claims " + Long.toUnsignedString(length)
            + " bytes, more than the tensor holds");
      }
      int width = length <= UINT32_MAX ? 4 : 8;
      for (int b = 0; b < width; b++) {
        scratch[b] = (byte) (length >>> (8 * b));
      }
      crc.update(scratch, 0, width);
      total += length;
    }
    int stored = cursor.fixed32();
    int actual = Crc32c.mask((int) crc.getValue());
    if (stored != actual) {
      throw CheckpointErrors.corrupt(file, String.format("%s: CRC mismatch in the element lengths (stored 0x%08x,"
          + " computed 0x%08x)", what, stored, actual));
    }
    if (total != cursor.remaining()) {
      throw CheckpointErrors.corrupt(file, what + ": the element lengths add up to " + total + " bytes, but "
          + cursor.remaining() + " bytes follow them");
    }
    return new Lengths(cursor.position(), crc);
  }
}
