package io.litertj.cli;

import io.litertj.ConversionException;
import io.litertj.ConversionReport;
import io.litertj.LiteRtConverter;
import io.litertj.files.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code litert-convert}: a drop-in for {@code tflite_convert}. Same flags for the common case,
 * plus the options that tool lacks. The options are declared here; {@link OptionChecks} checks them
 * together in one step after parsing, before any model is read.
 */
@Command(
    name = "litert-convert",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Command line tool to run the litertj converter: TensorFlow SavedModels, Keras files and .tflite "
        + "files to LiteRT (.tflite) flatbuffers, in pure Java.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the model was converted and written",
        "1:the model cannot be converted (the message says why and how to fix it)",
        "2:invalid command line: an unknown, missing or contradictory option, or one that names nothing in the model",
        "70:internal error (please report it, with --verbose output)"})
public final class LiteRtConvertCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_CONVERSION_FAILED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_INTERNAL_ERROR = 70;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--output_file", required = true, paramLabel = "OUTPUT_FILE",
      description = "Full filepath of the output file.")
  Path outputFile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--saved_model_dir", paramLabel = "SAVED_MODEL_DIR",
        description = "Full path of the directory containing the SavedModel.")
    Path savedModelDir;

    @Option(names = "--keras_model_file", paramLabel = "KERAS_MODEL_FILE",
        description = "Full filepath of HDF5 (.h5) or Keras 3 (.keras) file containing a Keras model.")
    Path kerasModelFile;

    @Option(names = "--tflite_model_file", paramLabel = "TFLITE_MODEL_FILE",
        description = "Full filepath of a .tflite file to quantize (made by any converter): float, or "
            + "dynamic-range or float16, whose weights become float again first.")
    Path tfliteModelFile;

    @Option(names = "--graph_def_file", paramLabel = "GRAPH_DEF_FILE",
        description = "Full filepath of a frozen GraphDef: binary (.pb) or text (.pbtxt), weights as constants. "
            + "Needs --input_arrays and --output_arrays.")
    Path graphDefFile;
  }

  @Option(names = "--input_arrays", paramLabel = "INPUT_ARRAYS",
      description = "Names of the input tensors of a GraphDef, comma-separated (node or node:1).")
  private String inputArrays;

  @Option(names = "--output_arrays", paramLabel = "OUTPUT_ARRAYS",
      description = "Names of the output tensors of a GraphDef, comma-separated.")
  private String outputArrays;

  @Option(names = "--input_shapes", paramLabel = "INPUT_SHAPES",
      description = "Shapes of the GraphDef's input arrays, colon-separated, e.g. 1,224,224,3:1,10 (-1 keeps a "
          + "dimension dynamic; an unknown batch size becomes 1 otherwise, as tflite_convert makes it).")
  private String inputShapesOfArrays;

  @Option(names = "--saved_model_tag_set", paramLabel = "SAVED_MODEL_TAG_SET", defaultValue = "serve",
      description = "Comma-separated set of tags identifying the MetaGraphDef within the SavedModel to "
          + "analyze. All tags must be present. (default \"${DEFAULT-VALUE}\")")
  String tagSet;

  @Option(names = "--saved_model_signature_key", paramLabel = "SAVED_MODEL_SIGNATURE_KEY",
      description = "Comma-separated keys identifying the SignatureDefs to convert. Signatures of the same "
          + "function share one subgraph. (default: serving_default when the model has it, as tflite_convert "
          + "does; otherwise all signatures)")
  String signatureKeys;

  @Option(names = "--input_shape", paramLabel = "NAME=D1,D2,...",
      description = "Shape of a signature input, for inputs whose rank the SavedModel leaves unknown; "
          + "-1 keeps a dimension dynamic. Repeatable. Use NAME= for a scalar. SavedModels only.")
  List<String> inputShapes = new ArrayList<>();

  @Option(names = "--buffer_offsets",
      description = "Store constant data after the flatbuffer, addressed by offset (automatic above 2 GB).")
  boolean bufferOffsets;

  @Option(names = "--unroll_rnn",
      description = "Unroll Keras LSTM and SimpleRNN layers into per-step ops instead of LiteRT's fused "
          + "UNIDIRECTIONAL_SEQUENCE_LSTM / _RNN (GRU is always unrolled). Keras models only.")
  boolean unrollRnn;

  @Option(names = "--quantize", paramLabel = "MODE", converter = QuantizationFlags.ModeConverter.class,
      description = "Post-training quantization: float16, dynamic_range (int8 weights, float activations), "
          + "int8 (full integer; needs --representative_dataset) or int16x8 (int16 activations; needs it too).")
  io.litertj.quantize.QuantizationMode quantize;

  @Option(names = "--representative_dataset", paramLabel = "FILE.npz",
      description = "Calibration samples: one array per signature input, keyed by input name; axis 0 "
          + "indexes the samples. Without --evaluation_dataset, every 5th sample is kept out of calibration "
          + "to measure the quality report on.")
  Path representativeDataset;

  @Option(names = "--evaluation_dataset", paramLabel = "FILE.npz",
      description = "Samples (as --representative_dataset) to measure the quality report on; the representative "
          + "dataset then calibrates with all of its samples.")
  Path evaluationDataset;

  @Option(names = "--inference_input_type", paramLabel = "TYPE", converter = QuantizationFlags.IoConverter.class,
      description = "Type of the quantized model's inputs: float32 (default), int8 or uint8 (--quantize int8), "
          + "int16 (--quantize int16x8).")
  io.litertj.quantize.IoType inputType;

  @Option(names = "--inference_output_type", paramLabel = "TYPE", converter = QuantizationFlags.IoConverter.class,
      description = "Type of the quantized model's outputs: float32 (default), int8 or uint8 (--quantize int8), "
          + "int16 (--quantize int16x8).")
  io.litertj.quantize.IoType outputType;

  @Option(names = "--int8_only",
      description = "Fail on an op that has no integer kernel instead of leaving it in float (int8, int16x8).")
  boolean int8Only;

  @Option(names = "--per_tensor_dense",
      description = "Quantize FULLY_CONNECTED weights per tensor (older runtimes) instead of per channel.")
  boolean perTensorDense;

  @Option(names = "--keep_float", paramLabel = "PATTERN",
      description = "Keep ops or tensors matching PATTERN in float: an op name (SOFTMAX) or a tensor-name glob "
          + "(*dense*); each must match something in the model. Repeatable.")
  List<String> keepFloat = new ArrayList<>();

  @Option(names = "--calibration_method", paramLabel = "METHOD", defaultValue = "min_max",
      converter = QuantizationFlags.MethodConverter.class,
      description = "How activation ranges are chosen (int8, int16x8): min_max (the official converter's; "
          + "default) or mse (clipped ranges that minimize the squared error).")
  io.litertj.calibrate.CalibrationMethod calibrationMethod;

  @Option(names = "--report", paramLabel = "FILE.json",
      description = "Write the conversion report as JSON: signatures, inputs and outputs, operators, sizes, time "
          + "per stage; for a quantized model, the quality on samples kept out of calibration.")
  Path reportFile;

  @Option(names = "--metadata", paramLabel = "FILE.json",
      description = "TFLite metadata to write into the model (name, description, version, author, license; per "
          + "input and output: description, normalization mean/std, value range, content, label files), which "
          + "ML Model Binding, MediaPipe and the support library read. Label files are packed into the model.")
  private Path metadataFile;

  @Option(names = "--verbose", description = "Print stack traces and detailed progress.")
  boolean verbose;

  @CommandLine.Mixin
  CompatibilityFlags compatibility = new CompatibilityFlags();

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command; returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new LiteRtConvertCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(new UsageErrors(err));
    cli.setExecutionExceptionHandler((e, line, parse) -> {
      LiteRtConvertCommand cmd = line.getCommand();
      return cmd.report(e, err);
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    OptionChecks.check(this);
    Logging.configure(verbose, spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();
    compatibility.notes().forEach(note -> spec.commandLine().getErr().println("litert-convert: note: " + note));
    LiteRtConverter.Builder builder;
    GraphDefFlags graphDef = new GraphDefFlags(spec.commandLine(), inputArrays, outputArrays, inputShapesOfArrays);
    if (source.graphDefFile == null) {
      graphDef.requireAbsent();
    }
    if (source.graphDefFile != null) {
      builder = graphDef.builder(source.graphDefFile);
    } else if (source.kerasModelFile != null) {
      builder = LiteRtConverter.fromKeras(source.kerasModelFile).unrollRecurrent(unrollRnn);
    } else if (source.tfliteModelFile != null) {
      builder = LiteRtConverter.fromTflite(source.tfliteModelFile);
    } else {
      builder = LiteRtConverter.fromSavedModel(source.savedModelDir).tags(OptionChecks.list(tagSet).toArray(String[]::new));
      if (signatureKeys != null) {
        builder.signatureKeys(OptionChecks.list(signatureKeys));
      } else {
        builder.preferServingDefault(true);
      }
      OptionChecks.shapes(this).forEach(builder::inputShape);
    }
    builder.bufferOffsets(bufferOffsets);
    if (metadataFile != null) {
      builder.metadata(io.litertj.metadata.ModelMetadata.fromJson(metadataFile));
    }
    new QuantizationFlags(quantize, representativeDataset, evaluationDataset, inputType, outputType, int8Only,
        perTensorDense, keepFloat, calibrationMethod).apply(builder);
    builder.progressListener(new ProgressDisplay(spec.commandLine().getErr()));
    ConversionReport report = builder.convertTo(outputFile);
    out.println(Summary.of(outputFile, report));
    if (reportFile != null) {
      AtomicFiles.writeString(reportFile, "the report", report.toJson());
      out.println("Wrote the report to " + reportFile);
    }
    return EXIT_OK;
  }

  private int report(Exception e, PrintWriter err) {
    return report(e, verbose, inputName(), err);
  }

  /**
   * Prints a failure and returns its exit code: 2 for options that do not fit the model, 1 for
   * input the converter cannot take (its message says how to fix it), 70 for our own bug, whatever
   * the input (reported as such, stack trace with {@code --verbose}).
   */
  static int report(Exception e, boolean verbose, Object input, PrintWriter err) {
    if (e instanceof ConversionException c && c.isUsage()) {
      UsageErrors.print(err, c.problem(), c.hint().orElse(null));
      if (verbose) {
        e.printStackTrace(err);
      }
      return EXIT_USAGE;
    }
    if (e instanceof ConversionException c && !c.isInternal()) {
      err.println("litert-convert: error: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return EXIT_CONVERSION_FAILED;
    }
    ConversionException internal = e instanceof ConversionException c ? c
        : ConversionException.internal("running litert-convert on", input, e);
    err.println("litert-convert: " + internal.getMessage());
    if (verbose) {
      (internal.getCause() != null ? internal.getCause() : internal).printStackTrace(err);
    } else {
      err.println("Run again with --verbose for the stack trace.");
    }
    return EXIT_INTERNAL_ERROR;
  }

  private Object inputName() {
    if (source == null) {
      return null;
    }
    if (source.graphDefFile != null) {
      return source.graphDefFile;
    }
    return source.kerasModelFile != null ? source.kerasModelFile
        : source.tfliteModelFile != null ? source.tfliteModelFile : source.savedModelDir;
  }
}
