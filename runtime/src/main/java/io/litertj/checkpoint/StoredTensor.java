package io.litertj.checkpoint;

/**
 * A checkpoint entry with the facts only the reader needs.
 *
 * @param entry the public description
 * @param maskedCrc32c the masked CRC-32C of the tensor's bytes, as stored
 * @param sliced whether the tensor was saved as slices of a partitioned variable (no data of its own)
 */
record StoredTensor(CheckpointEntry entry, int maskedCrc32c, boolean sliced) {}
