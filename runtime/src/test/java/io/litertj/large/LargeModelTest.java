package io.litertj.large;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionReport;
import io.litertj.LiteRtConverter;
import io.litertj.testing.Closeness;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorFlowOracle;
import io.litertj.tflite.schema.Buffer;
import io.litertj.tflite.schema.Metadata;
import io.litertj.tflite.schema.Model;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SavedModel with more than 2 GB of float weights, written by TF Java, converted through the
 * public API: the writer must choose the buffer-offset layout by itself (constants after the
 * flatbuffer, addressed by {@code Buffer.offset}/{@code Buffer.size}), real LiteRT 2.21 must run
 * the file, and its outputs must match TensorFlow's on random inputs. Prints the conversion's time
 * and peak heap.
 *
 * <p>Slow (about a minute or two) and disk-hungry (about 5 GB in the temp directory, deleted at the
 * end), so it is opt-in: {@code mvn -B -f runtime/pom.xml -Plarge-models test}. The
 * {@code large-models} profile selects the {@code large-model} tag, sets the system property below
 * and gives Surefire a larger heap; the default test run excludes the tag.
 */
@Tag("large-model")
@EnabledIfSystemProperty(named = "litertj.largeModels", matches = "true",
    disabledReason = "opt-in: mvn -B -f runtime/pom.xml -Plarge-models test")
class LargeModelTest {

  /** 12288 x 16000 floats = 786 MB per variable; three of them make 2.36 GB. */
  private static final int K = 12288;
  private static final int N = 16000;
  private static final long TWO_GB = 1L << 31;

  @TempDir
  Path dir;

  @Test
  void savedModelOverTwoGigabytesIsWrittenWithBufferOffsetsAndRunsInLiteRt() throws IOException {
    long t0 = System.nanoTime();
    Path savedModel = LargeSavedModel.export(dir.resolve("saved_model"), K, N);
    long weightBytes = LargeSavedModel.weightBytes(savedModel);
    log("SavedModel written by TF Java in %.1f s: %.2f GB of weights", (System.nanoTime() - t0) / 1e9, weightBytes / 1e9);
    assertTrue(weightBytes > TWO_GB, "the weights must pass 2 GB: " + weightBytes);

    Path tflite = dir.resolve("large.tflite");
    HeapPeak heap = HeapPeak.start();
    long t1 = System.nanoTime();
    ConversionReport report = LiteRtConverter.fromSavedModel(savedModel).convertTo(tflite); // no bufferOffsets()
    long convertNanos = System.nanoTime() - t1;
    long peak = heap.peak();
    long size = Files.size(tflite);
    log("converted in %.1f s to %.2f GB; peak heap %.0f MB (%.2fx the weights; %.0f MB before; max heap %.0f MB)",
        convertNanos / 1e9, size / 1e9, peak / 1e6, (double) peak / weightBytes, heap.before() / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
    assertEquals(size, report.modelBytes());
    assertTrue(size > TWO_GB, "the file must pass 2 GB: " + size);
    assertEquals(Map.of("FULLY_CONNECTED", 3), report.operatorCounts());

    checkBufferOffsetLayout(tflite, size, weightBytes);

    Map<String, TensorData> reference;
    Map<String, TensorData> inputs;
    long t2 = System.nanoTime();
    try (TensorFlowOracle tf = TensorFlowOracle.load(savedModel)) {
      inputs = RandomInputs.seeded(2024).forSignature(tf.signature(LargeSavedModel.SIGNATURE));
      reference = tf.run(LargeSavedModel.SIGNATURE, inputs);
    }
    long t3 = System.nanoTime();
    deleteSavedModel(savedModel); // halves the disk in use before LiteRT maps the file
    Map<String, TensorData> ours;
    try (MappedLiteRt lite = MappedLiteRt.load(tflite)) {
      ours = lite.run(LargeSavedModel.SIGNATURE, inputs, LargeSavedModel.outputs());
    }
    long t4 = System.nanoTime();
    log("TensorFlow load+run %.1f s, LiteRT load+run %.1f s", (t3 - t2) / 1e9, (t4 - t3) / 1e9);
    Closeness.standard().assertAllClose(reference, ours);
    Files.delete(tflite);
  }

  /**
   * Every weight is stored after the flatbuffer: the flatbuffer itself is small, each large buffer
   * has an offset (16-byte aligned, inside the file) and a size but no inline data, and the
   * metadata marks the layout as the official converter does.
   */
  private static void checkBufferOffsetLayout(Path file, long fileSize, long weightBytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      ByteBuffer head = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(fileSize, Integer.MAX_VALUE))
          .order(ByteOrder.LITTLE_ENDIAN);
      assertTrue(Model.ModelBufferHasIdentifier(head), "not a TFL3 flatbuffer");
      Model model = Model.getRootAsModel(head);
      long outOfLine = 0;
      long firstOffset = Long.MAX_VALUE;
      Buffer b = new Buffer();
      for (int i = 0; i < model.buffersLength(); i++) {
        model.buffers(b, i);
        if (b.offset() > 1) {
          assertEquals(0, b.dataLength(), "buffer " + i + " has both inline data and an offset");
          assertEquals(0, b.offset() % 16, "buffer " + i + " offset " + b.offset() + " is not 16-byte aligned");
          assertTrue(b.offset() + b.size() <= fileSize, "buffer " + i + " runs past the end of the file");
          outOfLine += b.size();
          firstOffset = Math.min(firstOffset, b.offset());
        } else {
          assertTrue(b.dataLength() < (1 << 20), "buffer " + i + " keeps " + b.dataLength() + " bytes inline");
        }
      }
      assertTrue(outOfLine >= weightBytes - (1 << 20), "only " + outOfLine + " bytes stored after the flatbuffer");
      assertTrue(firstOffset < (1 << 20), "the flatbuffer part should be small; data starts at " + firstOffset);
      List<String> metadata = new ArrayList<>();
      Metadata m = new Metadata();
      for (int i = 0; i < model.metadataLength(); i++) {
        metadata.add(model.metadata(m, i).name());
      }
      assertTrue(metadata.contains("buffer_location"), "metadata " + metadata);
      log("layout: %.2f GB in %d buffers after a flatbuffer of < %d bytes", outOfLine / 1e9, model.buffersLength(),
          firstOffset);
    }
  }

  private static void deleteSavedModel(Path savedModel) throws IOException {
    try (var walk = Files.walk(savedModel)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void log(String format, Object... args) {
    System.out.println("[large-model] " + String.format(Locale.ROOT, format, args));
  }

  /** The heap pools' peak usage from a collected, peak-reset start (garbage not yet collected counts). */
  private record HeapPeak(long before) {
    static HeapPeak start() {
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      long used = pools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
      pools().forEach(MemoryPoolMXBean::resetPeakUsage);
      return new HeapPeak(used);
    }

    long peak() {
      return pools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> pools() {
      return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
  }
}
