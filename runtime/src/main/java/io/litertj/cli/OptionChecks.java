package io.litertj.cli;

import io.litertj.quantize.IoType;
import io.litertj.quantize.QuantizationMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The one validation step after parsing: options that do not fit the model kind, the quantization
 * mode or each other are misuse, reported before any model is read. The rules are tables, so a new
 * option is one entry; what only the model can tell (signature keys, input names, keep-float
 * patterns) the converter checks once it has read the model, and that is misuse (exit 2) too.
 */
final class OptionChecks {

  /** The kinds of model the command reads, named by their flag. */
  enum ModelKind {
    SAVED_MODEL("--saved_model_dir", "a SavedModel"),
    KERAS("--keras_model_file", "a Keras file"),
    TFLITE("--tflite_model_file", "a .tflite file"),
    GRAPH_DEF("--graph_def_file", "a frozen GraphDef");

    final String flag;
    final String description;

    ModelKind(String flag, String description) {
      this.flag = flag;
      this.description = description;
    }
  }

  /** Options that only one kind of model takes, and why the others do not. */
  private static final Map<String, Rule> ONLY_FOR = new LinkedHashMap<>();
  /** Options that only some quantization modes take (or any mode: all four). */
  private static final Map<String, Set<QuantizationMode>> MODES = new LinkedHashMap<>();

  /** Why a SavedModel-only option does not apply to the other kinds. */
  private static final Map<ModelKind, String> RULE_WHY = new java.util.EnumMap<>(ModelKind.class);

  private record Rule(Set<ModelKind> kinds, String otherwise) {}

  static {
    String keras = "a Keras model has one signature, serving_default, with the shapes the model declares";
    String tflite = "a .tflite model keeps its own signatures and shapes";
    ONLY_FOR.put("--saved_model_tag_set", new Rule(EnumSet.of(ModelKind.SAVED_MODEL), null));
    ONLY_FOR.put("--saved_model_signature_key", new Rule(EnumSet.of(ModelKind.SAVED_MODEL), null));
    ONLY_FOR.put("--input_shape", new Rule(EnumSet.of(ModelKind.SAVED_MODEL), null));
    ONLY_FOR.put("--unroll_rnn", new Rule(EnumSet.of(ModelKind.KERAS),
        "a SavedModel's recurrent layers are the loops of its TF graph, a .tflite model's are already converted"));
    RULE_WHY.put(ModelKind.KERAS, keras);
    RULE_WHY.put(ModelKind.TFLITE, tflite);
    RULE_WHY.put(ModelKind.GRAPH_DEF, "a GraphDef's inputs, outputs and shapes are given by --input_arrays, "
        + "--output_arrays and --input_shapes");

    Set<QuantizationMode> all = EnumSet.allOf(QuantizationMode.class);
    Set<QuantizationMode> integer = EnumSet.of(QuantizationMode.INT8, QuantizationMode.INT16X8);
    MODES.put("--representative_dataset", all);
    MODES.put("--evaluation_dataset", all);
    MODES.put("--inference_input_type", all);
    MODES.put("--inference_output_type", all);
    MODES.put("--keep_float", all);
    MODES.put("--int8_only", integer);
    MODES.put("--calibration_method", integer);
    MODES.put("--per_tensor_dense", EnumSet.of(QuantizationMode.DYNAMIC_RANGE, QuantizationMode.INT8,
        QuantizationMode.INT16X8));
  }

  private OptionChecks() {}

  /** Throws a {@link UsageErrors.Misuse} for the first rule the command's options break. */
  static void check(LiteRtConvertCommand c) {
    CommandLine line = c.spec.commandLine();
    CommandLine.ParseResult parsed = line.getParseResult();
    ModelKind kind = kind(c);
    ONLY_FOR.forEach((flag, rule) -> {
      if (parsed.hasMatchedOption(flag) && !rule.kinds().contains(kind)) {
        ModelKind needed = rule.kinds().iterator().next();
        String why = rule.otherwise() != null ? rule.otherwise() : RULE_WHY.get(kind);
        throw new UsageErrors.Misuse(line, flag + " applies to " + needed.description + " (" + needed.flag
            + "), but " + kind.flag + " names " + kind.description + ".", "Drop " + flag + ": " + why + ".");
      }
    });
    checkQuantization(c, line, parsed);
    checkFiles(c, line);
    if (kind == ModelKind.SAVED_MODEL) {
      if (c.signatureKeys != null && list(c.signatureKeys).isEmpty()) {
        throw new UsageErrors.Misuse(line, "--saved_model_signature_key names no signature.",
            "Name one or more, separated by commas (--saved_model_signature_key serving_default), or drop it"
                + " to convert serving_default.");
      }
      if (list(c.tagSet).isEmpty()) {
        throw new UsageErrors.Misuse(line, "--saved_model_tag_set names no tag.",
            "Name the MetaGraph's tags, separated by commas (--saved_model_tag_set serve).");
      }
      shapes(c);
    }
  }

  private static void checkQuantization(LiteRtConvertCommand c, CommandLine line, CommandLine.ParseResult parsed) {
    QuantizationMode mode = c.quantize;
    for (Map.Entry<String, Set<QuantizationMode>> e : MODES.entrySet()) {
      String flag = e.getKey();
      if (!parsed.hasMatchedOption(flag)) {
        continue;
      }
      if (mode == null) {
        throw new UsageErrors.Misuse(line, flag + " applies to quantized models, but --quantize is not given.",
            "Add --quantize " + (e.getValue().contains(QuantizationMode.INT8) ? "int8" : "float16")
                + (flag.equals("--representative_dataset") ? "" : " with --representative_dataset FILE.npz")
                + ", or drop " + flag + ".");
      }
      if (!e.getValue().contains(mode)) {
        throw new UsageErrors.Misuse(line, flag + " applies to --quantize " + names(e.getValue()) + ", not "
            + name(mode) + ".", "Drop " + flag + ", or use --quantize " + name(e.getValue().iterator().next()) + ".");
      }
    }
    if (mode == null) {
      return;
    }
    ioType(line, "--inference_input_type", c.inputType, mode);
    ioType(line, "--inference_output_type", c.outputType, mode);
    if ((mode == QuantizationMode.INT8 || mode == QuantizationMode.INT16X8) && c.representativeDataset == null) {
      throw new UsageErrors.Misuse(line, "--quantize " + name(mode) + " calibrates activation ranges on samples, but"
          + " --representative_dataset is not given.", "Add --representative_dataset FILE.npz (one array per model"
          + " input), or use --quantize dynamic_range or float16, which need no samples.");
    }
  }

  private static void ioType(CommandLine line, String flag, IoType type, QuantizationMode mode) {
    if (type == null || type == IoType.FLOAT32) {
      return;
    }
    String t = name(type);
    switch (mode) {
      case FLOAT16, DYNAMIC_RANGE -> throw new UsageErrors.Misuse(line, flag + " " + t + " needs full-integer"
          + " quantization, but --quantize " + name(mode) + " keeps float inputs and outputs.",
          "Use --quantize " + (type == IoType.INT16 ? "int16x8" : "int8") + " with --representative_dataset"
              + " FILE.npz, or drop " + flag + ".");
      case INT8 -> {
        if (type == IoType.INT16) {
          throw new UsageErrors.Misuse(line, flag + " int16 needs --quantize int16x8, but the mode is int8.",
              "Use int8, uint8 or float32 with --quantize int8, or --quantize int16x8 for int16.");
        }
      }
      case INT16X8 -> {
        if (type != IoType.INT16) {
          throw new UsageErrors.Misuse(line, flag + " " + t + " does not fit --quantize int16x8, which computes in"
              + " int16.", "Use int16 or float32, or --quantize int8 for " + t + ".");
        }
      }
    }
  }

  /** The output and the report must be files in existing directories, and not the same file. */
  private static void checkFiles(LiteRtConvertCommand c, CommandLine line) {
    writable(line, "--output_file", c.outputFile, "model.tflite");
    if (c.reportFile != null) {
      writable(line, "--report", c.reportFile, "report.json");
      if (c.reportFile.toAbsolutePath().normalize().equals(c.outputFile.toAbsolutePath().normalize())) {
        throw new UsageErrors.Misuse(line, "--report and --output_file name the same file, " + c.outputFile + ".",
            "Write the report to its own file, e.g. --report " + sibling(c.outputFile, "report.json") + ".");
      }
    }
  }

  private static void writable(CommandLine line, String flag, Path file, String example) {
    if (Files.isDirectory(file)) {
      throw new UsageErrors.Misuse(line, flag + " names a directory, " + file + ".",
          "Name a file in it, e.g. " + flag + " " + file.resolve(example) + ".");
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new UsageErrors.Misuse(line, "the output directory " + dir + " of " + flag + " does not exist.",
          "Create it first (mkdir -p " + dir + "), or write to a directory that exists.");
    }
  }

  /** The --input_shape values by input name; a malformed or repeated one is misuse. */
  static Map<String, int[]> shapes(LiteRtConvertCommand c) {
    CommandLine line = c.spec.commandLine();
    Map<String, int[]> shapes = new LinkedHashMap<>();
    for (String spec : c.inputShapes) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw new UsageErrors.Misuse(line, "--input_shape expects NAME=D1,D2,... but got '" + spec + "'.",
            "Write the input's name, '=' and its dimensions, e.g. --input_shape input_1=1,224,224,3 (NAME= for a"
                + " scalar).");
      }
      String name = spec.substring(0, eq);
      String dims = spec.substring(eq + 1).trim();
      int[] parsed;
      try {
        parsed = dims.isEmpty() ? new int[0]
            : Arrays.stream(dims.split(",", -1)).map(String::trim).mapToInt(Integer::parseInt).toArray();
      } catch (NumberFormatException e) {
        throw new UsageErrors.Misuse(line, "--input_shape " + spec + " has a dimension that is not an integer.",
            "Write integers separated by commas, -1 for a dynamic one, e.g. --input_shape " + name + "=-1,28,28.");
      }
      if (Arrays.stream(parsed).anyMatch(d -> d < -1)) {
        throw new UsageErrors.Misuse(line, "--input_shape " + spec + " has a dimension below -1.",
            "Give sizes of 0 or more, or -1 for a dynamic dimension.");
      }
      if (shapes.put(name, parsed) != null) {
        throw new UsageErrors.Misuse(line, "--input_shape names '" + name + "' twice.", "Give each input one shape.");
      }
    }
    return shapes;
  }

  static ModelKind kind(LiteRtConvertCommand c) {
    return c.source.kerasModelFile != null ? ModelKind.KERAS
        : c.source.tfliteModelFile != null ? ModelKind.TFLITE
        : c.source.graphDefFile != null ? ModelKind.GRAPH_DEF : ModelKind.SAVED_MODEL;
  }

  /** A comma-separated list, blanks dropped. */
  static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  private static Path sibling(Path file, String name) {
    Path parent = file.getParent();
    return parent == null ? Path.of(name) : parent.resolve(name);
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String names(Set<QuantizationMode> modes) {
    List<String> out = modes.stream().map(OptionChecks::name).toList();
    return out.size() == 1 ? out.get(0)
        : String.join(", ", out.subList(0, out.size() - 1)) + " and " + out.get(out.size() - 1);
  }
}
