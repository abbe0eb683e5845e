package io.litertj.checkpoint;

import static io.litertj.testing.InputErrors.assertInputError;
import static io.litertj.checkpoint.CodecTest.assertCorrupt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.litertj.ConversionException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.VersionDef;
import org.tensorflow.types.TString;

/** Damaged and hostile checkpoints: every problem must be a ConversionException that says what and where. */
class CheckpointCorruptionTest {

  @TempDir Path dir;
  private Path prefix;

  /** A real checkpoint: several tensors, a string tensor, enough keys for several restart points. */
  @BeforeEach
  void writeCheckpoint() {
    prefix = dir.resolve("variables");
    TfCheckpoints.save(prefix, t -> {
      for (int i = 0; i < 60; i++) {
        t.add(String.format("model/layer_%02d/kernel", i), t.tf.constant(new float[][] {{i, 1}, {2, 3}}));
      }
      var words = NdArrays.ofObjects(byte[].class, Shape.of(3));
      words.setObject("alpha".getBytes(), 0).setObject(new byte[200], 1).setObject(new byte[0], 2);
      t.add("words", t.tf.constantOf(TString.tensorOfBytes(words)));
      t.add("zz_big", t.tf.constant(new float[10_000]));
    });
  }

  @Test
  void missingIndex() throws IOException {
    Files.delete(index());
    assertCorrupt(() -> CheckpointReader.open(prefix), "the checkpoint index file is missing");
    assertCorrupt(() -> CheckpointReader.open(prefix), "variables.index");
  }

  @Test
  void directoryInsteadOfPrefix() {
    assertCorrupt(() -> CheckpointReader.open(dir), "is a directory, not a checkpoint prefix");
  }

  @Test
  void truncatedIndex() throws IOException {
    byte[] bytes = Files.readAllBytes(index());
    Files.write(index(), Arrays.copyOf(bytes, bytes.length - 10));
    ConversionException e = assertInputError(() -> CheckpointReader.open(prefix));
    assertTrue(e.getMessage().contains("magic number") && e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("re-export the SavedModel"), e.getMessage());
    assertEquals(index(), e.file().orElseThrow());

    Files.write(index(), Arrays.copyOf(bytes, 20));
    assertCorrupt(() -> CheckpointReader.open(prefix), "fewer than the 48-byte table footer");
    Files.write(index(), new byte[0]);
    assertCorrupt(() -> CheckpointReader.open(prefix), "has 0 bytes");
  }

  @Test
  void garbageIndex() throws IOException {
    byte[] garbage = new byte[5000];
    new Random(3).nextBytes(garbage);
    Files.write(index(), garbage);
    assertCorrupt(() -> CheckpointReader.open(prefix), "not a TensorFlow checkpoint index");
  }

  @Test
  void bitFlipInIndexBlock() throws IOException {
    flip(index(), 100);
    assertCorrupt(() -> CheckpointReader.open(prefix), "CRC mismatch in the data block at offset 0");
  }

  @Test
  void bitFlipInTensorData() throws IOException {
    CheckpointEntry entry;
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      entry = reader.entry("model/layer_07/kernel");
    }
    flip(data(), (int) entry.offset() + 5);
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      ConversionException e = assertInputError(() -> reader.read("model/layer_07/kernel"));
      assertTrue(e.getMessage().contains("CRC mismatch in tensor 'model/layer_07/kernel'"), e.getMessage());
      assertTrue(e.getMessage().contains("variables.data-00000-of-00001"), e.getMessage());
      // The neighbours are intact.
      assertEquals(8f, reader.read("model/layer_08/kernel").getFloat(0));
    }
  }

  @Test
  void verifyChecksLargeTensorsSkippedOnRead() throws IOException {
    CheckpointEntry entry;
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      entry = reader.entry("zz_big");
      reader.verify("zz_big");
    }
    flip(data(), (int) (entry.offset() + entry.size() - 1));
    try (CheckpointReader reader = CheckpointReader.open(prefix, 1000)) {
      assertEquals(40_000, reader.read("zz_big").remaining());
      assertCorrupt(() -> reader.verify("zz_big"), "CRC mismatch in tensor 'zz_big'");
    }
  }

  @Test
  void bitFlipInStringData() throws IOException {
    CheckpointEntry entry;
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      entry = reader.entry("words");
      assertArrayEquals("alpha".getBytes(), reader.readStrings("words").get(0));
    }
    byte[] original = Files.readAllBytes(data());
    flip(data(), (int) entry.offset() + 10);
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertCorrupt(() -> reader.readStrings("words"), "CRC mismatch in tensor 'words'");
    }
    Files.write(data(), original);
    flip(data(), (int) entry.offset());
    try (CheckpointReader reader = CheckpointReader.open(prefix, 0)) {
      assertCorrupt(() -> reader.readStrings("words"), "string tensor 'words'");
    }
  }

  @Test
  void missingDataShard() throws IOException {
    Files.delete(data());
    ConversionException e = assertInputError(() -> CheckpointReader.open(prefix));
    assertTrue(e.getMessage().contains("data shard 0 of 1 of the checkpoint is missing"), e.getMessage());
    assertTrue(e.getMessage().contains("copy the whole variables/ directory"), e.getMessage());
    assertEquals(data(), e.file().orElseThrow());
  }

  @Test
  void truncatedDataShard() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(data().toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
    assertCorrupt(() -> CheckpointReader.open(prefix), "beyond the end of its");
  }

  @Test
  void handMadeEntriesThatContradictThemselves() throws IOException {
    Path p = dir.resolve("hand");
    byte[] data = floats(1f, 2f, 3f, 4f);
    Files.write(TestBundles.data(p, 0, 1), data);
    Map<String, byte[]> entries = new HashMap<>();
    entries.put("good", TestBundles.entry(DataType.DT_FLOAT, new long[] {4}, 0, data).toByteArray());
    TestBundles.writeIndex(p, TestBundles.header(1), entries);
    try (CheckpointReader reader = CheckpointReader.open(p)) {
      assertEquals(4f, reader.read("good").getFloat(12));
    }

    assertOpenFails(p, entries, "bad_shard", TestBundles.entry(DataType.DT_FLOAT, new long[] {1}, 3, 0, 4, 0)
        .toByteArray(), "is in data shard 3, but the checkpoint has 1 shards");
    assertOpenFails(p, entries, "bad_size", TestBundles.entry(DataType.DT_FLOAT, new long[] {2, 2}, 0, 0, 12, 0)
        .toByteArray(), "should take 16 bytes, but its entry says 12");
    assertOpenFails(p, entries, "bad_offset", TestBundles.entry(DataType.DT_FLOAT, new long[] {1}, 0, -8, 4, 0)
        .toByteArray(), "has offset -8");
    assertOpenFails(p, entries, "past_end", TestBundles.entry(DataType.DT_FLOAT, new long[] {2}, 0, 12, 8, 0)
        .toByteArray(), "beyond the end of its 16-byte data file");
    assertOpenFails(p, entries, "huge_shape", TestBundles.entry(DataType.DT_FLOAT, new long[] {1L << 40, 1L << 40},
        0, 0, 4, 0).toByteArray(), "more elements than fit in 64 bits");
    assertOpenFails(p, entries, "negative_dim", TestBundles.entry(DataType.DT_FLOAT, new long[] {-1}, 0, 0, 4, 0)
        .toByteArray(), "dimension 0 of size -1");
    assertOpenFails(p, entries, "not_a_proto", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff},
        "the entry of 'not_a_proto' is not a valid BundleEntryProto");
  }

  @Test
  void handMadeHeaders() throws IOException {
    Path p = dir.resolve("hand");
    Files.write(TestBundles.data(p, 0, 1), new byte[0]);
    TestBundles.writeIndex(p, TestBundles.header(1).toBuilder()
        .setEndianness(BundleHeaderProto.Endianness.BIG).build(), Map.of());
    assertCorrupt(() -> CheckpointReader.open(p), "BIG byte order");
    TestBundles.writeIndex(p, TestBundles.header(1).toBuilder()
        .setVersion(VersionDef.newBuilder().setProducer(5).setMinConsumer(3)).build(), Map.of());
    assertCorrupt(() -> CheckpointReader.open(p), "newer than this reader's version");
    TestBundles.writeIndex(p, TestBundles.header(0), Map.of());
    assertCorrupt(() -> CheckpointReader.open(p), "has 0 data shards");
    Files.write(TestBundles.index(p), TestTables.write(SsTableTest.randomEntries(3, new Random(1)), 4096, 16,
        (byte) 0));
    assertCorrupt(() -> CheckpointReader.open(p), "no header entry");
  }

  @Test
  void unsupportedDtypes() throws IOException {
    Path p = dir.resolve("hand");
    Files.write(TestBundles.data(p, 0, 1), new byte[16]);
    Map<String, byte[]> entries = new HashMap<>();
    entries.put("resource", TestBundles.entry(DataType.DT_RESOURCE, new long[] {}, 0, new byte[16]).toByteArray());
    TestBundles.writeIndex(p, TestBundles.header(1), entries);
    try (CheckpointReader reader = CheckpointReader.open(p)) {
      assertCorrupt(() -> reader.read("resource"), "unsupported TensorFlow checkpoint: tensor 'resource' has dtype"
          + " DT_RESOURCE");
      assertCorrupt(() -> reader.verify("resource"), "DT_RESOURCE");
    }
  }

  /** A shard over 2 GiB (sparse on disk) is mapped per tensor; a tensor over 2 GiB is refused. */
  @Test
  void shardLargerThanTwoGigabytes() throws IOException {
    Path p = dir.resolve("huge");
    long offset = 5L << 30;
    byte[] tail = floats(6f, 7f);
    try (RandomAccessFile file = new RandomAccessFile(TestBundles.data(p, 0, 1).toFile(), "rw")) {
      file.setLength(offset + tail.length);
      file.seek(offset);
      file.write(tail);
    }
    Map<String, byte[]> entries = new HashMap<>();
    entries.put("far", TestBundles.entry(DataType.DT_FLOAT, new long[] {2}, offset, tail).toByteArray());
    entries.put("wide", TestBundles.entry(DataType.DT_FLOAT, new long[] {600_000_000L}, 0, 0, 2_400_000_000L, 0)
        .toByteArray());
    TestBundles.writeIndex(p, TestBundles.header(1), entries);
    try (CheckpointReader reader = CheckpointReader.open(p)) {
      ByteBuffer far = reader.read("far");
      assertEquals(7f, far.getFloat(4));
      assertCorrupt(() -> reader.read("wide"), "tensors over 2 GiB cannot be read");
    }
  }

  /** Random damage anywhere in a real index: any outcome but an exception other than ConversionException. */
  @Test
  void fuzzIndexFile() throws IOException {
    byte[] original = Files.readAllBytes(index());
    Random random = new Random(12345);
    for (int round = 0; round < 1500; round++) {
      byte[] damaged = original.clone();
      switch (round % 3) {
        case 0 -> damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
        case 1 -> damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
        default -> {
          // Damage only the footer's handles, where no CRC protects the bytes.
          int at = damaged.length - Footer.SIZE + random.nextInt(Footer.SIZE - 8);
          damaged[at] = (byte) random.nextInt(256);
        }
      }
      Files.write(index(), damaged);
      openAndReadAll(prefix, "round " + round);
    }
  }

  /** Blocks with damaged contents but valid CRCs reach the block and entry decoders. */
  @Test
  void fuzzBehindValidChecksums() throws IOException {
    SsTable table = SsTable.read(index());
    Random random = new Random(777);
    for (int round = 0; round < 1500; round++) {
      List<TableEntry> entries = new ArrayList<>(table.entries());
      int victim = random.nextInt(entries.size());
      byte[] value = entries.get(victim).value().clone();
      if (value.length > 0) {
        value[random.nextInt(value.length)] = (byte) random.nextInt(256);
      }
      entries.set(victim, new TableEntry(entries.get(victim).key(), value));
      Files.write(index(), TestTables.write(entries, 1 + random.nextInt(2000), 1 + random.nextInt(16), (byte) 0));
      openAndReadAll(prefix, "round " + round);
    }
    // And raw block bytes straight into the block decoder.
    byte[] block = TestTables.block(table.entries(), 16);
    for (int round = 0; round < 3000; round++) {
      byte[] damaged = block.clone();
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      try {
        Block.decode(ByteBuffer.wrap(damaged), index(), "block", e -> { });
      } catch (ConversionException expected) {
        // fine
      } catch (RuntimeException | Error e) {
        fail("block round " + round + ": " + e, e);
      }
    }
  }

  /** Damaged string data read without CRC verification still fails cleanly. */
  @Test
  void fuzzStringData() throws IOException {
    CheckpointEntry entry;
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      entry = reader.entry("words");
    }
    byte[] original = Files.readAllBytes(data());
    Random random = new Random(99);
    for (int round = 0; round < 500; round++) {
      byte[] damaged = original.clone();
      damaged[(int) entry.offset() + random.nextInt((int) entry.size())] = (byte) random.nextInt(256);
      Files.write(data(), damaged);
      try (CheckpointReader reader = CheckpointReader.open(prefix, 0)) {
        reader.readStrings("words");
      } catch (ConversionException expected) {
        // fine
      } catch (RuntimeException | Error e) {
        fail("round " + round + ": " + e, e);
      }
    }
  }

  private void openAndReadAll(Path p, String context) {
    try (CheckpointReader reader = CheckpointReader.open(p)) {
      for (String key : reader.keys()) {
        try {
          if (reader.entry(key).dtype() == DataType.DT_STRING) {
            reader.readStrings(key);
          } else {
            reader.read(key);
          }
        } catch (ConversionException expected) {
          assertTrue(expected.getMessage().length() > 20);
        }
      }
    } catch (ConversionException expected) {
      assertTrue(expected.file().isPresent(), context + ": no file in " + expected.getMessage());
    } catch (RuntimeException | Error e) {
      fail(context + ": " + e, e);
    }
  }

  private void assertOpenFails(Path p, Map<String, byte[]> good, String key, byte[] value, String expected)
      throws IOException {
    Map<String, byte[]> entries = new HashMap<>(good);
    entries.put(key, value);
    TestBundles.writeIndex(p, TestBundles.header(1), entries);
    assertCorrupt(() -> CheckpointReader.open(p), expected);
  }

  private Path index() {
    return TestBundles.index(prefix);
  }

  private Path data() {
    return TestBundles.data(prefix, 0, 1);
  }

  private static void flip(Path file, int at) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[at] ^= 0x04;
    Files.write(file, bytes);
  }

  private static byte[] floats(float... values) {
    ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      out.putFloat(v);
    }
    return out.array();
  }
}
