package io.litertj;

import io.litertj.calibrate.ProgressListener;
import io.litertj.ir.LiteRtModel;
import io.litertj.tflite.Attachments;
import io.litertj.tflite.TfliteWriter;
import java.nio.file.Path;

/** The last stage: the model to flatbuffer bytes or to a file, with the layout and the attachments (metadata) asked for. */
final class ModelWriting {

  private ModelWriting() {}

  static byte[] toBytes(LiteRtModel model, boolean bufferOffsets) {
    return toBytes(model, bufferOffsets, Attachments.NONE);
  }

  static byte[] toBytes(LiteRtModel model, boolean bufferOffsets, Attachments attachments) {
    return writer(bufferOffsets).toBytes(model, attachments);
  }

  /** Writes atomically; returns the file size. */
  static long toFile(LiteRtModel model, boolean bufferOffsets, Path output, ProgressListener progress) {
    return toFile(model, bufferOffsets, output, progress, Attachments.NONE);
  }

  static long toFile(LiteRtModel model, boolean bufferOffsets, Path output, ProgressListener progress,
      Attachments attachments) {
    return writer(bufferOffsets).write(model, output, progress::onWriteProgress, attachments).sizeBytes();
  }

  private static TfliteWriter writer(boolean bufferOffsets) {
    return new TfliteWriter(TfliteWriter.Options.defaults().withBufferOffsets(bufferOffsets));
  }
}
