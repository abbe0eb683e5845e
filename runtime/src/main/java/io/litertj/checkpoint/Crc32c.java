package io.litertj.checkpoint;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC-32C (Castagnoli) as TensorFlow and LevelDB store it. Stored checksums are "masked": a CRC of
 * data that itself holds CRCs is weak, so the writers rotate the value and add a constant.
 */
final class Crc32c {

  private static final int MASK_DELTA = 0xa282ead8;

  private Crc32c() {}

  /** CRC-32C of the remaining bytes of {@code data}; the buffer's position is not changed. */
  static int of(ByteBuffer data) {
    CRC32C crc = new CRC32C();
    crc.update(data.duplicate());
    return (int) crc.getValue();
  }

  /** CRC-32C of the remaining bytes of {@code data} followed by one more byte. */
  static int of(ByteBuffer data, byte trailing) {
    CRC32C crc = new CRC32C();
    crc.update(data.duplicate());
    crc.update(trailing);
    return (int) crc.getValue();
  }

  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  static int unmask(int masked) {
    int rotated = masked - MASK_DELTA;
    return (rotated >>> 17) | (rotated << 15);
  }
}
