package io.litertj.keras;

import io.litertj.keras.reader.KerasModelFile;
import io.litertj.keras.reader.WeightSource;
import java.nio.file.Path;

/** The parts of a read Keras file that layer conversion needs. */
record KerasModel(Path file, WeightSource weights, boolean keras3, KerasOptions options) {

  static KerasModel of(KerasModelFile f, KerasOptions options) {
    String v = f.kerasVersion();
    return new KerasModel(f.file(), f.weights(), v != null && v.startsWith("3"), options);
  }
}
