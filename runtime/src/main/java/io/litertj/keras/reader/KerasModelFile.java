package io.litertj.keras.reader;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.litertj.ConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A Keras model file read into memory: the model config (JSON), the Keras version that wrote it,
 * and its weights. Reads legacy HDF5 ({@code .h5}, {@code .hdf5}: attribute {@code model_config}
 * and group {@code model_weights}) and Keras 3 zips ({@code .keras}: {@code config.json},
 * {@code metadata.json}, {@code model.weights.h5}); the format is told by the file's magic bytes.
 */
public record KerasModelFile(Path file, JsonNode modelConfig, String kerasVersion, WeightSource weights) {

  private static final Logger LOG = Logger.getLogger(KerasModelFile.class.getName());
  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  /** Reads a Keras file; every failure is a {@link ConversionException} naming the file. */
  public static KerasModelFile read(Path file) {
    byte[] head = head(file);
    if (startsWith(head, HDF5_MAGIC)) {
      return readH5(file);
    }
    if (startsWith(head, ZIP_MAGIC)) {
      return readZip(file);
    }
    throw ConversionException.builder("not a Keras model file (neither HDF5 nor a .keras zip)")
        .file(file)
        .hint("pass a file written by model.save('model.keras') or model.save('model.h5')")
        .build();
  }

  private static KerasModelFile readH5(Path file) {
    try (HdfFile h5 = H5Reading.open(file)) {
      String config = H5Reading.stringAttribute(h5, "model_config", file);
      if (config == null) {
        throw ConversionException.builder("the HDF5 file has no model_config attribute: it holds weights only")
            .file(file)
            .hint("save the whole model (model.save), not model.save_weights")
            .build();
      }
      String version = H5Reading.stringAttribute(h5, "keras_version", file);
      Node weightsNode = H5Reading.child(h5, "model_weights", file);
      Group weightRoot = weightsNode instanceof Group g ? g : h5;
      WeightSource weights = new LegacyH5Weights(weightRoot, file, Files.size(file));
      LOG.fine(() -> "read legacy Keras " + version + " file " + file);
      return new KerasModelFile(file, parseJson(file, config, "model_config"), version, weights);
    } catch (IOException e) {
      throw io.litertj.files.FileErrors.reading("the Keras file", file, e).build();
    } catch (RuntimeException e) {
      throw H5Reading.failure(file, e);
    }
  }

  private static KerasModelFile readZip(Path file) {
    Map<String, byte[]> entries = KerasArchive.read(file, Map.of(
        "config.json", KerasArchive.MAX_JSON_BYTES,
        "metadata.json", KerasArchive.MAX_JSON_BYTES,
        "model.weights.h5", KerasArchive.MAX_WEIGHTS_BYTES));
    byte[] config = entries.get("config.json");
    if (config == null) {
      throw ConversionException.builder("the .keras archive has no config.json")
          .file(file)
          .hint("save the model again with model.save('model.keras')")
          .build();
    }
    String version = null;
    if (entries.containsKey("metadata.json")) {
      JsonNode meta = parseJson(file, new String(entries.get("metadata.json"), StandardCharsets.UTF_8), "metadata.json");
      version = meta.path("keras_version").asText(null);
    }
    JsonNode json = parseJson(file, new String(config, StandardCharsets.UTF_8), "config.json");
    byte[] weightBytes = entries.get("model.weights.h5");
    if (weightBytes == null) {
      return new KerasModelFile(file, json, version, WeightSource.empty());
    }
    try (HdfFile h5 = H5Reading.open(ByteBuffer.wrap(weightBytes), file)) {
      return new KerasModelFile(file, json, version, new Keras3Weights(h5, file, weightBytes.length));
    } catch (RuntimeException e) {
      throw H5Reading.failure(file, e);
    }
  }

  private static JsonNode parseJson(Path file, String text, String what) {
    // Configs are data only: plain tree parsing, no polymorphic typing, bounded nesting.
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
        .build();
    try {
      JsonNode tree = new ObjectMapper(factory).readTree(text);
      if (tree == null || tree.isMissingNode()) {
        throw ConversionException.builder("the Keras " + what + " is empty").file(file)
            .hint("save the model again").build();
      }
      return tree;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw ConversionException.builder("the Keras " + what + " is not valid JSON: " + e.getOriginalMessage()
              + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"))
          .file(file)
          .hint("the file is damaged; save the model again")
          .cause(e)
          .build();
    } catch (IOException e) {
      throw ConversionException.builder("the Keras " + what + " cannot be read: " + e.getMessage())
          .file(file)
          .cause(e)
          .build();
    }
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(8);
    } catch (IOException e) {
      throw io.litertj.files.FileErrors.reading("the Keras file", file, e).build();
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
  }
}
