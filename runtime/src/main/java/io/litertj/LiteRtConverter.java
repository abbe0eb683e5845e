package io.litertj;

import io.litertj.calibrate.ProgressListener;
import io.litertj.dataset.NdArray;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Shape;
import io.litertj.keras.KerasOptions;
import io.litertj.keras.KerasPipeline;
import io.litertj.metadata.MetadataAttachments;
import io.litertj.metadata.ModelMetadata;
import io.litertj.pipeline.ConversionSettings;
import io.litertj.pipeline.GraphDefPipeline;
import io.litertj.pipeline.GraphDefSettings;
import io.litertj.pipeline.SavedModelPipeline;
import io.litertj.quantize.PostTrainingQuantizer;
import io.litertj.quantize.QualityReporter;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.quantize.QuantizationReport;
import io.litertj.tflite.Attachments;
import io.litertj.tflite.MetadataEntries;
import io.litertj.tflite.TfliteReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Converts TensorFlow models to LiteRT flatbuffers, and quantizes them. The entry point of the
 * Java API:
 *
 * <pre>{@code
 * ConversionReport report = LiteRtConverter.fromSavedModel(Path.of("my_model"))
 *     .signatureKeys("serving_default")
 *     .quantize(QuantizationOptions.of(QuantizationMode.INT8).withIoTypes(IoType.INT8, IoType.INT8))
 *     .representativeDataset(NpzDataset.read(Path.of("calibration.npz")))
 *     .convertTo(Path.of("my_model.tflite"));
 * }</pre>
 *
 * Every failure is a {@link ConversionException} that says what went wrong, where, and how to fix
 * it. Files are written atomically: a failed conversion leaves no output behind.
 */
public final class LiteRtConverter {

  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(LiteRtConverter.class.getName());

  private LiteRtConverter() {}

  /** Where the float model comes from. */
  private enum SourceKind {
    SAVED_MODEL,
    KERAS,
    TFLITE,
    GRAPH_DEF
  }

  /** Starts a conversion of the SavedModel in {@code dir} (the folder that holds saved_model.pb). */
  public static Builder fromSavedModel(Path dir) {
    return new Builder(Objects.requireNonNull(dir, "dir"), SourceKind.SAVED_MODEL);
  }

  /**
   * Starts a conversion of a Keras model file: Keras 3 {@code .keras} or legacy HDF5
   * {@code .h5}/{@code .hdf5}. The model becomes one signature, {@code serving_default}, whose
   * inputs and outputs keep the Keras layer names. Nothing from the file is executed.
   */
  public static Builder fromKeras(Path modelFile) {
    return new Builder(Objects.requireNonNull(modelFile, "modelFile"), SourceKind.KERAS);
  }

  /**
   * Starts from a float {@code .tflite} made by any tool, to quantize it. Without
   * {@link Builder#quantize} the model is rewritten as it is.
   */
  public static Builder fromTflite(Path tfliteFile) {
    return new Builder(Objects.requireNonNull(tfliteFile, "tfliteFile"), SourceKind.TFLITE);
  }

  /**
   * Starts a conversion of a frozen GraphDef ({@code .pb} binary or {@code .pbtxt} text), as
   * {@code tflite_convert --graph_def_file} and {@code TFLiteConverter.from_frozen_graph} take it:
   * its weights are Const nodes, the named tensors become the model's inputs and outputs (one
   * signature, {@code serving_default}, whose names are the tensor names without {@code :0}).
   *
   * @param inputArrays  the input tensors ({@code node} or {@code node:1}), in the model's order
   * @param outputArrays the output tensors, in the model's order
   * @param inputShapes  shapes by input array, for inputs whose placeholder has none or to override
   *                     its (-1 keeps a dimension dynamic); an input of unknown batch size that is
   *                     not listed gets batch 1, as {@code tflite_convert} does
   */
  public static Builder fromGraphDef(Path graphDefFile, List<String> inputArrays, List<String> outputArrays,
      Map<String, int[]> inputShapes) {
    Builder b = new Builder(Objects.requireNonNull(graphDefFile, "graphDefFile"), SourceKind.GRAPH_DEF);
    b.inputArrays = List.copyOf(inputArrays);
    b.outputArrays = List.copyOf(outputArrays);
    Map<String, Shape> shapes = new LinkedHashMap<>();
    Objects.requireNonNull(inputShapes, "inputShapes").forEach((name, dims) -> shapes.put(name, Shape.of(dims)));
    b.graphDefShapes = shapes;
    return b;
  }

  /** As {@link #fromGraphDef(Path, List, List, Map)}, with the shapes the graph's placeholders declare. */
  public static Builder fromGraphDef(Path graphDefFile, List<String> inputArrays, List<String> outputArrays) {
    return fromGraphDef(graphDefFile, inputArrays, outputArrays, Map.of());
  }

  /** Options of one conversion; every setter returns this builder. */
  public static final class Builder {
    private final Path source;
    private final SourceKind kind;
    private Set<String> tags = Set.of("serve");
    private List<String> signatureKeys = List.of();
    private final Map<String, Shape> inputShapes = new LinkedHashMap<>();
    private boolean bufferOffsets;
    private QuantizationOptions quantization;
    private Iterable<Map<String, NdArray>> dataset;
    private ProgressListener progress = ProgressListener.NONE;
    private boolean qualityReport = true;
    private boolean unrollRecurrent;
    private List<String> inputArrays = List.of();
    private List<String> outputArrays = List.of();
    private Map<String, Shape> graphDefShapes = Map.of();
    private ModelMetadata metadata;

    private Builder(Path source, SourceKind kind) {
      this.source = source;
      this.kind = kind;
    }

    /** The tag set of the MetaGraph to convert; default {@code serve}. SavedModels only. */
    public Builder tags(String... tags) {
      this.tags = Set.of(tags);
      return this;
    }

    /** The signatures to convert, one subgraph each; default: all of them. SavedModels only. */
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
     * dimension dynamic. SavedModels only.
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

    /**
     * Whether Keras LSTM and SimpleRNN layers are unrolled: one set of FULLY_CONNECTED, LOGISTIC,
     * TANH, MUL and ADD ops per time step, as the official converter writes {@code unroll=True}
     * layers in TF graphs. Default: no, they become LiteRT's fused UNIDIRECTIONAL_SEQUENCE_LSTM
     * and UNIDIRECTIONAL_SEQUENCE_RNN (one op per layer; Bidirectional as two of them), whatever the
     * layer's {@code unroll} says. Layers the fused kernels cannot compute (a recurrent_activation
     * other than sigmoid, an activation other than tanh, relu or relu6) and GRU (no LiteRT builtin)
     * are unrolled either way. Unrolling needs a fixed sequence length. Keras models only.
     */
    public Builder unrollRecurrent(boolean enabled) {
      this.unrollRecurrent = enabled;
      return this;
    }

    /** Quantizes the float model after conversion (post-training quantization). */
    public Builder quantize(QuantizationOptions options) {
      this.quantization = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Samples for calibration (INT8, INT16X8) and for the quality report: each sample maps a
     * signature input name to an array; iterated more than once. Checked before the first
     * sample runs.
     */
    public Builder representativeDataset(Iterable<Map<String, NdArray>> samples) {
      this.dataset = Objects.requireNonNull(samples, "samples");
      return this;
    }

    /** Hears calibration and report progress, sample by sample, and how much of the file is written. */
    public Builder progressListener(ProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Whether to compare the quantized model with the float one on the dataset after quantizing
     * (default: yes, when there is a dataset).
     */
    public Builder qualityReport(boolean enabled) {
      this.qualityReport = enabled;
      return this;
    }

    /**
     * TFLite metadata to write into the model: the {@code TFLITE_METADATA} buffer, and the
     * associated files (label files) packed after the model as a zip, as the support library
     * reads them. The model must have one signature. Label files are checked before the
     * conversion starts and read when the model is written.
     */
    public Builder metadata(ModelMetadata metadata) {
      this.metadata = Objects.requireNonNull(metadata, "metadata");
      return this;
    }

    /** Converts in memory. Models over 2 GB cannot be held in one array: use {@link #convertTo}. */
    public ConversionResult convert() {
      Converted converted = run();
      Attachments attachments = attachments(converted.model());
      byte[] bytes = stage("writing the converted model of",
          () -> ModelWriting.toBytes(converted.model(), bufferOffsets, attachments));
      return new ConversionResult(bytes, ConversionReport.of(converted.model(), bytes.length, converted.quality()));
    }

    /** Converts and writes the model to {@code output} atomically. */
    public ConversionReport convertTo(Path output) {
      Objects.requireNonNull(output, "output");
      Converted converted = run();
      Attachments attachments = attachments(converted.model());
      long size = stage("writing " + output + " from",
          () -> ModelWriting.toFile(converted.model(), bufferOffsets, output, progress, attachments));
      return ConversionReport.of(converted.model(), size, converted.quality());
    }

    /** The model to write, and the quantization report when one was made. */
    private record Converted(LiteRtModel model, Optional<QuantizationReport> quality) {}

    private Attachments attachments(LiteRtModel model) {
      return metadata == null ? Attachments.NONE
          : stage("adding metadata to the model of", () -> MetadataAttachments.of(metadata, model));
    }

    private Converted run() {
      if (metadata != null) {
        stage("checking the metadata of", () -> {
          MetadataAttachments.checkFiles(metadata);
          return null;
        });
      }
      LiteRtModel floatModel = floatModel();
      if (quantization == null) {
        return new Converted(floatModel, Optional.empty());
      }
      Iterable<Map<String, NdArray>> samples = dataset == null ? null : new CallerDataset(dataset, source);
      LiteRtModel quantized = stage("quantizing to " + quantization.mode(),
          () -> PostTrainingQuantizer.quantize(floatModel, quantization, samples, progress));
      Optional<QuantizationReport> quality = samples != null && qualityReport
          ? Optional.of(stage("comparing the " + quantization.mode() + " model with the float one of",
              () -> QualityReporter.report(floatModel, quantized, samples, progress)))
          : Optional.empty();
      return new Converted(quantized, quality);
    }

    /**
     * Runs one stage on the source. Bad input ends in our exception inside the stage; anything else
     * that escapes is litertj's bug and becomes an internal error naming the stage and the model.
     */
    private <T> T stage(String what, Supplier<T> work) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        throw ConversionException.wrapUnexpected(e, what, source);
      }
    }

    private LiteRtModel floatModel() {
      return switch (kind) {
        case SAVED_MODEL -> {
          requireNoKerasOptions("a SavedModel's recurrent layers are its TF graph's loops");
          yield stage("converting the SavedModel",
              () -> SavedModelPipeline.run(new ConversionSettings(source, tags, signatureKeys, inputShapes)));
        }
        case KERAS -> {
          requireNoSavedModelOptions("Keras models have one signature, '" + KerasPipeline.SIGNATURE_KEY
              + "', with the shapes the model declares");
          yield stage("converting the Keras model",
              () -> KerasPipeline.run(source, new KerasOptions(unrollRecurrent)));
        }
        case TFLITE -> {
          requireNoKerasOptions("a .tflite model is quantized as it is");
          requireNoSavedModelOptions("a .tflite model keeps its own signatures and shapes");
          LiteRtModel read = stage("reading the .tflite model", () -> TfliteReader.read(source));
          if (metadata == null && MetadataEntries.names(source).contains(MetadataAttachments.ENTRY_NAME)) {
            LOG.warning(() -> source + " has TFLite metadata, which the written model will not have; add it with"
                + " --metadata (API: metadata(...))");
          }
          yield read;
        }
        case GRAPH_DEF -> {
          requireNoKerasOptions("a GraphDef's recurrent layers are its graph's ops");
          requireNoSavedModelOptions("a GraphDef's inputs, outputs and shapes are given to fromGraphDef");
          yield stage("converting the GraphDef",
              () -> GraphDefPipeline.run(new GraphDefSettings(source, inputArrays, outputArrays, graphDefShapes)));
        }
      };
    }

    private void requireNoKerasOptions(String why) {
      if (unrollRecurrent) {
        throw ConversionException.builder("unrolling recurrent layers applies to Keras models only: " + why)
            .file(source)
            .hint("drop the option for this model")
            .build();
      }
    }

    private void requireNoSavedModelOptions(String why) {
      boolean defaultKeys = signatureKeys.isEmpty() || signatureKeys.equals(List.of(KerasPipeline.SIGNATURE_KEY));
      if (!inputShapes.isEmpty() || !defaultKeys || !tags.equals(Set.of("serve"))) {
        throw ConversionException.builder("tags, signature keys and input shapes apply to SavedModels only: " + why)
            .file(source)
            .hint("drop those options for this model")
            .build();
      }
    }

    @Override
    public String toString() {
      return "LiteRtConverter[" + kind + " " + source + ", tags=" + tags + ", signatures="
          + (signatureKeys.isEmpty() ? "all" : signatureKeys) + ", quantization=" + quantization + "]";
    }
  }
}
