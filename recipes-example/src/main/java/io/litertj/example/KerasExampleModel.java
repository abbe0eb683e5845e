package io.litertj.example;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the example Keras 3 model, a small tabular classifier (8 features → Dense 16 relu →
 * Dense 3 softmax), as a {@code .keras} zip: {@code config.json}, {@code metadata.json} and the
 * weights in {@code model.weights.h5}. There is no Keras in Java to save one, so the zip and the
 * HDF5 file are written here, with fixed seeds, the way Keras 3 lays them out.
 */
public final class KerasExampleModel {

  static final int FEATURES = 8;
  static final int HIDDEN = 16;
  static final int CLASSES = 3;

  private static final String CONFIG_TEMPLATE = """
      {"module": "keras", "class_name": "Sequential", "config": {"name": "tabular", "trainable": true,
        "dtype": "float32", "layers": [
        {"module": "keras.layers", "class_name": "InputLayer",
         "config": {"batch_shape": [null, %d], "dtype": "float32", "sparse": false, "name": "features"}},
        {"module": "keras.layers", "class_name": "Dense",
         "config": {"name": "hidden", "trainable": true, "dtype": "float32", "units": %d, "activation": "relu",
                    "use_bias": true}},
        {"module": "keras.layers", "class_name": "Dense",
         "config": {"name": "scores", "trainable": true, "dtype": "float32", "units": %d, "activation": "softmax",
                    "use_bias": true}}],
        "build_input_shape": [null, %d]}}
      """;

  private KerasExampleModel() {}

  /** The model's weights, in Keras order (kernels [in, out]); the same on every call. */
  record Weights(float[][] hiddenKernel, float[] hiddenBias, float[][] scoresKernel, float[] scoresBias) {}

  static Weights weights() {
    return weights(FEATURES, HIDDEN, CLASSES);
  }

  private static Weights weights(int features, int hidden, int classes) {
    Random random = new Random(2026);
    float[][] hk = matrix(random, features, hidden);
    float[] hb = vector(random, hidden);
    float[][] sk = matrix(random, hidden, classes);
    float[] sb = vector(random, classes);
    return new Weights(hk, hb, sk, sb);
  }

  /** Writes the model to {@code file} (a {@code .keras} path). */
  public static void write(Path file) throws IOException {
    write(file, FEATURES, HIDDEN, CLASSES);
  }

  /** Writes the same classifier with other sizes: {@code features} → Dense {@code hidden} relu → Dense {@code classes} softmax. */
  public static void write(Path file, int features, int hidden, int classes) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Weights w = weights(features, hidden, classes);
    String config = CONFIG_TEMPLATE.formatted(features, hidden, classes, features);
    Path weights = Files.createTempFile(file.toAbsolutePath().getParent(), "weights", ".h5");
    try {
      try (WritableHdfFile h5 = HdfFile.write(weights)) {
        WritableGroup layers = h5.putGroup("layers");
        dense(layers, "hidden", w.hiddenKernel(), w.hiddenBias());
        dense(layers, "scores", w.scoresKernel(), w.scoresBias());
      }
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
        put(zip, "metadata.json", "{\"keras_version\": \"3.9.2\", \"date_saved\": \"2026-01-01@00:00:00\"}"
            .getBytes(StandardCharsets.UTF_8));
        put(zip, "config.json", config.getBytes(StandardCharsets.UTF_8));
        put(zip, "model.weights.h5", Files.readAllBytes(weights));
      }
    } finally {
      Files.deleteIfExists(weights);
    }
  }

  /** Keras 3 stores a layer's variables as datasets 0, 1, ... under layers/NAME/vars. */
  private static void dense(WritableGroup layers, String name, float[][] kernel, float[] bias) {
    WritableGroup vars = layers.putGroup(name).putGroup("vars");
    vars.putAttribute("name", name);
    vars.putDataset("0", kernel);
    vars.putDataset("1", bias);
  }

  private static float[][] matrix(Random random, int rows, int cols) {
    float[][] m = new float[rows][cols];
    float scale = (float) Math.sqrt(2.0 / rows);
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) random.nextGaussian() * scale;
      }
    }
    return m;
  }

  private static float[] vector(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian() * 0.1f;
    }
    return v;
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(0); // fixed timestamps: the same model bytes on every build
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }
}
