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
import io.litertj.quantize.QuantizationChecks;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.quantize.QuantizationReport;
import io.litertj.tflite.Attachments;
import io.litertj.tflite.MetadataEntries;
import io.litertj.tflite.TfliteReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

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

  private static final Logger LOG = Logger.getLogger(LiteRtConverter.class.getName());

  private LiteRtConverter() {}

  /** Where the float model comes from: how the report and the messages name it. */
  private enum SourceKind {
    SAVED_MODEL("saved_model", "a SavedModel"),
    KERAS("keras", "a Keras model"),
    TFLITE("tflite", "a .tflite model"),
    GRAPH_DEF("graph_def", "a frozen GraphDef");

    final String reportName;
    final String description;

    SourceKind(String reportName, String description) {
      this.reportName = reportName;
      this.description = description;
    }
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
    private boolean preferServingDefault;
    private final Map<String, Shape> inputShapes = new LinkedHashMap<>();
    private boolean bufferOffsets;
    private QuantizationOptions quantization;
    private Iterable<Map<String, NdArray>> dataset;
    private Iterable<Map<String, NdArray>> evaluation;
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
     * When no signature keys are named, converts only {@code serving_default} if the model has it,
     * as {@code tflite_convert} does (the command line's default); otherwise, and by default, every
     * signature, as {@code TFLiteConverter.from_saved_model} does. The report lists the signatures
     * left out. SavedModels only.
     */
    public Builder preferServingDefault(boolean enabled) {
      this.preferServingDefault = enabled;
      return this;
    }

    /**
     * Fixes the shape of a signature input, by its signature name. Needed when the SavedModel
     * leaves an input's rank unknown (it is converted as a scalar otherwise); -1 keeps a
     * dimension dynamic. The name must be an input of a converted signature. SavedModels only.
     */
    public Builder inputShape(String inputName, int... dims) {
      inputShapes.put(Objects.requireNonNull(inputName, "inputName"), Shape.of(dims));
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
     * sample runs. Without an {@link #evaluationDataset}, every fifth sample (of five or more) is
     * kept out of calibration to measure the quality report on.
     */
    public Builder representativeDataset(Iterable<Map<String, NdArray>> samples) {
      this.dataset = Objects.requireNonNull(samples, "samples");
      return this;
    }

    /**
     * Samples the quality report is measured on, instead of the ones held out of the
     * representative dataset (which then calibrates with all of its samples).
     */
    public Builder evaluationDataset(Iterable<Map<String, NdArray>> samples) {
      this.evaluation = Objects.requireNonNull(samples, "samples");
      return this;
    }

    /** Hears calibration and report progress, sample by sample, and how much of the file is written. */
    public Builder progressListener(ProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Whether to compare the quantized model with the float one after quantizing (default: yes,
     * when there are samples to compare on). Off, the representative dataset calibrates whole.
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


    /**
     * Checks that the options fit together and fit this kind of model, without reading the model.
     * {@link #convert} and {@link #convertTo} check first too; options that name parts of the
     * model (signatures, inputs, keep-float patterns) are checked once the model is read, before
     * the work they affect.
     *
     * @throws ConversionException of kind {@link ConversionException.Kind#USAGE} for misuse
     */
    public Builder validate() {
      boolean savedModel = kind == SourceKind.SAVED_MODEL;
      if (!savedModel) {
        boolean defaultKeys = signatureKeys.isEmpty() || signatureKeys.equals(List.of(KerasPipeline.SIGNATURE_KEY));
        notFor(!tags.equals(Set.of("serve")), "MetaGraph tags apply", "SavedModels", "--saved_model_tag_set");
        notFor(!defaultKeys || preferServingDefault, "signature keys apply", "SavedModels",
            "--saved_model_signature_key");
        notFor(!inputShapes.isEmpty(), "input shapes apply", "SavedModels", "--input_shape");
      }
      if (kind != SourceKind.KERAS) {
        notFor(unrollRecurrent, "unrolling recurrent layers applies", "Keras models", "--unroll_rnn");
      }
      for (String key : signatureKeys) {
        if (key == null || key.isBlank()) {
          throw misuse("a signature key is empty", "name signatures by their keys (--saved_model_signature_key)");
        }
      }
      inputShapes.forEach((name, shape) -> {
        for (int d : shape.dims()) {
          if (d < -1) {
            throw misuse("the input shape of '" + name + "' has dimension " + d,
                "give sizes of 0 or more, or -1 for a dynamic dimension (--input_shape " + name + "=1,28,28)");
          }
        }
      });
      if (quantization == null) {
        notWithoutQuantization(dataset != null, "a representative dataset", "--representative_dataset");
        notWithoutQuantization(evaluation != null, "an evaluation dataset", "--evaluation_dataset");
        return this;
      }
      if (evaluation != null && !qualityReport) {
        throw misuse("an evaluation dataset was given, but the quality report is turned off",
            "drop the evaluation dataset, or turn the quality report on (qualityReport(true))");
      }
      QuantizationChecks.check(quantization, dataset != null);
      return this;
    }

    /** The output must be writable before the conversion starts, not found unwritable after it. */
    private static void checkOutput(Path output) {
      if (Files.isDirectory(output)) {
        throw misuse("the output " + output + " is a directory", "name a file in it, e.g. "
            + output.resolve("model.tflite"));
      }
      Path dir = output.toAbsolutePath().getParent();
      if (dir == null || !Files.isDirectory(dir)) {
        throw misuse("the output directory " + dir + " does not exist",
            "create it first, or write to a directory that exists");
      }
    }

    private void notFor(boolean given, String what, String kinds, String flag) {
      if (given) {
        throw ConversionException.builder(what + " to " + kinds + " only, but " + source + " is " + kind.description)
            .usage()
            .hint(kind == SourceKind.KERAS && what.startsWith("input")
                ? "drop them (" + flag + "): a Keras model has one signature, '" + KerasPipeline.SIGNATURE_KEY
                    + "', with the shapes the model declares"
                : "drop it (" + flag + ") for this model")
            .build();
      }
    }

    private void notWithoutQuantization(boolean given, String what, String flag) {
      if (given) {
        throw misuse(what + " was given, but no quantization was asked for",
            "quantize (--quantize MODE), or drop " + flag);
      }
    }

    private static ConversionException misuse(String what, String fix) {
      return ConversionException.builder(what).usage().hint(fix).build();
    }

    /** Converts in memory. Models over 2 GB cannot be held in one array: use {@link #convertTo}. */
    public ConversionResult convert() {
      validate();
      Stopwatch time = new Stopwatch();
      Converted converted = run(time);
      Attachments attachments = attachments(converted.model());
      byte[] bytes = time.run("write", () -> stage("writing the converted model of",
          () -> ModelWriting.toBytes(converted.model(), bufferOffsets, attachments)));
      return new ConversionResult(bytes, report(converted, bytes.length, Optional.empty(), time));
    }

    /** Converts and writes the model to {@code output} atomically. */
    public ConversionReport convertTo(Path output) {
      Objects.requireNonNull(output, "output");
      validate();
      checkOutput(output);
      Stopwatch time = new Stopwatch();
      Converted converted = run(time);
      Attachments attachments = attachments(converted.model());
      long size = time.run("write", () -> stage("writing " + output + " from",
          () -> ModelWriting.toFile(converted.model(), bufferOffsets, output, progress, attachments)));
      return report(converted, size, Optional.of(output.toString()), time);
    }

    /** The model to write, with what the report needs to know of the run. */
    private record Converted(LiteRtModel model, List<String> otherSignatures, Optional<QuantizationReport> quality,
        List<String> warnings) {}

    private Attachments attachments(LiteRtModel model) {
      return metadata == null ? Attachments.NONE
          : stage("adding metadata to the model of", () -> MetadataAttachments.of(metadata, model));
    }

    private ConversionReport report(Converted c, long modelBytes, Optional<String> output, Stopwatch time) {
      return ConversionReport.of(c.model(), modelBytes, new ConversionReport.Run(source.toString(), kind.reportName,
          output, c.otherSignatures(), Optional.ofNullable(quantization), c.quality(), time.total(), c.warnings()));
    }

    private Converted run(Stopwatch time) {
      if (metadata != null) {
        stage("checking the metadata of", () -> {
          MetadataAttachments.checkFiles(metadata);
          return null;
        });
      }
      FloatModel floatModel = time.run("convert", this::floatModel);
      List<String> warnings = new ArrayList<>();
      if (quantization == null) {
        return new Converted(floatModel.model(), floatModel.otherSignatures(), Optional.empty(), warnings);
      }
      Iterable<Map<String, NdArray>> samples = dataset == null ? null : new CallerDataset(dataset, source);
      Iterable<Map<String, NdArray>> calibration = samples;
      Iterable<Map<String, NdArray>> compared = null;
      String comparedOn = "";
      if (qualityReport && evaluation != null) {
        compared = new CallerDataset(evaluation, source);
        comparedOn = "the evaluation dataset";
      } else if (qualityReport && samples != null && !quantization.needsCalibration()) {
        compared = samples;
        comparedOn = "the representative dataset (" + quantization.mode() + " does not calibrate)";
      } else if (qualityReport && samples != null) {
        HeldOutSplit.Parts split = stage("reading the representative dataset of", () -> HeldOutSplit.of(samples));
        if (split != null) {
          calibration = split.calibration();
          compared = split.evaluation();
          comparedOn = split.evaluationCount() + " samples held out of calibration (every " + HeldOutSplit.EVERY
              + "th of the representative dataset; the other " + split.calibrationCount() + " calibrated)";
        } else {
          compared = samples;
          comparedOn = "the calibration samples themselves";
          String warning = "the quality report is measured on the calibration samples themselves: fewer than "
              + HeldOutSplit.EVERY + " samples are too few to hold any out. Pass an evaluation dataset"
              + " (--evaluation_dataset FILE.npz) to measure it on other samples";
          LOG.warning(warning);
          warnings.add(warning);
        }
      }
      Iterable<Map<String, NdArray>> calibrationSamples = calibration;
      LiteRtModel quantized = time.run("quantize", () -> stage("quantizing to " + quantization.mode(),
          () -> PostTrainingQuantizer.quantize(floatModel.model(), quantization, calibrationSamples, progress)));
      warnings.addAll(QuantizationChecks.warnings(quantization, quantized));
      Optional<QuantizationReport> quality = Optional.empty();
      if (compared != null) {
        Iterable<Map<String, NdArray>> on = compared;
        String description = comparedOn;
        quality = Optional.of(time.run("quality_report", () -> stage("comparing the " + quantization.mode()
            + " model with the float one of", () -> QualityReporter.report(floatModel.model(), quantized, on, progress)
            .evaluatedOn(description))));
      }
      return new Converted(quantized, floatModel.otherSignatures(), quality, warnings);
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

    /** The float model and the signatures of the source that it leaves out. */
    private record FloatModel(LiteRtModel model, List<String> otherSignatures) {}

    private FloatModel floatModel() {
      return switch (kind) {
        case SAVED_MODEL -> {
          SavedModelPipeline.Result r = stage("converting the SavedModel", () -> SavedModelPipeline.convert(
              new ConversionSettings(source, tags, signatureKeys, inputShapes, preferServingDefault)));
          List<String> converted = r.model().signatures().stream().map(LiteRtModel.Signature::key).toList();
          yield new FloatModel(r.model(), r.availableSignatures().stream().filter(k -> !converted.contains(k)).toList());
        }
        case KERAS -> new FloatModel(stage("converting the Keras model",
            () -> KerasPipeline.run(source, new KerasOptions(unrollRecurrent))), List.of());
        case TFLITE -> {
          LiteRtModel read = stage("reading the .tflite model", () -> TfliteReader.read(source));
          if (metadata == null && MetadataEntries.names(source).contains(MetadataAttachments.ENTRY_NAME)) {
            LOG.warning(() -> source + " has TFLite metadata, which the written model will not have; add it with"
                + " --metadata (API: metadata(...))");
          }
          yield new FloatModel(read, List.of());
        }
        case GRAPH_DEF -> new FloatModel(stage("converting the GraphDef",
            () -> GraphDefPipeline.run(new GraphDefSettings(source, inputArrays, outputArrays, graphDefShapes))),
            List.of());
      };
    }

    @Override
    public String toString() {
      return "LiteRtConverter[" + kind + " " + source + ", tags=" + tags + ", signatures="
          + (signatureKeys.isEmpty() ? "all" : signatureKeys) + ", quantization=" + quantization + "]";
    }
  }
}
