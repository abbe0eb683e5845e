package io.litertj.tflite;

/**
 * Where each constant's bytes go in the output, after the part the flatbuffer builder made.
 *
 * @param dataPositions  per buffer, the file position of its first byte; 0 for buffers the builder
 *                       holds
 * @param lengthPrefixed whether each constant is a flatbuffer vector whose 4-byte length precedes
 *                       it (inline layout) rather than raw bytes addressed by {@code Buffer.offset}
 * @param totalSize      the file's length
 */
record ConstantPlacement(long[] dataPositions, boolean lengthPrefixed, long totalSize) {}
