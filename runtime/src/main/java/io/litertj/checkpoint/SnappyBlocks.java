package io.litertj.checkpoint;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Uncompresses Snappy-compressed table blocks. TensorFlow's table writer compressed index blocks
 * with Snappy in older releases (TF 1.x SavedModels have such indexes).
 */
final class SnappyBlocks {

  /** Index blocks are a few kilobytes; a larger claim is corruption, not data. */
  private static final int MAX_BLOCK_BYTES = 64 << 20;

  private SnappyBlocks() {}

  static ByteBuffer uncompress(ByteBuffer compressed, Path file, String what) {
    byte[] input = new byte[compressed.remaining()];
    compressed.duplicate().get(input);
    int length;
    try {
      length = SnappyDecompressor.getUncompressedLength(input, 0);
    } catch (MalformedInputException | IllegalArgumentException e) {
      throw CheckpointErrors.corrupt(file, "the " + what + " has a malformed Snappy header", e);
    }
    if (length < 0 || length > MAX_BLOCK_BYTES) {
      throw CheckpointErrors.corrupt(file, "the " + what + " claims " + length + " bytes once Snappy-uncompressed");
    }
    byte[] output = new byte[length];
    try {
      int written = new SnappyDecompressor().decompress(input, 0, input.length, output, 0, output.length);
      if (written != length) {
        throw CheckpointErrors.corrupt(file, "the " + what + " Snappy-uncompressed to " + written + " bytes, not " + length);
      }
    } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw CheckpointErrors.corrupt(file, "the " + what + " is not valid Snappy data", e);
    }
    return ByteBuffer.wrap(output).asReadOnlyBuffer();
  }
}
