package io.litertj.checkpoint;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VersionDef;

/**
 * Interprets a checkpoint index table as a tensor bundle: the entry with the empty key is the
 * {@link BundleHeaderProto}, every other entry a {@link BundleEntryProto}. Each entry is checked
 * for self-consistency here (shape, dtype, size, shard number), so later reads can trust it.
 */
final class BundleIndex {

  private static final Logger LOG = LoggerFactory.getLogger(BundleIndex.class);

  /** The bundle format version this reader implements (TensorFlow's kTensorBundleVersion). */
  private static final int READER_VERSION = 1;
  /** Bytes a string tensor needs beyond one per element: the checksum of the length varints. */
  private static final int STRING_LENGTHS_CRC_SIZE = 4;

  private final BundleHeaderProto header;
  private final Map<String, StoredTensor> tensors;

  private BundleIndex(BundleHeaderProto header, Map<String, StoredTensor> tensors) {
    this.header = header;
    this.tensors = tensors;
  }

  int shardCount() {
    return header.getNumShards();
  }

  /** The tensors by key, in the table's (byte-wise) key order. */
  Map<String, StoredTensor> tensors() {
    return tensors;
  }

  static BundleIndex of(SsTable table, Path file) {
    if (table.entries().isEmpty() || table.entries().get(0).key().length != 0) {
      throw CheckpointErrors.corrupt(file, "the index has no header entry (the entry with the empty key)");
    }
    BundleHeaderProto header = parseHeader(table.entries().get(0).value(), file);
    Map<String, StoredTensor> tensors = new LinkedHashMap<>();
    for (TableEntry raw : table.entries().subList(1, table.entries().size())) {
      // Keys starting with a 0 byte name the slices of partitioned variables; they are not variables.
      if (raw.key()[0] == 0) {
        continue;
      }
      String key = decodeKey(raw.key());
      if (key == null) {
        LOG.warn("skipping checkpoint entry with a key that is not UTF-8 in {}", file);
        continue;
      }
      tensors.put(key, parseEntry(key, raw.value(), header.getNumShards(), file));
    }
    return new BundleIndex(header, Collections.unmodifiableMap(tensors));
  }

  private static BundleHeaderProto parseHeader(byte[] bytes, Path file) {
    BundleHeaderProto header;
    try {
      header = BundleHeaderProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw CheckpointErrors.corrupt(file, "the header entry is not a valid BundleHeaderProto: " + e.getMessage(), e);
    }
    if (header.getEndianness() != BundleHeaderProto.Endianness.LITTLE) {
      throw CheckpointErrors.unsupported(file, "the checkpoint was written in " + header.getEndianness()
          + " byte order; only little-endian checkpoints are read", "re-save the checkpoint on a little-endian machine"
          + " (x86, ARM)");
    }
    VersionDef version = header.getVersion();
    if (version.getMinConsumer() > READER_VERSION || version.getBadConsumersList().contains(READER_VERSION)) {
      throw CheckpointErrors.unsupported(file, "the checkpoint format version (producer " + version.getProducer()
          + ", min consumer " + version.getMinConsumer() + ") is newer than this reader's version " + READER_VERSION,
          "re-save the checkpoint with a TensorFlow 2.x release");
    }
    if (header.getNumShards() <= 0) {
      throw CheckpointErrors.corrupt(file, "the header says the checkpoint has " + header.getNumShards()
          + " data shards");
    }
    return header;
  }

  private static StoredTensor parseEntry(String key, byte[] bytes, int shardCount, Path file) {
    BundleEntryProto proto;
    try {
      proto = BundleEntryProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw CheckpointErrors.corrupt(file, "the entry of '" + key + "' is not a valid BundleEntryProto: "
          + e.getMessage(), e);
    }
    long[] shape = shape(key, proto.getShape(), file);
    long elements = elementCount(key, shape, file);
    DataType dtype = proto.getDtype();
    CheckpointEntry entry =
        new CheckpointEntry(key, dtype, shape, proto.getShardId(), proto.getOffset(), proto.getSize());
    boolean sliced = proto.getSlicesCount() > 0;
    if (sliced) {
      return new StoredTensor(entry, proto.getCrc32C(), true);
    }
    if (entry.shard() < 0 || entry.shard() >= shardCount) {
      throw CheckpointErrors.corrupt(file, "tensor '" + key + "' is in data shard " + entry.shard()
          + ", but the checkpoint has " + shardCount + " shards");
    }
    if (entry.offset() < 0 || entry.size() < 0) {
      throw CheckpointErrors.corrupt(file, "tensor '" + key + "' has offset " + entry.offset() + " and size "
          + entry.size());
    }
    checkSize(entry, elements, file);
    return new StoredTensor(entry, proto.getCrc32C(), false);
  }

  private static void checkSize(CheckpointEntry entry, long elements, Path file) {
    int width = ElementSizes.of(entry.dtype());
    if (width != ElementSizes.NOT_FIXED) {
      long expected = multiply(elements, width, entry.key(), file);
      if (entry.size() != expected) {
        throw CheckpointErrors.corrupt(file, "tensor '" + entry.key() + "' of " + entry.dtype() + " and "
            + elements + " elements should take " + expected + " bytes, but its entry says " + entry.size());
      }
    } else if (entry.dtype() == DataType.DT_STRING && entry.size() - STRING_LENGTHS_CRC_SIZE < elements) {
      throw CheckpointErrors.corrupt(file, "string tensor '" + entry.key() + "' of " + elements
          + " elements cannot fit in " + entry.size() + " bytes");
    }
    // Other dtypes (resources, variants) are rejected when read, not here: the rest stays usable.
  }

  private static long[] shape(String key, TensorShapeProto proto, Path file) {
    if (proto.getUnknownRank()) {
      throw CheckpointErrors.corrupt(file, "tensor '" + key + "' has a shape of unknown rank");
    }
    long[] shape = new long[proto.getDimCount()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = proto.getDim(i).getSize();
      if (shape[i] < 0) {
        throw CheckpointErrors.corrupt(file, "tensor '" + key + "' has dimension " + i + " of size " + shape[i]);
      }
    }
    return shape;
  }

  private static long elementCount(String key, long[] shape, Path file) {
    long count = 1;
    for (long dim : shape) {
      count = multiply(count, dim, key, file);
    }
    return count;
  }

  private static long multiply(long a, long b, String key, Path file) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw CheckpointErrors.corrupt(file, "the shape of tensor '" + key + "' has more elements than fit in 64 bits");
    }
  }

  private static String decodeKey(byte[] key) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(key))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
