package io.litertj.checkpoint;

import io.litertj.ConversionException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.DataType;

/**
 * Reads a TensorFlow checkpoint ("tensor bundle"), such as a SavedModel's {@code variables/}:
 * {@code <prefix>.index} lists every tensor, {@code <prefix>.data-NNNNN-of-MMMMM} hold their bytes.
 *
 * <p>The index is decoded and checked when the reader opens. Tensor bytes are memory-mapped, not
 * copied; each tensor's CRC-32C is checked once, on its first read when it is at most
 * {@link #DEFAULT_VERIFY_LIMIT} bytes (or the limit given to {@link #open(Path, long)}), or by
 * {@link #verify(String)}. Every problem with the files is reported as a {@link ConversionException}.
 *
 * <p>Instances are safe for use by several threads.
 */
public final class CheckpointReader implements AutoCloseable {

  /** Tensors up to this size are verified on first read: a cheap pass compared to converting them. */
  public static final long DEFAULT_VERIFY_LIMIT = 256L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointReader.class);

  private final Path indexFile;
  private final BundleIndex index;
  private final ShardFiles shards;
  private final long verifyLimit;
  private final List<String> keys;
  private final Set<String> verified = ConcurrentHashMap.newKeySet();

  private CheckpointReader(Path indexFile, BundleIndex index, ShardFiles shards, long verifyLimit) {
    this.indexFile = indexFile;
    this.index = index;
    this.shards = shards;
    this.verifyLimit = verifyLimit;
    this.keys = List.copyOf(index.tensors().keySet());
  }

  /**
   * Opens the checkpoint with the given prefix, verifying tensors of up to
   * {@link #DEFAULT_VERIFY_LIMIT} bytes on first read.
   *
   * @param variablesPrefix the path without suffixes, e.g. {@code <savedmodel>/variables/variables}
   * @throws ConversionException if the index or a data file is missing, unreadable or corrupt
   */
  public static CheckpointReader open(Path variablesPrefix) {
    return open(variablesPrefix, DEFAULT_VERIFY_LIMIT);
  }

  /**
   * Opens the checkpoint with the given prefix.
   *
   * @param variablesPrefix the path without suffixes, e.g. {@code <savedmodel>/variables/variables}
   * @param verifyOnReadLimit tensors up to this many bytes are verified against their CRC on first
   *     read; 0 verifies none, {@code Long.MAX_VALUE} all
   * @throws ConversionException if the index or a data file is missing, unreadable or corrupt
   */
  public static CheckpointReader open(Path variablesPrefix, long verifyOnReadLimit) {
    Objects.requireNonNull(variablesPrefix, "variablesPrefix");
    Path prefix = variablesPrefix.toAbsolutePath();
    if (prefix.getFileName() == null) {
      throw ConversionException.builder("'" + variablesPrefix + "' is not a checkpoint prefix")
          .hint("pass the path without suffixes, e.g. <savedmodel>/variables/variables")
          .build();
    }
    Path indexFile = prefix.resolveSibling(prefix.getFileName() + ".index");
    if (!Files.exists(indexFile) && Files.isDirectory(prefix)) {
      throw ConversionException.builder("'" + prefix + "' is a directory, not a checkpoint prefix")
          .file(indexFile)
          .hint("pass the path without suffixes, e.g. " + prefix.resolve("variables"))
          .build();
    }
    BundleIndex index = BundleIndex.of(SsTable.read(indexFile), indexFile);
    ShardFiles shards = new ShardFiles(prefix, index.shardCount());
    for (StoredTensor tensor : index.tensors().values()) {
      if (!tensor.sliced()) {
        shards.checkBounds(tensor.entry());
      }
    }
    LOG.debug("opened checkpoint {} with {} tensors in {} shards", prefix, index.tensors().size(),
        index.shardCount());
    return new CheckpointReader(indexFile, index, shards, verifyOnReadLimit);
  }

  /** The tensor keys, in the checkpoint's byte-wise order; the header and slice entries are left out. */
  public List<String> keys() {
    return keys;
  }

  /** Whether the checkpoint has a tensor with this key. */
  public boolean contains(String key) {
    return index.tensors().containsKey(key);
  }

  /**
   * The index entry of a tensor.
   *
   * @throws ConversionException if there is no such key
   */
  public CheckpointEntry entry(String key) {
    return stored(key).entry();
  }

  /**
   * The bytes of a fixed-size tensor (numbers, booleans), in row-major order: a read-only,
   * little-endian view of the mapped data file, positioned at 0.
   *
   * @throws ConversionException if the key is unknown, the tensor holds strings or other
   *     variable-size values, was saved in slices, or its data is corrupt
   */
  public ByteBuffer read(String key) {
    StoredTensor tensor = readable(key);
    DataType dtype = tensor.entry().dtype();
    if (ElementSizes.of(dtype) == ElementSizes.NOT_FIXED) {
      String hint = dtype == DataType.DT_STRING
          ? "read string tensors with readStrings"
          : "only numeric and boolean tensors can be read as bytes";
      throw CheckpointErrors.unsupported(indexFile, "tensor '" + key + "' has dtype " + dtype, hint);
    }
    return data(tensor);
  }

  /**
   * The elements of a DT_STRING tensor, in row-major order, as raw bytes.
   *
   * @throws ConversionException if the key is unknown, the tensor is not DT_STRING, or its data is
   *     corrupt
   */
  public List<byte[]> readStrings(String key) {
    StoredTensor tensor = readable(key);
    if (tensor.entry().dtype() != DataType.DT_STRING) {
      throw CheckpointErrors.unsupported(indexFile, "tensor '" + key + "' has dtype " + tensor.entry().dtype()
          + ", not DT_STRING", "read numeric tensors with read");
    }
    return StringTensors.decode(data(tensor), tensor.entry().elementCount(), shards.path(tensor.entry().shard()), key);
  }

  /**
   * Checks a tensor's bytes against the CRC-32C in the index, whatever their size. Each tensor is
   * checked at most once.
   *
   * @throws ConversionException if the key is unknown or the bytes do not match
   */
  public void verify(String key) {
    StoredTensor tensor = readable(key);
    verify(tensor, shards.map(tensor.entry()));
  }

  /**
   * Releases the data files. Buffers already returned stay valid; the mappings end when they are
   * garbage-collected.
   */
  @Override
  public void close() {
    shards.close();
  }

  private ByteBuffer data(StoredTensor tensor) {
    ByteBuffer data = shards.map(tensor.entry());
    if (tensor.entry().size() <= verifyLimit) {
      verify(tensor, data);
    }
    return data;
  }

  private void verify(StoredTensor tensor, ByteBuffer data) {
    CheckpointEntry entry = tensor.entry();
    if (verified.contains(entry.key())) {
      return;
    }
    int actual = Crc32c.mask(crcOf(tensor, data));
    if (actual != tensor.maskedCrc32c()) {
      String what = String.format("CRC mismatch in tensor '%s' (bytes %d to %d: stored 0x%08x, computed 0x%08x)",
          entry.key(), entry.offset(), entry.offset() + entry.size(), tensor.maskedCrc32c(), actual);
      throw CheckpointErrors.corrupt(shards.path(entry.shard()), what);
    }
    verified.add(entry.key());
  }

  private int crcOf(StoredTensor tensor, ByteBuffer data) {
    CheckpointEntry entry = tensor.entry();
    if (ElementSizes.of(entry.dtype()) != ElementSizes.NOT_FIXED) {
      return Crc32c.of(data);
    }
    if (entry.dtype() == DataType.DT_STRING) {
      return StringTensors.entryCrc(data, entry.elementCount(), shards.path(entry.shard()), entry.key());
    }
    throw CheckpointErrors.unsupported(indexFile, "tensor '" + entry.key() + "' has dtype " + entry.dtype(),
        "only numeric, boolean and string tensors can be read");
  }

  private StoredTensor readable(String key) {
    StoredTensor tensor = stored(key);
    if (tensor.sliced()) {
      throw CheckpointErrors.unsupported(indexFile, "tensor '" + key + "' was saved in slices (a partitioned"
          + " variable)", "save the model without variable partitioning, e.g. without tf.fixed_size_partitioner");
    }
    return tensor;
  }

  private StoredTensor stored(String key) {
    Objects.requireNonNull(key, "key");
    StoredTensor tensor = index.tensors().get(key);
    if (tensor == null) {
      throw ConversionException.builder("the checkpoint has no tensor '" + key + "' (it has " + keys.size()
              + " tensors)")
          .file(indexFile)
          .hint("the variables/ directory may not belong to this SavedModel; re-export the SavedModel")
          .build();
    }
    return tensor;
  }
}
