package io.litertj.checkpoint;

import java.util.Arrays;
import java.util.Objects;
import org.tensorflow.proto.DataType;

/**
 * Where and what one checkpoint tensor is, as its index entry says.
 *
 * @param key the checkpoint key, e.g. {@code dense/kernel/.ATTRIBUTES/VARIABLE_VALUE}
 * @param dtype the element type
 * @param shape the dimensions, outermost first; empty for a scalar
 * @param shard which {@code variables.data-NNNNN-of-MMMMM} file holds the bytes
 * @param offset where the bytes start in that file
 * @param size how many bytes the tensor takes in that file
 */
public record CheckpointEntry(String key, DataType dtype, long[] shape, int shard, long offset, long size) {

  public CheckpointEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(dtype, "dtype");
    shape = shape.clone();
  }

  /** A copy of the dimensions. */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The product of the dimensions; 1 for a scalar. The index reader has checked it fits a long. */
  public long elementCount() {
    long count = 1;
    for (long dim : shape) {
      count *= dim;
    }
    return count;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CheckpointEntry e && key.equals(e.key) && dtype == e.dtype
        && Arrays.equals(shape, e.shape) && shard == e.shard && offset == e.offset && size == e.size;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, dtype, Arrays.hashCode(shape), shard, offset, size);
  }

  @Override
  public String toString() {
    return "CheckpointEntry[" + key + ", " + dtype + Arrays.toString(shape) + ", shard " + shard + ", offset " + offset
        + ", " + size + " bytes]";
  }
}
