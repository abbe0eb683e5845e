package io.litertj.bench;

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
 * The LSTM benchmark's model, a Keras 3 {@code .keras} file: {@code sequence} f32[batch, 128, 32] →
 * LSTM(64) (last step) → Dense(8). There is no Keras in Java to save one, so the zip (config.json,
 * metadata.json, model.weights.h5) is written here the way Keras 3.15 lays it out, the LSTM's
 * variables under {@code layers/lstm/cell/vars}. The weights follow Keras's default initializers
 * from a fixed seed: Glorot-uniform kernels, a recurrent kernel with orthogonal-scale entries
 * (Gaussian, 1/√units), zero biases with the forget gate's set to 1 ({@code unit_forget_bias}).
 */
public final class LstmKerasModel {

  static final int STEPS = 128;
  static final int FEATURES = 32;
  static final int UNITS = 64;
  static final int OUTPUTS = 8;
  static final String INPUT = "sequence";

  private static final String CONFIG = """
      {"module": "keras", "class_name": "Sequential", "config": {"name": "lstm_bench", "trainable": true,
        "dtype": "float32", "layers": [
        {"module": "keras.layers", "class_name": "InputLayer",
         "config": {"batch_shape": [null, %d, %d], "dtype": "float32", "sparse": false, "ragged": false,
                    "name": "%s"}},
        {"module": "keras.layers", "class_name": "LSTM",
         "config": {"name": "lstm", "trainable": true, "dtype": "float32", "return_sequences": false,
                    "return_state": false, "go_backwards": false, "stateful": false, "unroll": false,
                    "zero_output_for_mask": false, "units": %d, "activation": "tanh",
                    "recurrent_activation": "sigmoid", "use_bias": true, "unit_forget_bias": true,
                    "dropout": 0.0, "recurrent_dropout": 0.0, "seed": null},
         "build_config": {"input_shape": [null, %d, %d]}},
        {"module": "keras.layers", "class_name": "Dense",
         "config": {"name": "head", "trainable": true, "dtype": "float32", "units": %d, "activation": "linear",
                    "use_bias": true},
         "build_config": {"input_shape": [null, %d]}}],
        "build_input_shape": [null, %d, %d]}}
      """.formatted(STEPS, FEATURES, INPUT, UNITS, STEPS, FEATURES, OUTPUTS, UNITS, STEPS, FEATURES);

  private LstmKerasModel() {}

  /** Writes the model to {@code file} (a {@code .keras} path); the same bytes on every call. */
  public static Path write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Random random = new Random(2111);
    float[][] kernel = glorot(random, FEATURES, 4 * UNITS);
    float[][] recurrent = gaussian(random, UNITS, 4 * UNITS, 1 / Math.sqrt(UNITS));
    float[] bias = new float[4 * UNITS];
    for (int u = UNITS; u < 2 * UNITS; u++) {
      bias[u] = 1f; // Keras's gate order i, f, c, o: the forget gate's bias starts at 1
    }
    float[][] head = glorot(random, UNITS, OUTPUTS);
    float[] headBias = new float[OUTPUTS];
    Path weights = Files.createTempFile(dir, "weights", ".h5");
    try {
      try (WritableHdfFile h5 = HdfFile.write(weights)) {
        WritableGroup layers = h5.putGroup("layers");
        WritableGroup cell = layers.putGroup("lstm").putGroup("cell").putGroup("vars");
        cell.putAttribute("name", "lstm_cell");
        cell.putDataset("0", kernel);
        cell.putDataset("1", recurrent);
        cell.putDataset("2", bias);
        WritableGroup dense = layers.putGroup("head").putGroup("vars");
        dense.putAttribute("name", "head");
        dense.putDataset("0", head);
        dense.putDataset("1", headBias);
      }
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
        put(zip, "metadata.json", "{\"keras_version\": \"3.15.1\", \"date_saved\": \"2026-01-01@00:00:00\"}"
            .getBytes(StandardCharsets.UTF_8));
        put(zip, "config.json", CONFIG.getBytes(StandardCharsets.UTF_8));
        put(zip, "model.weights.h5", Files.readAllBytes(weights));
      }
    } finally {
      Files.deleteIfExists(weights);
    }
    return file;
  }

  /** Seeded inputs f32[1, STEPS, FEATURES], standard normal: sample {@code index} of stream {@code seed}. */
  static float[] input(long seed, int index) {
    Random random = new Random(seed * 1_000_003L + index);
    float[] x = new float[STEPS * FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }

  private static float[][] glorot(Random random, int rows, int cols) {
    double limit = Math.sqrt(6.0 / (rows + cols));
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) ((random.nextDouble() * 2 - 1) * limit);
      }
    }
    return m;
  }

  private static float[][] gaussian(Random random, int rows, int cols, double scale) {
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) (random.nextGaussian() * scale);
      }
    }
    return m;
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(0); // fixed timestamps: the same model bytes on every run
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }
}
