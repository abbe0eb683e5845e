package io.litertj.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes small Keras files for tests, in both formats: there is no Keras in Java to save them, so
 * the zip and HDF5 are written here, which also exercises the readers.
 */
final class KerasFixtures {

  private KerasFixtures() {}

  /** Layer name → weights in Keras order (float[] or float[][] ... arrays). */
  static Map<String, List<Object>> weights() {
    return new LinkedHashMap<>();
  }

  /** A Keras 3 {@code .keras} zip: config.json, metadata.json and model.weights.h5. */
  static Path keras3(Path dir, String name, String configJson, Map<String, List<Object>> weights) throws IOException {
    return keras3(dir, name, configJson, weights, true);
  }

  /**
   * As above; without {@code nameGroups} the weight groups carry no {@code name} attribute, so the
   * map's keys must be Keras 3 object paths such as {@code dense_1}.
   */
  static Path keras3(Path dir, String name, String configJson, Map<String, List<Object>> weights, boolean nameGroups)
      throws IOException {
    Path h5 = dir.resolve(name + ".weights.h5");
    try (WritableHdfFile f = HdfFile.write(h5)) {
      WritableGroup layers = f.putGroup("layers");
      for (Map.Entry<String, List<Object>> e : weights.entrySet()) {
        WritableGroup vars = layers.putGroup(e.getKey()).putGroup("vars");
        if (nameGroups) {
          vars.putAttribute("name", e.getKey());
        }
        for (int i = 0; i < e.getValue().size(); i++) {
          vars.putDataset(Integer.toString(i), e.getValue().get(i));
        }
      }
      // Keras also writes an empty root "vars" group; jHDF's (alpha) writer cannot write an empty group last.
    }
    Path zip = dir.resolve(name + ".keras");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "metadata.json", "{\"keras_version\": \"3.9.2\", \"date_saved\": \"2026-11-25@00:00:00\"}".getBytes(StandardCharsets.UTF_8));
      put(out, "config.json", configJson.getBytes(StandardCharsets.UTF_8));
      put(out, "model.weights.h5", Files.readAllBytes(h5));
    }
    return zip;
  }

  /**
   * A Keras 3 {@code .keras} whose weights sit at object paths, as layers with sublayers store them:
   * key {@code mha/query_dense} becomes {@code layers/mha/query_dense/vars/0..}; only the last group
   * of a path carries a {@code vars} group, named after its last segment.
   */
  static Path keras3Paths(Path dir, String name, String configJson, Map<String, List<Object>> weights)
      throws IOException {
    Path h5 = dir.resolve(name + ".weights.h5");
    try (WritableHdfFile f = HdfFile.write(h5)) {
      Map<String, WritableGroup> groups = new LinkedHashMap<>();
      groups.put("", f.putGroup("layers"));
      for (Map.Entry<String, List<Object>> e : weights.entrySet()) {
        WritableGroup vars = group(groups, e.getKey()).putGroup("vars");
        vars.putAttribute("name", e.getKey().substring(e.getKey().lastIndexOf('/') + 1));
        for (int i = 0; i < e.getValue().size(); i++) {
          vars.putDataset(Integer.toString(i), e.getValue().get(i));
        }
      }
    }
    Path zip = dir.resolve(name + ".keras");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "metadata.json", "{\"keras_version\": \"3.15.1\", \"date_saved\": \"2026-11-25@00:00:00\"}".getBytes(StandardCharsets.UTF_8));
      put(out, "config.json", configJson.getBytes(StandardCharsets.UTF_8));
      put(out, "model.weights.h5", Files.readAllBytes(h5));
    }
    return zip;
  }

  /**
   * A legacy HDF5 file whose weights are given by their full names, in order, per layer
   * ({@code mha} → {@code mha/query/kernel:0} → data): stored under
   * {@code model_weights/<layer>/<name>}, as tf.keras writes layers with sublayers.
   */
  static Path legacyH5Paths(Path dir, String name, String configJson, String kerasVersion,
      Map<String, Map<String, Object>> weights) {
    Path h5 = dir.resolve(name + ".h5");
    try (WritableHdfFile f = HdfFile.write(h5)) {
      f.putAttribute("model_config", configJson);
      f.putAttribute("keras_version", kerasVersion);
      WritableGroup mw = f.putGroup("model_weights");
      if (!weights.isEmpty()) { // jHDF cannot write an empty string array; the reader takes "absent" as none
        mw.putAttribute("layer_names", weights.keySet().toArray(new String[0]));
      }
      for (Map.Entry<String, Map<String, Object>> e : weights.entrySet()) {
        Map<String, WritableGroup> groups = new LinkedHashMap<>();
        groups.put("", mw.putGroup(e.getKey()));
        for (Map.Entry<String, Object> w : e.getValue().entrySet()) {
          String path = w.getKey();
          int slash = path.lastIndexOf('/');
          group(groups, slash < 0 ? "" : path.substring(0, slash)).putDataset(path.substring(slash + 1), w.getValue());
        }
        if (!e.getValue().isEmpty()) {
          groups.get("").putAttribute("weight_names", e.getValue().keySet().toArray(new String[0]));
        }
      }
    }
    return h5;
  }

  private static WritableGroup group(Map<String, WritableGroup> groups, String path) {
    WritableGroup g = groups.get(path);
    if (g == null) {
      int slash = path.lastIndexOf('/');
      g = group(groups, slash < 0 ? "" : path.substring(0, slash)).putGroup(path.substring(slash + 1));
      groups.put(path, g);
    }
    return g;
  }

  /** A legacy HDF5 file: {@code model_config} and {@code model_weights/<layer>/<layer>/<w>:0}. */
  static Path legacyH5(Path dir, String name, String configJson, Map<String, List<Object>> weights,
      Map<String, List<String>> weightNames) {
    Path h5 = dir.resolve(name + ".h5");
    try (WritableHdfFile f = HdfFile.write(h5)) {
      f.putAttribute("model_config", configJson);
      f.putAttribute("keras_version", "2.4.0");
      WritableGroup mw = f.putGroup("model_weights");
      mw.putAttribute("layer_names", weights.keySet().toArray(new String[0]));
      for (Map.Entry<String, List<Object>> e : weights.entrySet()) {
        WritableGroup layer = mw.putGroup(e.getKey());
        List<String> names = weightNames.get(e.getKey());
        String[] full = new String[names.size()];
        WritableGroup inner = layer.putGroup(e.getKey());
        for (int i = 0; i < names.size(); i++) {
          full[i] = e.getKey() + "/" + names.get(i);
          inner.putDataset(names.get(i), e.getValue().get(i));
        }
        if (full.length > 0) { // jHDF cannot write an empty string array; the reader takes "absent" as none
          layer.putAttribute("weight_names", full);
        }
      }
    }
    return h5;
  }

  static void put(ZipOutputStream out, String name, byte[] data) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(data);
    out.closeEntry();
  }

  /** A zip whose config.json inflates to {@code size} zero bytes. */
  static Path zipBomb(Path dir, long size) throws IOException {
    Path zip = dir.resolve("bomb.keras");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("config.json"));
      byte[] zeros = new byte[1 << 20];
      for (long n = 0; n < size; n += zeros.length) {
        out.write(zeros);
      }
      out.closeEntry();
    }
    return zip;
  }

  static void write(Path file, byte[] data) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(data);
    }
  }
}
