package io.litertj.checkpoint;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/** Checkpoints written by real TensorFlow (TF Java), read back and compared with what was stored. */
class CheckpointReaderTest {

  @TempDir Path dir;

  @Test
  void readsVariablesSavedBySession() {
    Path prefix = dir.resolve("ckpt");
    float[][] kernel = {{1.5f, -2f, 3.25f}, {4f, 5f, -6.5f}};
    int[] counts = {7, -8, 2_000_000_000};
    long[][][] big = {{{1L, -2L}, {Long.MAX_VALUE, Long.MIN_VALUE}}, {{5L, 6L}, {7L, 8L}}};
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      tf.withSubScope("dense").withName("kernel").variable(tf.constant(kernel));
      tf.withName("counts").variable(tf.constant(counts));
      tf.withSubScope("nested").withName("int64").variable(tf.constant(big));
      session.initialize();
      session.save(prefix.toString());
    }
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertEquals(List.of("counts", "dense/kernel", "nested/int64"), reader.keys());
      CheckpointEntry k = reader.entry("dense/kernel");
      assertEquals(DataType.DT_FLOAT, k.dtype());
      assertArrayEquals(new long[] {2, 3}, k.shape());
      assertEquals(24, k.size());
      assertArrayEquals(new float[] {1.5f, -2f, 3.25f, 4f, 5f, -6.5f}, floats(reader.read("dense/kernel")));
      assertEquals(DataType.DT_INT32, reader.entry("counts").dtype());
      assertArrayEquals(counts, ints(reader.read("counts")));
      assertEquals(DataType.DT_INT64, reader.entry("nested/int64").dtype());
      assertArrayEquals(new long[] {2, 2, 2}, reader.entry("nested/int64").shape());
      assertArrayEquals(new long[] {1, -2, Long.MAX_VALUE, Long.MIN_VALUE, 5, 6, 7, 8},
          longs(reader.read("nested/int64")));
    }
  }

  @Test
  void readsSavedModelExportedByTensorFlow() throws Exception {
    Path model = dir.resolve("model");
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      var w = tf.withName("w").variable(tf.constant(new float[][] {{2f}, {3f}}));
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, 2)));
      var y = tf.withName("y").linalg.matMul(x, w);
      session.initialize();
      SavedModelBundle.exporter(model.toString())
          .withSession(session)
          .withSignature(Signature.builder().input("x", x).output("y", y).build())
          .export();
    }
    assertTrue(Files.exists(model.resolve("variables/variables.index")));
    try (CheckpointReader reader = CheckpointReader.open(model.resolve("variables/variables"))) {
      assertTrue(reader.contains("w"));
      assertArrayEquals(new float[] {2f, 3f}, floats(reader.read("w")));
    }
  }

  @Test
  void readsManyKeysAcrossSeveralBlocks() {
    Path prefix = dir.resolve("many");
    int count = 6000;
    String stem = "model/" + "very_long_scope_name/".repeat(20) + "layer_";
    TfCheckpoints.save(prefix, t -> {
      for (int i = 0; i < count; i++) {
        t.add(String.format("%s%05d/bias", stem, i), t.tf.constant(new float[] {i, -i}));
      }
    });
    SsTable table = SsTable.read(prefix.resolveSibling("many.index"));
    assertTrue(table.dataBlockCount() > 1, "expected several data blocks, got " + table.dataBlockCount());
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertEquals(count, reader.keys().size());
      for (int i = 0; i < count; i++) {
        String key = String.format("%s%05d/bias", stem, i);
        assertEquals(key, reader.keys().get(i));
        assertArrayEquals(new float[] {i, -i}, floats(reader.read(key)), key);
      }
    }
  }

  @Test
  void readsLargeTensorWithoutCopy() {
    Path prefix = dir.resolve("big");
    float[] values = new float[1 << 20];
    Random random = new Random(42);
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat();
    }
    TfCheckpoints.save(prefix, t -> t.add("a_small", t.tf.constant(3))
        .add("big", t.tf.constant(values))
        .add("z_after", t.tf.constant(new long[] {9L})));
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      ByteBuffer data = reader.read("big");
      assertEquals(4 << 20, data.remaining());
      assertTrue(data.isReadOnly());
      assertTrue(data.isDirect(), "the data should be a memory map, not a heap copy");
      assertEquals(ByteOrder.LITTLE_ENDIAN, data.order());
      assertArrayEquals(values, floats(data));
      assertEquals(3, reader.read("a_small").getInt(0));
      assertArrayEquals(new long[] {}, reader.entry("a_small").shape());
      assertEquals(9L, reader.read("z_after").getLong(0));
      reader.verify("big");
    }
  }

  @Test
  void readsOtherFixedSizeTypes() {
    Path prefix = dir.resolve("types");
    TfCheckpoints.save(prefix, t -> t.add("f64", t.tf.constant(new double[] {Math.PI, -0.0}))
        .add("u8", t.tf.constant(new byte[] {0, 1, (byte) 255}))
        .add("bool", t.tf.constant(new boolean[] {true, false, true}))
        .add("empty", t.tf.constant(new float[0])));
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      ByteBuffer f64 = reader.read("f64");
      assertEquals(DataType.DT_DOUBLE, reader.entry("f64").dtype());
      assertEquals(Math.PI, f64.getDouble(0));
      assertEquals(Double.doubleToRawLongBits(-0.0), f64.getLong(8));
      assertEquals(DataType.DT_UINT8, reader.entry("u8").dtype());
      assertEquals(ByteBuffer.wrap(new byte[] {0, 1, (byte) 255}), reader.read("u8"));
      assertEquals(DataType.DT_BOOL, reader.entry("bool").dtype());
      assertEquals(ByteBuffer.wrap(new byte[] {1, 0, 1}), reader.read("bool"));
      assertEquals(0, reader.read("empty").remaining());
      assertArrayEquals(new long[] {0}, reader.entry("empty").shape());
    }
  }

  @Test
  void readsStringTensors() {
    Path prefix = dir.resolve("strings");
    byte[] binary = new byte[300];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    List<byte[]> elements = List.of("".getBytes(StandardCharsets.UTF_8), "hello".getBytes(StandardCharsets.UTF_8),
        binary, "zürich".getBytes(StandardCharsets.UTF_8));
    byte[] objectGraph = new byte[5000];
    new Random(7).nextBytes(objectGraph);
    TfCheckpoints.save(prefix, t -> {
      var vector = NdArrays.ofObjects(byte[].class, Shape.of(2, 2));
      for (int i = 0; i < elements.size(); i++) {
        vector.setObject(elements.get(i), i / 2, i % 2);
      }
      t.add("_CHECKPOINTABLE_OBJECT_GRAPH", t.tf.constantOf(TString.tensorOfBytes(
              NdArrays.scalarOfObject(objectGraph))))
          .add("words", t.tf.constantOf(TString.tensorOfBytes(vector)))
          .add("plain", t.tf.constant("just text"));
    });
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertEquals(DataType.DT_STRING, reader.entry("words").dtype());
      assertArrayEquals(new long[] {2, 2}, reader.entry("words").shape());
      List<byte[]> words = reader.readStrings("words");
      assertEquals(4, words.size());
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(elements.get(i), words.get(i), "element " + i);
      }
      List<byte[]> graph = reader.readStrings("_CHECKPOINTABLE_OBJECT_GRAPH");
      assertEquals(1, graph.size());
      assertArrayEquals(objectGraph, graph.get(0));
      assertEquals("just text", new String(reader.readStrings("plain").get(0), StandardCharsets.UTF_8));
      ConversionException e = assertInputError(() -> reader.read("words"));
      assertTrue(e.getMessage().contains("readStrings"), e.getMessage());
    }
  }

  @Test
  void readsShardedCheckpoint() {
    Path a = dir.resolve("tmp/part-a");
    Path b = dir.resolve("tmp/part-b");
    TfCheckpoints.save(a, t -> t.add("layer1/w", t.tf.constant(new float[] {1f, 2f})));
    TfCheckpoints.save(b, t -> t.add("layer2/w", t.tf.constant(new float[] {3f, 4f, 5f})));
    Path prefix = dir.resolve("variables");
    TfCheckpoints.merge(List.of(a, b), prefix);
    assertTrue(Files.exists(dir.resolve("variables.data-00001-of-00002")));
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertEquals(0, reader.entry("layer1/w").shard());
      assertEquals(1, reader.entry("layer2/w").shard());
      assertArrayEquals(new float[] {1f, 2f}, floats(reader.read("layer1/w")));
      assertArrayEquals(new float[] {3f, 4f, 5f}, floats(reader.read("layer2/w")));
    }
  }

  @Test
  void rejectsPartitionedVariableClearly() {
    Path prefix = dir.resolve("sliced");
    TfCheckpoints.save(prefix, t -> t.addSlice("part", "4 2 0,2:-", t.tf.constant(new float[][] {{1, 2}, {3, 4}}))
        .add("whole", t.tf.constant(1f)));
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertEquals(List.of("part", "whole"), reader.keys());
      assertArrayEquals(new long[] {4, 2}, reader.entry("part").shape());
      ConversionException e = assertInputError(() -> reader.read("part"));
      assertTrue(e.getMessage().contains("'part' was saved in slices"), e.getMessage());
      assertEquals(1f, reader.read("whole").getFloat(0));
    }
  }

  @Test
  void unknownKeyIsAConversionError() {
    Path prefix = dir.resolve("one");
    TfCheckpoints.save(prefix, t -> t.add("a", t.tf.constant(1f)));
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertFalse(reader.contains("b"));
      ConversionException e = assertInputError(() -> reader.entry("b"));
      assertTrue(e.getMessage().contains("no tensor 'b'"), e.getMessage());
      assertTrue(e.getMessage().contains("one.index"), e.getMessage());
      e = assertInputError(() -> reader.readStrings("a"));
      assertTrue(e.getMessage().contains("DT_FLOAT"), e.getMessage());
    }
  }

  @Test
  void buffersStayValidAfterClose() {
    Path prefix = dir.resolve("one");
    TfCheckpoints.save(prefix, t -> t.add("a", t.tf.constant(new float[] {1f, 2f})));
    ByteBuffer data;
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      data = reader.read("a");
    }
    assertArrayEquals(new float[] {1f, 2f}, floats(data));
  }

  static float[] floats(ByteBuffer data) {
    float[] out = new float[data.remaining() / 4];
    data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  static int[] ints(ByteBuffer data) {
    int[] out = new int[data.remaining() / 4];
    data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }

  static long[] longs(ByteBuffer data) {
    long[] out = new long[data.remaining() / 8];
    data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
    return out;
  }
}
