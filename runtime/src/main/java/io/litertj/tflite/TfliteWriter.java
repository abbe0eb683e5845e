package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.ir.LiteRtModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link LiteRtModel} as a LiteRT flatbuffer ({@code .tflite}, file identifier
 * {@code TFL3}, schema version 3): one subgraph and one signature per {@link io.litertj.ir.Subgraph},
 * deduplicated constant buffers, the lowest operator versions the tensor types need, and a
 * {@code min_runtime_version} metadata entry. The output is byte-identical for equal models.
 *
 * <p>A flatbuffer cannot exceed 2 GB. Larger models (estimated from their constant sizes before
 * anything is built), or any model when {@link Options#useBufferOffsets()} is set, are written in
 * the official converter's large-model layout: constant data follows the flatbuffer and
 * {@code Buffer.offset}/{@code Buffer.size} point at it (LiteRT 2.21 and later read it). In that
 * layout each constant is streamed from its {@link io.litertj.ir.ConstantData} into the file, so
 * the heap never holds more than one constant at a time.
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
    ByteBuffer buffer = toBuffer(model);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /**
   * The model as a read-only buffer (position 0). Inline, this is the builder's own buffer, not a
   * copy; with buffer offsets the whole file is assembled in memory, so it must be under 2 GB.
   */
  public ByteBuffer toBuffer(LiteRtModel model) {
    Serialized s = serialize(model);
    if (s.offsets() == null) {
      return s.flatbuffer().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }
    if (s.totalSize() > Integer.MAX_VALUE - 8) {
      throw new ConversionException("the model has " + s.totalSize() + " bytes, too many for memory; write it to a file");
    }
    ByteBuffer out = ByteBuffer.allocate((int) s.totalSize());
    try {
      emit(s, ByteSink.of(out));
    } catch (IOException e) {
      throw new IllegalStateException(e); // memory sinks do not throw
    }
    return out.flip().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Writes the model to {@code path} atomically (a temporary file renamed over it). */
  public Result write(LiteRtModel model, Path path) {
    Serialized s = serialize(model);
    AtomicFiles.write(path, channel -> emit(s, ByteSink.of(channel)));
    return new Result(s.totalSize(), s.offsets() == null ? Layout.INLINE : Layout.BUFFER_OFFSETS,
        s.plan().minRuntimeVersion());
  }

  /** A built flatbuffer, plus the placement of out-of-line constants when there are any. */
  private record Serialized(ModelPlan plan, ByteBuffer flatbuffer, OffsetLayout offsets) {
    long totalSize() {
      return offsets == null ? flatbuffer.remaining() : offsets.totalSize();
    }
  }

  private Serialized serialize(LiteRtModel model) {
    ModelPlan plan = ModelPlan.of(model);
    long tables = ModelSerializer.estimateTableBytes(plan);
    long inlineEstimate = tables + plan.buffers().alignedDataBytes() + 256;
    if (!options.useBufferOffsets() && inlineEstimate <= options.inlineLimitBytes()) {
      try {
        return serialize(model, plan, false, inlineEstimate + 1024);
      } catch (FlatbufferTooLarge e) {
        plan = ModelPlan.of(model); // the estimate was short: start over with constants outside
      }
    }
    try {
      return serialize(model, plan, true, tables + 1024);
    } catch (FlatbufferTooLarge e) {
      throw new ConversionException("the model's graph alone (without constant data) exceeds 2 GB", e);
    }
  }

  private static Serialized serialize(LiteRtModel model, ModelPlan plan, boolean outOfLine, long capacity) {
    plan.addMetadata(MIN_RUNTIME_VERSION, minRuntimeVersionBytes(plan.minRuntimeVersion()));
    if (outOfLine) {
      // The official converter marks the layout this way; its Python tooling looks for it.
      plan.addMetadata(BUFFER_LOCATION, OUTSIDE_FLATBUFFERS.getBytes(StandardCharsets.UTF_8));
    }
    int initialCapacity = (int) Math.min(capacity, Integer.MAX_VALUE - 8);
    ByteBuffer flatbuffer = ModelSerializer.serialize(model, plan, outOfLine, initialCapacity);
    if (!outOfLine) {
      return new Serialized(plan, flatbuffer, null);
    }
    OffsetLayout layout = OffsetLayout.of(flatbuffer.remaining(), plan.buffers());
    layout.patch(flatbuffer);
    return new Serialized(plan, flatbuffer, layout);
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

  private static void emit(Serialized s, ByteSink sink) throws IOException {
    sink.write(s.flatbuffer().duplicate());
    if (s.offsets() == null) {
      return;
    }
    long position = s.flatbuffer().remaining();
    long[] offsets = s.offsets().offsets();
    List<BufferTable.Entry> entries = s.plan().buffers().entries();
    for (int i = 0; i < offsets.length; i++) {
      if (offsets[i] == 0) {
        continue;
      }
      sink.zeros(offsets[i] - position);
      BufferTable.Entry entry = entries.get(i);
      sink.write(BufferTable.checkedBytes(entry));
      position = offsets[i] + entry.size();
    }
    sink.zeros(s.offsets().totalSize() - position);
  }
}
