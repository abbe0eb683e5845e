package io.litertj.maven;

import io.litertj.LiteRtConverter;
import io.litertj.example.ExampleModels;
import io.litertj.example.KerasExampleModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Lays out the test projects for the invoker: copies {@code src/it} to {@code target/it-src} (the
 * invoker's projects directory) and writes their models there: real TensorFlow writes the
 * SavedModels (the example perceptron, and the same graph with other weights as its "retrained"
 * version), our zip/HDF5 writer the {@code .keras} file, and our converter the float
 * {@code .tflite}. Nothing binary is kept in the repository.
 *
 * <p>{@code ItModels SRC PROJECTS CLONES}: both target folders are emptied first, so every run
 * starts from fresh projects with no lock file.
 */
public final class ItModels {

  private ItModels() {}

  public static void main(String[] args) throws IOException {
    Path src = Path.of(args[0]);
    Path it = Path.of(args[1]);
    delete(it);
    delete(Path.of(args[2]));
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.toList()) {
        Path to = it.resolve(src.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    // dynamic range leaves weights under 1024 elements in float, as the official converter does: the
    // perceptrons are too small for it, so those recipes convert the image classifier (a 392x10 dense layer)
    Path savedModels = it.resolve("savedmodel-recipes/models");
    ExampleModels.writeMlp(savedModels.resolve("mlp"));
    ExampleModels.writeMlp(savedModels.resolve("mlp-retrained"), 8L);
    ExampleModels.writeSmallCnn(savedModels.resolve("small_cnn"));
    KerasExampleModel.write(it.resolve("keras-recipes/models/tabular.keras"), 64, 32, 3);
    Path scratch = Files.createTempDirectory("litertj-it-models");
    try {
      Path tflite = Files.createDirectories(it.resolve("tflite-recipes/models"));
      ExampleModels.writeMlp(scratch.resolve("mlp"));
      LiteRtConverter.fromSavedModel(scratch.resolve("mlp")).convertTo(tflite.resolve("mlp.tflite"));
      ExampleModels.writeSmallCnn(scratch.resolve("small_cnn"));
      LiteRtConverter.fromSavedModel(scratch.resolve("small_cnn")).convertTo(tflite.resolve("small_cnn.tflite"));
    } finally {
      delete(scratch);
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
