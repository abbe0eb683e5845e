package io.litertj.checkpoint;

import static io.litertj.checkpoint.CodecTest.assertCorrupt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table and block decoders on tables built in the test, including layouts TensorFlow avoids. */
class SsTableTest {

  private static final Path FILE = Path.of("hand-made.index");

  @ParameterizedTest
  @CsvSource({"1, 64", "3, 500", "16, 4096", "16, 1000000"})
  void decodesWhatWasWritten(int restartInterval, int blockSize) {
    List<TableEntry> entries = randomEntries(1500, new Random(restartInterval));
    byte[] table = TestTables.write(entries, blockSize, restartInterval, (byte) 0);
    SsTable decoded = SsTable.decode(ByteBuffer.wrap(table), FILE);
    assertEquals(entries.size(), decoded.entries().size());
    for (int i = 0; i < entries.size(); i++) {
      assertArrayEquals(entries.get(i).key(), decoded.entries().get(i).key());
      assertArrayEquals(entries.get(i).value(), decoded.entries().get(i).value());
    }
    if (blockSize < 1000000) {
      assertTrue(decoded.dataBlockCount() > 1);
    }
  }

  @Test
  void decodesAnEmptyTable() {
    SsTable decoded = SsTable.decode(ByteBuffer.wrap(TestTables.write(List.of(), 4096, 16, (byte) 0)), FILE);
    assertEquals(0, decoded.entries().size());
  }

  @Test
  void reportsBlocksMarkedSnappyThatAreNotSnappy() {
    // Real Snappy blocks are read through half_plus_two_tf1's index in the conformance suite.
    byte[] table = TestTables.write(randomEntries(10, new Random(1)), 4096, 16, (byte) 1);
    assertCorrupt(() -> SsTable.decode(ByteBuffer.wrap(table), FILE), "Snappy");
  }

  @Test
  void rejectsUnknownCompression() {
    byte[] table = TestTables.write(randomEntries(10, new Random(1)), 4096, 16, (byte) 7);
    assertCorrupt(() -> SsTable.decode(ByteBuffer.wrap(table), FILE), "unknown compression type 7");
  }

  @Test
  void rejectsKeysOutOfOrder() {
    List<TableEntry> entries = new ArrayList<>(randomEntries(10, new Random(1)));
    entries.add(entries.get(3));
    byte[] table = TestTables.write(entries, 4096, 16, (byte) 0);
    assertCorrupt(() -> SsTable.decode(ByteBuffer.wrap(table), FILE), "out of order");
  }

  @Test
  void rejectsFlippedBitsInABlock() {
    byte[] table = TestTables.write(randomEntries(50, new Random(1)), 4096, 16, (byte) 0);
    table[20] ^= 0x10;
    assertCorrupt(() -> SsTable.decode(ByteBuffer.wrap(table), FILE), "CRC mismatch in the data block at offset 0");
  }

  @Test
  void rejectsRestartPointInsideAnEntry() {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.writeBytes(new byte[] {0, 1, 1, 'a', 'x'});
    block.writeBytes(new byte[] {1, 1, 1, 'b', 'y'});
    block.writeBytes(TestTables.fixed32(0));
    block.writeBytes(TestTables.fixed32(2));
    block.writeBytes(TestTables.fixed32(2));
    assertCorrupt(() -> Block.decode(ByteBuffer.wrap(block.toByteArray()), FILE, "block", e -> { }),
        "restart point 2 is not at the start of an entry");
  }

  @Test
  void rejectsSharedPrefixAtARestartPoint() {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.writeBytes(new byte[] {0, 1, 1, 'a', 'x'});
    block.writeBytes(new byte[] {1, 1, 1, 'b', 'y'});
    block.writeBytes(TestTables.fixed32(0));
    block.writeBytes(TestTables.fixed32(5));
    block.writeBytes(TestTables.fixed32(2));
    assertCorrupt(() -> Block.decode(ByteBuffer.wrap(block.toByteArray()), FILE, "block", e -> { }),
        "must store the whole key");
  }

  @Test
  void rejectsSharingMoreThanThePreviousKey() {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.writeBytes(new byte[] {0, 1, 1, 'a', 'x'});
    block.writeBytes(new byte[] {5, 1, 1, 'b', 'y'});
    block.writeBytes(TestTables.fixed32(0));
    block.writeBytes(TestTables.fixed32(1));
    assertCorrupt(() -> Block.decode(ByteBuffer.wrap(block.toByteArray()), FILE, "block", e -> { }),
        "shares 5 bytes with a previous key of 1 bytes");
  }

  @Test
  void rejectsImpossibleRestartCounts() {
    byte[] block = new byte[12];
    System.arraycopy(TestTables.fixed32(-1), 0, block, 8, 4);
    assertCorrupt(() -> Block.decode(ByteBuffer.wrap(block), FILE, "block", e -> { }), "4294967295 restart points");
    assertCorrupt(() -> Block.decode(ByteBuffer.wrap(new byte[3]), FILE, "block", e -> { }),
        "cannot hold the restart count");
  }

  @Test
  void rejectsValuesRunningPastTheBlock() {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.writeBytes(new byte[] {0, 1, 100, 'a', 'x'});
    block.writeBytes(TestTables.fixed32(0));
    block.writeBytes(TestTables.fixed32(1));
    assertCorrupt(() -> Block.decode(ByteBuffer.wrap(block.toByteArray()), FILE, "block", e -> { }),
        "value of 100 bytes");
  }

  @Test
  void rejectsFooterPointingOutsideTheFile() {
    byte[] table = TestTables.write(randomEntries(5, new Random(1)), 4096, 16, (byte) 0);
    int footer = table.length - Footer.SIZE;
    byte[] handles = new byte[Footer.SIZE - 8];
    byte[] bad = concat(TestTables.varint(0), TestTables.varint(0), TestTables.varint(1L << 40),
        TestTables.varint(10));
    System.arraycopy(bad, 0, handles, 0, bad.length);
    System.arraycopy(handles, 0, table, footer, handles.length);
    assertCorrupt(() -> SsTable.decode(ByteBuffer.wrap(table), FILE), "beyond the");
  }

  @Test
  void capsTheMemoryOfPrefixCompressedKeys() {
    // 100 KB key shared by thousands of tiny entries: small file, gigabytes of keys.
    List<TableEntry> entries = new ArrayList<>();
    byte[] stem = new byte[100_000];
    Arrays.fill(stem, (byte) 'k');
    for (int i = 0; i < 1000; i++) {
      byte[] key = Arrays.copyOf(stem, stem.length + 4);
      ByteBuffer.wrap(key, stem.length, 4).putInt(i);
      entries.add(new TableEntry(key, new byte[0]));
    }
    byte[] table = TestTables.write(entries, Integer.MAX_VALUE, 1_000_000, (byte) 0);
    assertTrue(table.length < 300_000, "table of " + table.length + " bytes");
    assertCorrupt(() -> SsTable.decode(ByteBuffer.wrap(table), FILE), "keys add up to more than");
  }

  static List<TableEntry> randomEntries(int count, Random random) {
    TreeMap<String, byte[]> sorted = new TreeMap<>();
    while (sorted.size() < count) {
      String key = "layer_" + random.nextInt(count * 4) + "/" + (random.nextBoolean() ? "kernel" : "bias");
      byte[] value = new byte[random.nextInt(40)];
      random.nextBytes(value);
      sorted.put(key, value);
    }
    List<TableEntry> entries = new ArrayList<>();
    sorted.forEach((k, v) -> entries.add(new TableEntry(k.getBytes(StandardCharsets.UTF_8), v)));
    return entries;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
