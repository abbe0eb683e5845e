package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.files.AtomicFiles;
import io.litertj.ir.LiteRtModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a {@link LiteRtModel} as a LiteRT flatbuffer ({@code .tflite}, file identifier
 * {@code TFL3}, schema version 3): one subgraph and one signature per {@link io.litertj.ir.Subgraph},
 * deduplicated constant buffers, the lowest operator versions the tensor types need, and a
 * {@code min_runtime_version} metadata entry, then any further {@link Attachments} (the TFLite
 * metadata, and its associated files packed after the model as a zip). The output is
 * byte-identical for equal models.
 *
 * <p>The tables are built first, in a builder that holds no weights; the constants follow them in
 * the file, each streamed from its {@link io.litertj.ir.ConstantData} (transposed on the way where
 * it is a lazy view), so the heap never holds more than a few constants at a time. Inline, they
 * are still the flatbuffer's {@code Buffer.data} vectors, which every LiteRT version reads. A
 * flatbuffer cannot exceed 2 GB: larger models (estimated from their constant sizes before
 * anything is built), or any model when {@link Options#useBufferOffsets()} is set, are written in
 * the official converter's large-model layout, where {@code Buffer.offset}/{@code Buffer.size}
 * point at constants after the flatbuffer (LiteRT 2.21 and later read it).
 */
public final class TfliteWriter {

  /** The default inline limit: 2 GB minus a margin for the estimate. */
  public static final long DEFAULT_INLINE_LIMIT = (1L << 31) - (1L << 24);

  /** Where constant data is stored. */
  public enum Layout {
    /** Inside the flatbuffer, in {@code Buffer.data}. */
    INLINE,
    /** After the flatbuffer, addressed by {@code Buffer.offset} and {@code Buffer.size}. */
    BUFFER_OFFSETS
  }

  /**
   * Writer settings.
   *
   * @param useBufferOffsets store constants after the flatbuffer even when the model is small
   * @param inlineLimitBytes estimated size above which constants are stored after the flatbuffer
   */
  public record Options(boolean useBufferOffsets, long inlineLimitBytes) {

    public Options {
      if (inlineLimitBytes <= 0 || inlineLimitBytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("inlineLimitBytes must be in (0, 2^31): " + inlineLimitBytes);
      }
    }

    /** Inline unless the model would come near 2 GB. */
    public static Options defaults() {
      return new Options(false, DEFAULT_INLINE_LIMIT);
    }

    /** With {@code true}, every model is written in the buffer-offset layout. */
    public Options withBufferOffsets(boolean value) {
      return new Options(value, inlineLimitBytes);
    }

    /** A different inline limit (tests use a tiny one to exercise the automatic switch). */
    public Options withInlineLimitBytes(long value) {
      return new Options(useBufferOffsets, value);
    }
  }

  /**
   * What was written.
   *
   * @param sizeBytes file size
   * @param layout where the constants went
   * @param minRuntimeVersion the {@code min_runtime_version} metadata ("" when no operator has one)
   */
  public record Result(long sizeBytes, Layout layout, String minRuntimeVersion) {}

  private static final String MIN_RUNTIME_VERSION = "min_runtime_version";
  private static final String BUFFER_LOCATION = "buffer_location";
  private static final String OUTSIDE_FLATBUFFERS = "outside flatbuffers";

  private final Options options;

  /** A writer with {@link Options#defaults()}. */
  public TfliteWriter() {
    this(Options.defaults());
  }

  /** A writer with the given options. */
  public TfliteWriter(Options options) {
    this.options = options;
  }

  /** The model as {@code .tflite} bytes (must be under 2 GB in total). */
  public byte[] toBytes(LiteRtModel model) {
    return toBytes(model, Attachments.NONE);
  }

  /** As {@link #toBytes(LiteRtModel)}, with metadata entries and packed files. */
  public byte[] toBytes(LiteRtModel model, Attachments attachments) {
    ByteBuffer buffer = toBuffer(model, attachments);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** The model as a read-only buffer (position 0); the whole file is assembled in memory, so it must be under 2 GB. */
  public ByteBuffer toBuffer(LiteRtModel model) {
    return toBuffer(model, Attachments.NONE);
  }

  /** As {@link #toBuffer(LiteRtModel)}, with metadata entries and packed files. */
  public ByteBuffer toBuffer(LiteRtModel model, Attachments attachments) {
    Serialized s = serialize(model, attachments);
    byte[] packed = PackedFiles.zip(attachments.files(), s.totalSize());
    if (s.totalSize() + packed.length > Integer.MAX_VALUE - 8) {
      throw new ConversionException("the model has " + (s.totalSize() + packed.length)
          + " bytes, too many for memory; write it to a file");
    }
    ByteBuffer out = ByteBuffer.allocate((int) (s.totalSize() + packed.length));
    ConstantStreamer.toBuffer(out, s.flatbuffer(), s.plan().buffers().entries(), s.placement());
    out.put((int) s.totalSize(), packed);
    return out.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Hears how many bytes of the file are written; called one at a time, from the writer's threads. */
  @FunctionalInterface
  public interface WriteProgress {
    WriteProgress NONE = (written, total) -> {};

    void onWritten(long written, long total);
  }

  /** Writes the model to {@code path} atomically (a temporary file renamed over it). */
  public Result write(LiteRtModel model, Path path) {
    return write(model, path, WriteProgress.NONE);
  }

  /** As {@link #write(LiteRtModel, Path)}, reporting the bytes written. */
  public Result write(LiteRtModel model, Path path, WriteProgress progress) {
    return write(model, path, progress, Attachments.NONE);
  }

  /** As {@link #write(LiteRtModel, Path, WriteProgress)}, with metadata entries and packed files. */
  public Result write(LiteRtModel model, Path path, WriteProgress progress, Attachments attachments) {
    Serialized s = serialize(model, attachments);
    byte[] packed = PackedFiles.zip(attachments.files(), s.totalSize());
    AtomicFiles.write(path, "the model", channel -> {
      ConstantStreamer.toChannel(channel, s.flatbuffer(), s.plan().buffers().entries(), s.placement(), progress);
      ByteBuffer tail = ByteBuffer.wrap(packed);
      long position = s.totalSize();
      while (tail.hasRemaining()) {
        position += channel.write(tail, position);
      }
    });
    return new Result(s.totalSize() + packed.length, s.layout(), s.plan().minRuntimeVersion());
  }

  /** The builder's part (all tables), and where each constant goes after it. */
  private record Serialized(ModelPlan plan, ByteBuffer flatbuffer, ConstantPlacement placement, Layout layout) {
    long totalSize() {
      return placement.totalSize();
    }
  }

  private Serialized serialize(LiteRtModel model, Attachments attachments) {
    ModelPlan plan = ModelPlan.of(model);
    long tables = ModelSerializer.estimateTableBytes(plan);
    for (Attachments.Entry e : attachments.metadata()) {
      tables += e.bytes().length + 64L + e.name().length();
    }
    if (!options.useBufferOffsets()) {
      if (tables + InlineTail.of(plan.buffers()).size() <= options.inlineLimitBytes()) {
        try {
          Serialized s = serializeInline(model, plan, attachments, tables + 1024);
          if (s.totalSize() <= options.inlineLimitBytes()) {
            return s;
          }
        } catch (FlatbufferTooLarge e) {
          // the estimate was short: constants go after the flatbuffer
        }
        plan = ModelPlan.of(model);
      }
    }
    try {
      return serializeOutOfLine(model, plan, attachments, tables + 1024);
    } catch (FlatbufferTooLarge e) {
      throw new ConversionException("the model's graph alone (without constant data) exceeds 2 GB", e);
    }
  }

  private static Serialized serializeInline(LiteRtModel model, ModelPlan plan, Attachments attachments,
      long capacity) {
    plan.addMetadata(MIN_RUNTIME_VERSION, minRuntimeVersionBytes(plan.minRuntimeVersion()));
    attachments.metadata().forEach(e -> plan.addMetadata(e.name(), e.bytes()));
    InlineTail tail = InlineTail.of(plan.buffers());
    ByteBuffer tables = ModelSerializer.serialize(model, plan, tail, capacity(capacity));
    if (tables.remaining() % BufferTable.ALIGNMENT != 0) {
      throw new IllegalStateException("internal error: the tables end off the 16-byte grid: " + tables.remaining());
    }
    return new Serialized(plan, tables, tail.placement(tables.remaining()), Layout.INLINE);
  }

  private static Serialized serializeOutOfLine(LiteRtModel model, ModelPlan plan, Attachments attachments,
      long capacity) {
    plan.addMetadata(MIN_RUNTIME_VERSION, minRuntimeVersionBytes(plan.minRuntimeVersion()));
    attachments.metadata().forEach(e -> plan.addMetadata(e.name(), e.bytes()));
    // The official converter marks the layout this way; its Python tooling looks for it.
    plan.addMetadata(BUFFER_LOCATION, OUTSIDE_FLATBUFFERS.getBytes(StandardCharsets.UTF_8));
    ByteBuffer flatbuffer = ModelSerializer.serialize(model, plan, null, capacity(capacity));
    OffsetLayout layout = OffsetLayout.of(flatbuffer.remaining(), plan.buffers());
    layout.patch(flatbuffer);
    return new Serialized(plan, flatbuffer, layout.placement(), Layout.BUFFER_OFFSETS);
  }

  private static int capacity(long estimate) {
    return (int) Math.min(estimate, Integer.MAX_VALUE - 8);
  }

  /** Upstream's format: the version string zero-padded to 16 bytes; all zeros when it would not fit. */
  private static byte[] minRuntimeVersionBytes(String version) {
    byte[] out = new byte[RuntimeVersions.METADATA_BYTES];
    byte[] text = version.getBytes(StandardCharsets.US_ASCII);
    if (text.length < out.length) {
      System.arraycopy(text, 0, out, 0, text.length);
    }
    return out;
  }
}
