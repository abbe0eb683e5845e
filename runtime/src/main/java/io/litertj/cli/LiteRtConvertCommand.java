package io.litertj.cli;

import io.litertj.ConversionException;
import io.litertj.ConversionReport;
import io.litertj.LiteRtConverter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code litert-convert}: a drop-in for {@code tflite_convert}. Same flags for the common case,
 * plus the options that tool lacks.
 */
@Command(
    name = "litert-convert",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Command line tool to run the litertj converter: TensorFlow SavedModels to LiteRT "
        + "(.tflite) flatbuffers, in pure Java.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the model was converted and written",
        "1:the model cannot be converted (the message says why and how to fix it)",
        "2:invalid command line",
        "70:internal error (please report it, with --verbose output)"})
public final class LiteRtConvertCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_CONVERSION_FAILED = 1;
  static final int EXIT_INTERNAL_ERROR = 70;

  @Spec
  private CommandLine.Model.CommandSpec spec;

  @Option(names = "--output_file", required = true, paramLabel = "OUTPUT_FILE",
      description = "Full filepath of the output file.")
  private Path outputFile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Source source;

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
  private String tagSet;

  @Option(names = "--saved_model_signature_key", paramLabel = "SAVED_MODEL_SIGNATURE_KEY",
      description = "Comma-separated keys identifying the SignatureDefs to convert, one subgraph each. "
          + "(default: all signatures)")
  private String signatureKeys;

  @Option(names = "--input_shape", paramLabel = "NAME=D1,D2,...",
      description = "Shape of a signature input, for inputs whose rank the SavedModel leaves unknown; "
          + "-1 keeps a dimension dynamic. Repeatable. Use NAME= for a scalar.")
  private List<String> inputShapes = new ArrayList<>();

  @Option(names = "--buffer_offsets",
      description = "Store constant data after the flatbuffer, addressed by offset (automatic above 2 GB).")
  private boolean bufferOffsets;

  @Option(names = "--unroll_rnn",
      description = "Unroll Keras LSTM and SimpleRNN layers into per-step ops instead of LiteRT's fused "
          + "UNIDIRECTIONAL_SEQUENCE_LSTM / _RNN (GRU is always unrolled). Keras models only.")
  private boolean unrollRnn;

  @Option(names = "--quantize", paramLabel = "MODE", converter = QuantizationFlags.ModeConverter.class,
      description = "Post-training quantization: float16, dynamic_range (int8 weights, float activations), "
          + "int8 (full integer; needs --representative_dataset) or int16x8 (int16 activations).")
  private io.litertj.quantize.QuantizationMode quantize;

  @Option(names = "--representative_dataset", paramLabel = "FILE.npz",
      description = "Calibration samples: one array per signature input, keyed by input name; axis 0 "
          + "indexes the samples. Also used for the quality report.")
  private Path representativeDataset;

  @Option(names = "--inference_input_type", paramLabel = "TYPE", converter = QuantizationFlags.IoConverter.class,
      description = "Type of the quantized model's inputs: float32 (default), int8, uint8 or int16 (int16x8).")
  private io.litertj.quantize.IoType inputType;

  @Option(names = "--inference_output_type", paramLabel = "TYPE", converter = QuantizationFlags.IoConverter.class,
      description = "Type of the quantized model's outputs: float32 (default), int8, uint8 or int16 (int16x8).")
  private io.litertj.quantize.IoType outputType;

  @Option(names = "--int8_only",
      description = "Fail on an op that has no integer kernel instead of leaving it in float.")
  private boolean int8Only;

  @Option(names = "--per_tensor_dense",
      description = "Quantize FULLY_CONNECTED weights per tensor (older runtimes) instead of per channel.")
  private boolean perTensorDense;

  @Option(names = "--keep_float", paramLabel = "PATTERN",
      description = "Keep ops or tensors matching PATTERN in float: an op name (SOFTMAX) or a tensor-name glob "
          + "(*dense*). Repeatable.")
  private List<String> keepFloat = new ArrayList<>();

  @Option(names = "--calibration_method", paramLabel = "METHOD", defaultValue = "min_max",
      converter = QuantizationFlags.MethodConverter.class,
      description = "How activation ranges are chosen: min_max (the official converter's; default) or mse "
          + "(clipped ranges that minimize the squared error).")
  private io.litertj.calibrate.CalibrationMethod calibrationMethod;

  @Option(names = "--report", paramLabel = "FILE.json",
      description = "Write the quantization quality report (per output and worst tensors) as JSON.")
  private Path reportFile;

  @Option(names = "--metadata", paramLabel = "FILE.json",
      description = "TFLite metadata to write into the model (name, description, version, author, license; per "
          + "input and output: description, normalization mean/std, value range, content, label files), which "
          + "ML Model Binding, MediaPipe and the support library read. Label files are packed into the model.")
  private Path metadataFile;

  @Option(names = "--verbose", description = "Print stack traces and detailed progress.")
  private boolean verbose;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command; returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new LiteRtConvertCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, line, parse) -> {
      LiteRtConvertCommand cmd = line.getCommand();
      return cmd.report(e, err);
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    Logging.configure(verbose);
    PrintWriter out = spec.commandLine().getOut();
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
      builder = LiteRtConverter.fromTflite(source.tfliteModelFile).unrollRecurrent(unrollRnn);
    } else {
      builder = LiteRtConverter.fromSavedModel(source.savedModelDir).tags(splitList(tagSet).toArray(String[]::new))
          .unrollRecurrent(unrollRnn);
      if (signatureKeys != null && !signatureKeys.isBlank()) {
        builder.signatureKeys(splitList(signatureKeys));
      }
      parseShapes().forEach(builder::inputShape);
    }
    builder.bufferOffsets(bufferOffsets);
    if (metadataFile != null) {
      builder.metadata(io.litertj.metadata.ModelMetadata.fromJson(metadataFile));
    }
    new QuantizationFlags(quantize, representativeDataset, inputType, outputType, int8Only, perTensorDense,
        keepFloat, calibrationMethod).apply(builder);
    builder.progressListener(new ProgressDisplay(spec.commandLine().getErr()));
    ConversionReport report = builder.convertTo(outputFile);
    out.println(Summary.of(outputFile, report));
    if (reportFile != null) {
      QuantizationFlags.writeReport(report, reportFile);
      out.println("Wrote the quantization report to " + reportFile);
    }
    return EXIT_OK;
  }

  private int report(Exception e, PrintWriter err) {
    return report(e, verbose, inputName(), err);
  }

  /**
   * Prints a failure and returns its exit code: 1 for input the converter cannot take (its message
   * says how to fix it), 70 for our own bug, whatever the input (reported as such, stack trace with
   * {@code --verbose}).
   */
  static int report(Exception e, boolean verbose, Object input, PrintWriter err) {
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

  private Map<String, int[]> parseShapes() {
    Map<String, int[]> shapes = new LinkedHashMap<>();
    for (String spec : inputShapes) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(this.spec.commandLine(),
            "--input_shape expects NAME=D1,D2,... but got '" + spec + "'");
      }
      try {
        String dims = spec.substring(eq + 1).trim();
        int[] parsed = dims.isEmpty() ? new int[0]
            : Arrays.stream(dims.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        shapes.put(spec.substring(0, eq), parsed);
      } catch (NumberFormatException ex) {
        throw new CommandLine.ParameterException(this.spec.commandLine(),
            "--input_shape dimensions must be integers: '" + spec + "'");
      }
    }
    return shapes;
  }

  private static List<String> splitList(String text) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }
}
