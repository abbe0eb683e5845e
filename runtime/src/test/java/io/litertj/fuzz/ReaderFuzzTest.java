package io.litertj.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.litertj.ConversionException;
import io.litertj.LiteRtConverter;
import io.litertj.dataset.NpyReader;
import io.litertj.dataset.NpzDataset;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.testing.InputErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.opentest4j.AssertionFailedError;

/**
 * Coverage-guided fuzzing of the readers with Jazzer. The property: any input converts, or fails
 * with a {@link ConversionException} of kind INPUT whose message names no exception class. An
 * internal error, any other exception, an OutOfMemoryError or a hang is a finding.
 *
 * <p>In the default test run each method runs in regression mode, on its seed corpus and committed
 * findings only: {@code src/test/resources/io/litertj/fuzz/ReaderFuzzTestInputs/<method>/}
 * (seeds made by {@link JazzerSeeds}; {@code crash-*} files are findings, kept as regression
 * cases). {@code JAZZER_FUZZ=1} fuzzes one method, see the README.
 */
class ReaderFuzzTest {

  private static final Path DIR = tempDir();

  @AfterAll
  static void cleanUp() {
    FuzzWorker.deleteTree(DIR);
  }

  /** A .tflite: read and validated, then quantized to dynamic range and written (pure Java). */
  @FuzzTest(maxDuration = "5m")
  void tflite(byte[] data) {
    Path file = write("model.tflite", data);
    check(() -> LiteRtConverter.fromTflite(file).quantize(QuantizationOptions.of(QuantizationMode.DYNAMIC_RANGE))
        .convert());
  }

  /** A .npz archive, read as a calibration dataset. */
  @FuzzTest(maxDuration = "5m")
  void npz(byte[] data) {
    Path file = write("data.npz", data);
    check(() -> NpzDataset.read(file).forEach(Map::size));
  }

  /** One .npy array. */
  @FuzzTest(maxDuration = "5m")
  void npy(byte[] data) {
    check(() -> NpyReader.read(data, "'x.npy'"));
  }

  /** A Keras 3 config.json, in a .keras file whose weights fit the seed models. */
  @FuzzTest(maxDuration = "5m")
  void kerasConfig(byte[] data) {
    Path file = write("model.keras", RawZip.write(java.util.List.of(
        new RawZip.Entry("metadata.json", JazzerSeeds.KERAS_METADATA, false),
        new RawZip.Entry("config.json", data, false),
        new RawZip.Entry("model.weights.h5", JazzerSeeds.kerasWeights(), false))));
    check(() -> LiteRtConverter.fromKeras(file).convert());
  }

  /** A legacy Keras HDF5 file (.h5): superblock, groups, attributes, datasets, the config inside. */
  @FuzzTest(maxDuration = "5m")
  void hdf5(byte[] data) {
    Path file = write("model.h5", data);
    check(() -> LiteRtConverter.fromKeras(file).convert());
  }

  /** A Keras 3 model.weights.h5 (HDF5), in a .keras file with the seed Dense model's config. */
  @FuzzTest(maxDuration = "5m")
  void kerasWeights(byte[] data) {
    Path file = write("weights.keras", RawZip.write(java.util.List.of(
        new RawZip.Entry("metadata.json", JazzerSeeds.KERAS_METADATA, false),
        new RawZip.Entry("config.json", JazzerSeeds.DENSE_CONFIG, false),
        new RawZip.Entry("model.weights.h5", data, false))));
    check(() -> LiteRtConverter.fromKeras(file).convert());
  }

  /** A saved_model.pb (protobuf) without variables: parsed, flattened, legalized, optimized. */
  @FuzzTest(maxDuration = "5m")
  void savedModel(byte[] data) {
    Path dir = DIR.resolve("saved_model");
    write("saved_model/saved_model.pb", data);
    check(() -> LiteRtConverter.fromSavedModel(dir).convert());
  }

  /** The constant folder on arbitrary ops, operands and options: it folds or declines, never throws. */
  @FuzzTest(maxDuration = "5m")
  void constantFolder(FuzzedDataProvider data) {
    FolderCase.run(data);
  }

  /** The property every reader must have. */
  static void check(ThrowingRunnable work) {
    try {
      work.run();
    } catch (ConversionException e) {
      if (e.isInternal()) {
        throw new AssertionFailedError("an internal error: " + e.getMessage(), e);
      }
      InputErrors.leakedClassName(e.getMessage()).ifPresent(name -> {
        throw new AssertionFailedError("an exception class (" + name + ") in the message: " + e.getMessage(), e);
      });
    }
  }

  interface ThrowingRunnable {
    void run();
  }

  private static Path write(String name, byte[] data) {
    try {
      Path file = DIR.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, data);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("litertj-jazzer");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
