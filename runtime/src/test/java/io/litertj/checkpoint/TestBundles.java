package io.litertj.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VersionDef;

/** Hand-made bundle indexes, for entries TensorFlow would never write. */
final class TestBundles {

  private TestBundles() {}

  static BundleHeaderProto header(int shards) {
    return BundleHeaderProto.newBuilder()
        .setNumShards(shards)
        .setEndianness(BundleHeaderProto.Endianness.LITTLE)
        .setVersion(VersionDef.newBuilder().setProducer(1))
        .build();
  }

  static BundleEntryProto entry(DataType dtype, long[] shape, int shard, long offset, long size, int maskedCrc) {
    TensorShapeProto.Builder shapeProto = TensorShapeProto.newBuilder();
    for (long dim : shape) {
      shapeProto.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
    }
    return BundleEntryProto.newBuilder()
        .setDtype(dtype)
        .setShape(shapeProto)
        .setShardId(shard)
        .setOffset(offset)
        .setSize(size)
        .setCrc32C(maskedCrc)
        .build();
  }

  /** An entry whose masked CRC matches {@code data}. */
  static BundleEntryProto entry(DataType dtype, long[] shape, long offset, byte[] data) {
    return entry(dtype, shape, 0, offset, data.length, Crc32c.mask(Crc32c.of(ByteBuffer.wrap(data))));
  }

  /** Writes {@code <prefix>.index} with the header and raw entry values, sorted by key. */
  static void writeIndex(Path prefix, BundleHeaderProto header, Map<String, byte[]> values) throws IOException {
    TreeMap<String, byte[]> sorted = new TreeMap<>(values);
    List<TableEntry> entries = new ArrayList<>();
    entries.add(new TableEntry(new byte[0], header.toByteArray()));
    sorted.forEach((k, v) -> entries.add(new TableEntry(k.getBytes(StandardCharsets.UTF_8), v)));
    Files.write(index(prefix), TestTables.write(entries, 4096, 16, (byte) 0));
  }

  static Path index(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".index");
  }

  static Path data(Path prefix, int shard, int shards) {
    return prefix.resolveSibling(String.format("%s.data-%05d-of-%05d", prefix.getFileName(), shard, shards));
  }
}
