package io.litertj.keras;

import io.jhdf.checksum.ChecksumUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a hard link that jHDF's writer wrote into an external or soft link, in the file's bytes:
 * jHDF writes no other links, and HDF5 files with links are what a hostile model would carry.
 *
 * <p>jHDF writes a group's links as version-1 link messages in its version-2 object header:
 * {@code 01, flags 0x10 (charset present), charset, name length (1 byte), name, address (8 bytes)},
 * 12 + n bytes for a name of n bytes. The patch writes a message of the same size with the link type
 * present ({@code flags 0x18}), the new name and the link's target, then recomputes the header's
 * checksum (Jenkins lookup3 over the header, as the HDF5 format specifies). The placeholder name of
 * the written link sets the size, so it must be exactly {@link #placeholderLength} bytes long.
 */
final class HdfLinkPatch {

  private static final int TYPE_SOFT = 1;
  private static final int TYPE_EXTERNAL = 64;

  private HdfLinkPatch() {}

  /** The placeholder name length whose message has room for {@code name} and an external link. */
  static int placeholderLength(String name, String targetFile, String targetPath) {
    return ascii(name).length + externalInfo(targetFile, targetPath).length - 5;
  }

  /** The placeholder name length whose message has room for {@code name} and a soft link. */
  static int placeholderLength(String name, String target) {
    return ascii(name).length + ascii(target).length - 5;
  }

  /** {@code h5} with the link named {@code placeholder} made an external link named {@code name}. */
  static byte[] external(byte[] h5, String placeholder, String name, String targetFile, String targetPath) {
    return patch(h5, placeholder, name, TYPE_EXTERNAL, externalInfo(targetFile, targetPath));
  }

  /** {@code h5} with the link named {@code placeholder} made a soft link named {@code name}. */
  static byte[] soft(byte[] h5, String placeholder, String name, String target) {
    return patch(h5, placeholder, name, TYPE_SOFT, ascii(target));
  }

  /** External link info: version/flags byte 0, then the file and the object path, each NUL-terminated. */
  private static byte[] externalInfo(String file, String path) {
    byte[] f = ascii(file);
    byte[] p = ascii(path);
    byte[] info = new byte[1 + f.length + 1 + p.length + 1];
    System.arraycopy(f, 0, info, 1, f.length);
    System.arraycopy(p, 0, info, 2 + f.length, p.length);
    return info;
  }

  private static byte[] patch(byte[] h5, String placeholder, String name, int type, byte[] info) {
    byte[] oldName = ascii(placeholder);
    byte[] pattern = new byte[4 + oldName.length];
    pattern[0] = 1;
    pattern[1] = 0x10;
    pattern[2] = 1;
    pattern[3] = (byte) oldName.length;
    System.arraycopy(oldName, 0, pattern, 4, oldName.length);
    int at = indexOf(h5, pattern, 0);
    if (at < 0 || indexOf(h5, pattern, at + 1) >= 0) {
      throw new IllegalArgumentException("no single hard link named " + placeholder);
    }
    byte[] newName = ascii(name);
    ByteBuffer message = ByteBuffer.allocate(12 + oldName.length).order(ByteOrder.LITTLE_ENDIAN);
    message.put((byte) 1).put((byte) 0x18).put((byte) type).put((byte) 1).put((byte) newName.length).put(newName)
        .putShort((short) info.length).put(info);
    if (message.hasRemaining()) {
      throw new IllegalArgumentException("the placeholder must be " + (oldName.length - message.remaining())
          + " bytes long");
    }
    byte[] out = h5.clone();
    System.arraycopy(message.array(), 0, out, at, message.capacity());
    rechecksum(out, at);
    return out;
  }

  /** Recomputes the checksum of the version-2 object header that holds byte {@code at}. */
  private static void rechecksum(byte[] h5, int at) {
    int start = lastIndexOf(h5, "OHDR".getBytes(StandardCharsets.US_ASCII), at);
    if (start < 0 || h5[start + 4] != 2) {
      throw new IllegalArgumentException("the link is not in a version-2 object header");
    }
    int flags = h5[start + 5] & 0xFF;
    int pos = start + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
    int sizeBytes = 1 << (flags & 3);
    long size = 0;
    for (int i = 0; i < sizeBytes; i++) {
      size |= (long) (h5[pos + i] & 0xFF) << (8 * i);
    }
    int end = Math.toIntExact(pos + sizeBytes + size);
    if (at >= end) {
      throw new IllegalArgumentException("the link is in a continuation block");
    }
    int checksum = ChecksumUtils.checksum(Arrays.copyOfRange(h5, start, end));
    ByteBuffer.wrap(h5, end, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(checksum);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    for (int i = from; i <= data.length - pattern.length; i++) {
      if (matchesAt(data, pattern, i)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] data, byte[] pattern, int before) {
    for (int i = Math.min(before, data.length - pattern.length); i >= 0; i--) {
      if (matchesAt(data, pattern, i)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matchesAt(byte[] data, byte[] pattern, int at) {
    for (int j = 0; j < pattern.length; j++) {
      if (data[at + j] != pattern[j]) {
        return false;
      }
    }
    return true;
  }
}
