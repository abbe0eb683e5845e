package io.litertj.checkpoint;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The checksum and varint helpers against published vectors and malformed input. */
class CodecTest {

  private static final Path FILE = Path.of("test.index");

  @Test
  void crc32cMatchesKnownVectors() {
    assertEquals(0xe3069283, Crc32c.of(ByteBuffer.wrap("123456789".getBytes(StandardCharsets.US_ASCII))));
    assertEquals(0x8a9136aa, Crc32c.of(ByteBuffer.wrap(new byte[32])));
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 0xff);
    assertEquals(0x62a8ab43, Crc32c.of(ByteBuffer.wrap(ones)));
    // Extending with a byte equals checksumming the concatenation.
    assertEquals(Crc32c.of(ByteBuffer.wrap("1234567890".getBytes(StandardCharsets.US_ASCII))),
        Crc32c.of(ByteBuffer.wrap("123456789".getBytes(StandardCharsets.US_ASCII)), (byte) '0'));
  }

  @Test
  void crcDoesNotMoveTheBuffer() {
    ByteBuffer data = ByteBuffer.wrap(new byte[] {1, 2, 3});
    Crc32c.of(data);
    assertEquals(0, data.position());
  }

  @Test
  void maskIsReversibleAndChangesTheValue() {
    assertEquals(0xa282ead8, Crc32c.mask(0));
    for (int crc : new int[] {0, 1, -1, 0xe3069283, 0x12345678}) {
      assertEquals(crc, Crc32c.unmask(Crc32c.mask(crc)));
      assertNotEquals(crc, Crc32c.mask(crc));
    }
  }

  @Test
  void decodesVarints() {
    for (long value : new long[] {0, 1, 127, 128, 300, 1L << 35, Long.MAX_VALUE, -1L}) {
      ByteCursor cursor = cursor(TestTables.varint(value));
      assertEquals(value, cursor.varint64());
      assertEquals(0, cursor.remaining());
    }
  }

  @Test
  void rejectsMalformedVarints() {
    assertCorrupt(() -> cursor(new byte[] {(byte) 0x80}).varint64(), "truncated varint");
    assertCorrupt(() -> cursor(new byte[0]).varint64(), "truncated varint");
    byte[] overflow = new byte[10];
    Arrays.fill(overflow, (byte) 0xff);
    overflow[9] = 2;
    assertCorrupt(() -> cursor(overflow).varint64(), "overflows 64 bits");
    byte[] tooLong = new byte[11];
    Arrays.fill(tooLong, (byte) 0x80);
    assertCorrupt(() -> cursor(tooLong).varint64(), "varint");
    assertCorrupt(() -> cursor(TestTables.varint(1L << 31)).varintLength("value length"), "value length 2147483648");
  }

  @Test
  void rejectsReadsPastTheWindow() {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6});
    ByteCursor cursor = new ByteCursor(buffer.slice(1, 3), FILE, "test block");
    ConversionException e = assertInputError(cursor::fixed32);
    assertTrue(e.getMessage().contains("test block"), e.getMessage());
    assertTrue(e.getMessage().contains("test.index"), e.getMessage());
    assertCorrupt(() -> cursor.bytes(4, "key"), "key of 4 bytes");
    assertCorrupt(() -> cursor.bytes(-1, "key"), "key of -1 bytes");
    assertEquals(2, cursor.bytes(3, "key")[0]);
  }

  private static ByteCursor cursor(byte[] bytes) {
    return new ByteCursor(ByteBuffer.wrap(bytes), FILE, "test");
  }

  static void assertCorrupt(Runnable action, String expected) {
    ConversionException e = assertInputError(action::run);
    assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
  }
}
