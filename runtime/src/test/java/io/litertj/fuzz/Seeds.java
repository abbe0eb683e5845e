package io.litertj.fuzz;

import io.litertj.dataset.NdArray;
import io.litertj.dataset.NpzDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pristine inputs the fuzzer damages, all real files from the shared models: read once per
 * worker, never written.
 */
final class Seeds {

  static final String SAVED_MODEL = "half_plus_two_tf2";
  static final String[] LEGACY_H5 = {"dl4j_keras_h5/lstm_functional_tf_keras_2.h5",
      "mlperf_tiny_ad_autoencoder_h5/model_ToyCar.hdf5", "mlperf_tiny_resnet8_h5/pretrainedResnet.h5"};
  /** Reshape + LSTM (Sequential), Embedding + Bidirectional, a functional LSTM with states, a GRU. */
  static final String[] KERAS = {"keras3_emg_lstm/model.keras", "gen_keras3_rnn/bilstm_tokens/model.keras",
      "gen_keras3_rnn/lstm_return_state/model.keras", "gen_keras3_rnn/gru/model.keras"};
  static final String KWS = "mlperf_tiny_kws_dscnn_tf2/reference_same_weights/";
  static final String TFLITE_FLOAT = KWS + "model_float32.tflite";
  static final String TFLITE_DYNAMIC = KWS + "model_dynamic_range.tflite";
  static final String NPZ = KWS + "calibration_100.npz";
  /**
   * Other real .tflite files: an LSTM (fused), the TFLM sine model, the official converter's int8
   * KWS model (TFLM's person_detect is not one: LiteRT refuses its bias quantization, as we do).
   */
  static final String[] TFLITE_OTHERS = {"tflm_mnist_lstm_tflite/trained_lstm.tflite",
      "tflm_hello_world_tflite/hello_world_float.tflite", KWS + "model_int8_io_int8.tflite"};
  /** Samples per calibration: enough to run every kernel, few enough for thousands of cases. */
  static final int SAMPLES = 4;

  private final Path root;
  private final Map<String, byte[]> bytes = new HashMap<>();
  private List<Map<String, NdArray>> calibration;

  Seeds(Path root) {
    this.root = root;
  }

  Path path(String relative) {
    return root.resolve(relative);
  }

  byte[] bytes(String relative) {
    return bytes.computeIfAbsent(relative, r -> {
      try {
        return Files.readAllBytes(root.resolve(r));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The signatures of the SavedModel seed that convert (the others parse tf.Example strings). */
  static final String[] SAVED_MODEL_KEYS = {"serving_default", "regress_x2_to_y3", "classify_x2_to_y3"};
  /** The KWS .tflite files name their input by signature; the calibration set by Keras layer. */
  static final String TFLITE_INPUT = "serving_default_input_1";

  /** The first samples of the KWS calibration set, for the .tflite targets. */
  synchronized List<Map<String, NdArray>> calibration() {
    if (calibration == null) {
      calibration = forTflite(NpzDataset.read(root.resolve(NPZ)).limit(SAMPLES));
    }
    return calibration;
  }

  /** Samples keyed as the KWS .tflite names its input; other arrays are kept as they are. */
  static List<Map<String, NdArray>> forTflite(Iterable<Map<String, NdArray>> samples) {
    List<Map<String, NdArray>> out = new ArrayList<>();
    for (Map<String, NdArray> sample : samples) {
      Map<String, NdArray> renamed = new java.util.LinkedHashMap<>();
      sample.forEach((k, v) -> renamed.put(k.equals("input_1") ? TFLITE_INPUT : k, v));
      out.add(renamed);
    }
    return out;
  }

  /** Copies a seed directory (a SavedModel) into {@code target}. */
  void copyTree(String relative, Path target) {
    Path source = root.resolve(relative);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path dest = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
          dest.toFile().setWritable(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
