package io.litertj.processor;

/**
 * Every diagnostic of the recipe processor: a stable id, the text (a {@link String#format}
 * pattern) and how to fix it. Each has its own compile-testing test.
 */
enum Message {
  NO_SOURCE("LRJ001", "recipe %s has no model source",
      "annotate it with exactly one of @SavedModelSource, @KerasModelSource or @TfliteModelSource"),
  TWO_SOURCES("LRJ002", "recipe %s has more than one model source (%s)",
      "keep exactly one of @SavedModelSource, @KerasModelSource or @TfliteModelSource; write one recipe per model"),
  NOT_A_CLASS("LRJ003", "recipe %s must be a class",
      "put the recipe annotations on a plain class"),
  NOT_INSTANTIABLE("LRJ004", "recipe %s cannot be instantiated: %s",
      "make it a non-abstract, non-private top-level or static nested class with a non-private no-argument constructor"),
  QUANTIZE_NEEDS_DATASET("LRJ010", "@Quantize(mode = %s) needs calibration samples, but recipe %s has no @RepresentativeDataset method",
      "add a method annotated @RepresentativeDataset that returns Iterable<%s>, or use mode DYNAMIC_RANGE or FLOAT16"),
  INTEGER_IO_NEEDS_INTEGER_MODE("LRJ011", "%s = %s needs an integer quantization mode, but the mode is %s",
      "use mode INT8 (or INT16X8 for INT16), or keep %s = FLOAT32"),
  IO_TYPE_OF_OTHER_MODE("LRJ015", "%s = %s does not fit mode %s, which computes in %s",
      "use %s, or keep %s = FLOAT32"),
  INT8_ONLY_NEEDS_INTEGER_MODE("LRJ012", "int8Only = true applies to full-integer quantization, but the mode is %s",
      "remove int8Only, or use mode INT8 or INT16X8"),
  PER_TENSOR_WITH_FLOAT16("LRJ014", "perChannelDense = false applies to int8 weights, but mode FLOAT16 stores float16 "
      + "weights", "remove perChannelDense, or use mode DYNAMIC_RANGE, INT8 or INT16X8"),
  INVALID_KEEP_FLOAT("LRJ013", "keepFloat pattern \"%s\" is not a valid regular expression: %s",
      "after regex: write a java.util.regex.Pattern, e.g. \"regex:logits.*\"; escape literal dots and brackets with \\\\"),
  KEEP_FLOAT_NOT_A_GLOB("LRJ014", "keepFloat pattern \"%s\" is not an op name or a tensor-name glob: %s",
      "write an op name (SOFTMAX) or a glob (* any run, ? one character), or a regular expression after regex:, e.g. \"%s\""),
  DATASET_PRIVATE("LRJ020", "@RepresentativeDataset method %s is private",
      "make it package-private, protected or public so the generated pipeline can call it"),
  DATASET_PARAMETERS("LRJ021", "@RepresentativeDataset method %s takes parameters",
      "remove the parameters; the pipeline calls it with none"),
  DATASET_RETURN_TYPE("LRJ022", "@RepresentativeDataset method %s returns %s, but the model's samples are %s",
      "return Iterable<%s>"),
  TWO_DATASETS("LRJ023", "recipe %s has more than one @RepresentativeDataset method (%s and %s)",
      "keep one; combine the samples in a single method"),
  DATASET_SAMPLES("LRJ024", "@RepresentativeDataset(samples = %d) must be positive", "use e.g. samples = 100"),
  DATASET_UNUSED("LRJ025", "@RepresentativeDataset method %s is not used: %s",
      "remove it, or use @Quantize(mode = INT8) or INT16X8"),
  MODEL_NOT_FOUND("LRJ030", "model path \"%s\" does not exist (resolved to %s)",
      "fix the path (relative paths are resolved against the project directory, %s; -Alitertj.baseDir=DIR names "
          + "another), create the model before compiling, or write the path as ${property}/... when the model only "
          + "exists at run time"),
  MODEL_UNREADABLE("LRJ031", "cannot read the %s: %s", "%s"),
  UNKNOWN_SIGNATURE("LRJ032", "the SavedModel at \"%s\" has no signature \"%s\"", "use one of %s"),
  UNKNOWN_INPUT("LRJ033", "@InputShape names input \"%s\", but the model's inputs are %s", "use one of the input names"),
  INPUT_SHAPE_NOT_SAVED_MODEL("LRJ035", "@InputShape applies to SavedModels, but recipe %s converts %s",
      "remove @InputShape: %s"),
  INPUT_SHAPE_DIMENSION("LRJ036", "@InputShape(name = \"%s\") has dimension %d", "give sizes of 0 or more, or -1 for a "
      + "dynamic dimension"),
  INPUT_SHAPE_TWICE("LRJ037", "@InputShape names input \"%s\" twice", "give each input one @InputShape"),
  SIGNATURE_TWICE("LRJ038", "signature \"%s\" is named twice", "name each signature once"),
  EMPTY_OUTPUT("LRJ034", "@Output(path) is empty", "name the .tflite file, e.g. @Output(path = \"model.tflite\")"),
  LABELS_NOT_FOUND("LRJ050", "label file \"%s\" does not exist (resolved to %s)",
      "fix the path, or write it as ${property}/... when the file only exists at run time"),
  LABELS_EMPTY("LRJ051", "@Labels(%s) is empty", "name the output and its label file, e.g. @Labels(output = \"scores\", "
      + "path = \"labels.txt\")"),
  LABELS_UNKNOWN_OUTPUT("LRJ052", "@Labels names output \"%s\", but the model's outputs are %s",
      "use one of the output names"),
  METADATA_FILE_NOT_FOUND("LRJ053", "metadata file \"%s\" does not exist (resolved to %s)",
      "fix the path, or write it as ${property}/... when the file only exists at run time"),
  METADATA_FILE_INVALID("LRJ054", "metadata file \"%s\" cannot be used: %s", "fix the file"),
  METADATA_ONE_SIGNATURE("LRJ055", "TFLite metadata describes one subgraph, but recipe %s converts %d signatures %s",
      "name one signature in @SavedModelSource(signatures = ...)"),
  SAMPLE_FALLBACK("LRJ040", "model path \"%s\" is only known at run time: the dataset of %s uses name-keyed %s",
      "write the path without ${...} to get a typed %s, one field per model input");

  private final String id;
  private final String text;
  private final String fix;

  Message(String id, String text, String fix) {
    this.id = id;
    this.text = text;
    this.fix = fix;
  }

  String id() {
    return id;
  }

  /**
   * The diagnostic: {@code [id] what. Fix: how}. The arguments fill the text's placeholders first,
   * then the fix's.
   */
  String format(Object... args) {
    int n = count(text);
    Object[] textArgs = java.util.Arrays.copyOfRange(args, 0, Math.min(n, args.length));
    Object[] fixArgs = args.length > n ? java.util.Arrays.copyOfRange(args, n, args.length) : new Object[0];
    return "[" + id + "] " + String.format(text, textArgs) + ". Fix: " + String.format(fix, fixArgs);
  }

  private static int count(String pattern) {
    int n = 0;
    for (int i = 0; i < pattern.length() - 1; i++) {
      if (pattern.charAt(i) == '%') {
        if (pattern.charAt(i + 1) != '%') {
          n++;
        }
        i++;
      }
    }
    return n;
  }
}
