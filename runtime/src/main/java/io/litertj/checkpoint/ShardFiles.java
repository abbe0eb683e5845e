package io.litertj.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code <prefix>.data-NNNNN-of-MMMMM} files of a checkpoint, memory-mapped on demand. A shard
 * up to 2 GiB is mapped once as a whole and sliced per tensor; a larger shard is mapped one tensor
 * region at a time, since a single Java buffer cannot exceed 2 GiB. Nothing is copied to the heap;
 * mappings stay valid until garbage-collected, even after {@link #close()}.
 */
final class ShardFiles implements AutoCloseable {

  private static final String MISSING_HINT = "a checkpoint needs all of its variables.data-* files next to"
      + " variables.index; copy the whole variables/ directory again";

  private final Path prefix;
  private final int shardCount;
  private final Map<Integer, Long> lengths = new HashMap<>();
  private final Map<Integer, FileChannel> channels = new HashMap<>();
  private final Map<Integer, ByteBuffer> wholeMaps = new HashMap<>();
  private boolean closed;

  ShardFiles(Path prefix, int shardCount) {
    this.prefix = prefix;
    this.shardCount = shardCount;
  }

  /** The file of shard {@code shard}, named as TensorFlow names it. */
  Path path(int shard) {
    return prefix.resolveSibling(String.format("%s.data-%05d-of-%05d", prefix.getFileName(), shard, shardCount));
  }

  /** The length of a shard's file; fails if the file is missing. */
  synchronized long length(int shard) {
    Long known = lengths.get(shard);
    if (known != null) {
      return known;
    }
    Path file = path(shard);
    long length;
    try {
      length = Files.size(file);
    } catch (NoSuchFileException e) {
      throw CheckpointErrors.missing(file, "data shard " + shard + " of " + shardCount + " of the checkpoint is"
          + " missing", MISSING_HINT, e);
    } catch (IOException e) {
      throw CheckpointErrors.unreadable(file, e);
    }
    lengths.put(shard, length);
    return length;
  }

  /** Fails unless {@code [offset, offset + size)} lies inside the shard's file. */
  void checkBounds(CheckpointEntry entry) {
    long length = length(entry.shard());
    if (entry.offset() > length || entry.size() > length - entry.offset()) {
      throw CheckpointErrors.corrupt(path(entry.shard()), "tensor '" + entry.key() + "' lies at bytes "
          + entry.offset() + " to " + (entry.offset() + entry.size()) + ", beyond the end of its " + length
          + "-byte data file");
    }
  }

  /** A read-only, little-endian view of a tensor's bytes. */
  ByteBuffer map(CheckpointEntry entry) {
    if (entry.size() > Integer.MAX_VALUE) {
      throw CheckpointErrors.unsupported(path(entry.shard()), "tensor '" + entry.key() + "' has " + entry.size()
          + " bytes; tensors over 2 GiB cannot be read", "split the variable into smaller ones");
    }
    checkBounds(entry);
    int size = (int) entry.size();
    ByteBuffer region;
    if (length(entry.shard()) <= Integer.MAX_VALUE) {
      region = wholeMap(entry.shard()).slice((int) entry.offset(), size);
    } else {
      region = mapRegion(entry.shard(), entry.offset(), size);
    }
    return region.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  private synchronized ByteBuffer wholeMap(int shard) {
    ByteBuffer mapped = wholeMaps.get(shard);
    if (mapped == null) {
      mapped = mapRegion(shard, 0, (int) length(shard));
      wholeMaps.put(shard, mapped);
    }
    return mapped;
  }

  private synchronized ByteBuffer mapRegion(int shard, long offset, int size) {
    Path file = path(shard);
    try {
      FileChannel channel = channel(shard);
      // The file may have shrunk since its length was checked; mapping past the end would crash later.
      if (offset + size > channel.size()) {
        throw CheckpointErrors.corrupt(file, "the data file shrank to " + channel.size() + " bytes while in use");
      }
      return channel.map(FileChannel.MapMode.READ_ONLY, offset, size);
    } catch (IOException e) {
      throw CheckpointErrors.unreadable(file, e);
    }
  }

  private FileChannel channel(int shard) throws IOException {
    if (closed) {
      throw new IllegalStateException("the checkpoint reader is closed");
    }
    FileChannel channel = channels.get(shard);
    if (channel == null) {
      try {
        channel = FileChannel.open(path(shard), StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        throw CheckpointErrors.missing(path(shard), "data shard " + shard + " of " + shardCount
            + " of the checkpoint is missing", MISSING_HINT, e);
      }
      channels.put(shard, channel);
    }
    return channel;
  }

  @Override
  public synchronized void close() {
    closed = true;
    wholeMaps.clear();
    for (FileChannel channel : channels.values()) {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing a read-only channel loses nothing; there is nothing to report.
      }
    }
    channels.clear();
  }
}
