package io.litertj;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Shape;
import io.litertj.keras.KerasPipeline;
import io.litertj.pipeline.ConversionSettings;
import io.litertj.pipeline.SavedModelPipeline;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Converts TensorFlow models to LiteRT flatbuffers. The entry point of the Java API:
 *
 * <pre>{@code
 * ConversionReport report = LiteRtConverter.fromSavedModel(Path.of("my_model"))
 *     .signatureKeys("serving_default")
 *     .convertTo(Path.of("my_model.tflite"));
 * }</pre>
 *
 * Every failure is a {@link ConversionException} that says what went wrong, where, and how to fix
 * it. Files are written atomically: a failed conversion leaves no output behind.
 */
public final class LiteRtConverter {

  private LiteRtConverter() {}

  /** Starts a conversion of the SavedModel in {@code dir} (the folder that holds saved_model.pb). */
  public static Builder fromSavedModel(Path dir) {
    return new Builder(Objects.requireNonNull(dir, "dir"), false);
  }

  /**
   * Starts a conversion of a Keras model file: Keras 3 {@code .keras} or legacy HDF5
   * {@code .h5}/{@code .hdf5}. The model becomes one signature, {@code serving_default}, whose
   * inputs and outputs keep the Keras layer names. Nothing from the file is executed.
   */
  public static Builder fromKeras(Path modelFile) {
    return new Builder(Objects.requireNonNull(modelFile, "modelFile"), true);
  }

  /** Options of one conversion; every setter returns this builder. */
  public static final class Builder {
    private final Path source;
    private final boolean keras;
    private Set<String> tags = Set.of("serve");
    private List<String> signatureKeys = List.of();
    private final Map<String, Shape> inputShapes = new LinkedHashMap<>();
    private boolean bufferOffsets;

    private Builder(Path source, boolean keras) {
      this.source = source;
      this.keras = keras;
    }

    /** The tag set of the MetaGraph to convert; default {@code serve}. */
    public Builder tags(String... tags) {
      this.tags = Set.of(tags);
      return this;
    }

    /** The signatures to convert, one subgraph each; default: all of them. */
    public Builder signatureKeys(String... keys) {
      this.signatureKeys = List.of(keys);
      return this;
    }

    public Builder signatureKeys(List<String> keys) {
      this.signatureKeys = List.copyOf(keys);
      return this;
    }

    /**
     * Fixes the shape of a signature input, by its signature name. Needed when the SavedModel
     * leaves an input's rank unknown (it is converted as a scalar otherwise); -1 keeps a
     * dimension dynamic.
     */
    public Builder inputShape(String inputName, int... dims) {
      inputShapes.put(inputName, Shape.of(dims));
      return this;
    }

    /**
     * Stores constant data after the flatbuffer, addressed by offset, as the official converter
     * does for models over 2 GB (which always get this layout). LiteRT 2.21 reads both.
     */
    public Builder bufferOffsets(boolean enabled) {
      this.bufferOffsets = enabled;
      return this;
    }

    /** Converts in memory. Models over 2 GB cannot be held in one array: use {@link #convertTo}. */
    public ConversionResult convert() {
      LiteRtModel model = model();
      byte[] bytes = ModelWriting.toBytes(model, bufferOffsets);
      return new ConversionResult(bytes, ConversionReport.of(model, bytes.length));
    }

    /** Converts and writes the model to {@code output} atomically. */
    public ConversionReport convertTo(Path output) {
      Objects.requireNonNull(output, "output");
      LiteRtModel model = model();
      long size = ModelWriting.toFile(model, bufferOffsets, output);
      return ConversionReport.of(model, size);
    }

    private LiteRtModel model() {
      if (!keras) {
        return SavedModelPipeline.run(new ConversionSettings(source, tags, signatureKeys, inputShapes));
      }
      if (!inputShapes.isEmpty() || !(signatureKeys.isEmpty() || signatureKeys.equals(List.of(KerasPipeline.SIGNATURE_KEY)))) {
        throw ConversionException.builder("Keras models have one signature, '" + KerasPipeline.SIGNATURE_KEY
                + "', with the shapes the model declares")
            .file(source)
            .hint("drop the signature keys and input shapes for Keras files")
            .build();
      }
      return KerasPipeline.run(source);
    }

    @Override
    public String toString() {
      return "LiteRtConverter[" + (keras ? "keras " : "") + source + ", tags=" + tags + ", signatures="
          + (signatureKeys.isEmpty() ? "all" : Arrays.toString(signatureKeys.toArray())) + "]";
    }
  }
}
