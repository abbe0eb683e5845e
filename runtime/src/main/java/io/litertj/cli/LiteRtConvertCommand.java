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
  }

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
    LiteRtConverter.Builder builder = source.kerasModelFile != null
        ? LiteRtConverter.fromKeras(source.kerasModelFile)
        : LiteRtConverter.fromSavedModel(source.savedModelDir).tags(splitList(tagSet).toArray(String[]::new));
    builder.bufferOffsets(bufferOffsets);
    if (signatureKeys != null && !signatureKeys.isBlank()) {
      builder.signatureKeys(splitList(signatureKeys));
    }
    parseShapes().forEach(builder::inputShape);
    ConversionReport report = builder.convertTo(outputFile);
    out.println(Summary.of(outputFile, report));
    return EXIT_OK;
  }

  private int report(Exception e, PrintWriter err) {
    if (e instanceof ConversionException) {
      err.println("litert-convert: error: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return EXIT_CONVERSION_FAILED;
    }
    err.println("litert-convert: internal error: " + e
        + (verbose ? "" : "\nRun again with --verbose for the stack trace, and please report it."));
    if (verbose) {
      e.printStackTrace(err);
    }
    return EXIT_INTERNAL_ERROR;
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
