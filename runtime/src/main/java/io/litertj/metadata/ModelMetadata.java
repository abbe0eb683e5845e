package io.litertj.metadata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * TFLite model metadata: the {@code TFLITE_METADATA} buffer that Android Studio's ML Model
 * Binding, MediaPipe and the LiteRT support library read, with its associated files (label files)
 * packed into the model file. Inputs and outputs are named as the model's signature names them;
 * those not named get an entry with their name only. The metadata describes one subgraph, so the
 * model must have one signature.
 *
 * <pre>{@code
 * ModelMetadata meta = ModelMetadata.builder()
 *     .name("Flower classifier").description("Tells 5 kinds of flowers apart").version("v1")
 *     .author("me").license("Apache-2.0")
 *     .input("image", TensorMetadata.builder().image(ColorSpace.RGB)
 *         .normalization(new float[] {127.5f}, new float[] {127.5f}).build())
 *     .output("probabilities", TensorMetadata.builder().labels(Path.of("labels.txt")).build())
 *     .build();
 * LiteRtConverter.fromSavedModel(dir).metadata(meta).convertTo(Path.of("flowers.tflite"));
 * }</pre>
 */
public record ModelMetadata(String name, String description, String version, String author, String license,
    Map<String, TensorMetadata> inputs, Map<String, TensorMetadata> outputs, List<AssociatedFile> files) {

  public ModelMetadata {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    files = List.copyOf(files);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads metadata from a JSON file (see the README for its keys); relative paths in it start at
   * its folder.
   *
   * @throws io.litertj.ConversionException if the file is missing, not JSON, or has a key or value
   *                                        the format does not define
   */
  public static ModelMetadata fromJson(Path file) {
    return MetadataJson.read(file);
  }

  /** Builds a {@link ModelMetadata}; everything is optional. */
  public static final class Builder {
    private String name;
    private String description;
    private String version;
    private String author;
    private String license;
    private final Map<String, TensorMetadata> inputs = new LinkedHashMap<>();
    private final Map<String, TensorMetadata> outputs = new LinkedHashMap<>();
    private final List<AssociatedFile> files = new ArrayList<>();

    private Builder() {}

    public Builder name(String value) {
      this.name = value;
      return this;
    }

    public Builder description(String value) {
      this.description = value;
      return this;
    }

    public Builder version(String value) {
      this.version = value;
      return this;
    }

    public Builder author(String value) {
      this.author = value;
      return this;
    }

    public Builder license(String value) {
      this.license = value;
      return this;
    }

    /** The metadata of a model input, by its signature name. */
    public Builder input(String inputName, TensorMetadata metadata) {
      inputs.put(Objects.requireNonNull(inputName, "inputName"), Objects.requireNonNull(metadata, "metadata"));
      return this;
    }

    /** The metadata of a model output, by its signature name. */
    public Builder output(String outputName, TensorMetadata metadata) {
      outputs.put(Objects.requireNonNull(outputName, "outputName"), Objects.requireNonNull(metadata, "metadata"));
      return this;
    }

    /** A file of the whole model (a readme, a vocabulary). */
    public Builder file(AssociatedFile file) {
      files.add(Objects.requireNonNull(file, "file"));
      return this;
    }

    public ModelMetadata build() {
      return new ModelMetadata(name, description, version, author, license, inputs, outputs, files);
    }
  }
}
