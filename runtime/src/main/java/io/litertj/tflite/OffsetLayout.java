package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.tflite.schema.Buffer;
import io.litertj.tflite.schema.Model;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Where constants go when they are stored after the flatbuffer (the layout the official converter
 * uses for models over 2 GB, and which LiteRT 2.21 reads): the flatbuffer, zero padding to the
 * next 16-byte boundary (always at least one byte, as upstream writes it), then each constant
 * 16-byte aligned, then 16 zero bytes (XNNPack may read a little past the last weight), padded to
 * 16. {@code Buffer.offset} counts from the start of the file.
 *
 * @param offsets the file offset of each buffer's data, 0 for buffers kept inline
 */
record OffsetLayout(long[] offsets, long totalSize) {

  /** Zero bytes after the last constant. */
  static final int TAIL_PADDING = 16;

  static OffsetLayout of(long flatbufferSize, BufferTable buffers) {
    int alignment = BufferTable.ALIGNMENT;
    long position = flatbufferSize + (alignment - flatbufferSize % alignment);
    List<BufferTable.Entry> entries = buffers.entries();
    long[] offsets = new long[entries.size()];
    for (int i = 0; i < offsets.length; i++) {
      BufferTable.Entry e = entries.get(i);
      if (isOutOfLine(e)) {
        position = BufferTable.alignUp(position);
        offsets[i] = position;
        position += e.size();
      }
    }
    return new OffsetLayout(offsets, BufferTable.alignUp(position + TAIL_PADDING));
  }

  /** Whether the serializer left this buffer's data for us (see {@link ModelSerializer}). */
  static boolean isOutOfLine(BufferTable.Entry e) {
    return e.data() != null && !e.alwaysInline() && e.size() > 0;
  }

  ConstantPlacement placement() {
    return new ConstantPlacement(offsets, false, totalSize);
  }

  /** Replaces the placeholder offsets in the finished flatbuffer. */
  void patch(ByteBuffer flatbuffer) {
    Model model = Model.getRootAsModel(flatbuffer.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN));
    Buffer buffer = new Buffer();
    for (int i = 0; i < offsets.length; i++) {
      if (offsets[i] != 0 && !model.buffers(buffer, i).mutateOffset(offsets[i])) {
        throw new ConversionException("internal error: buffer " + i + " has no offset field to patch");
      }
    }
  }
}
