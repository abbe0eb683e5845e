package io.litertj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.testing.ElementType;
import io.litertj.testing.NpzWriter;
import io.litertj.testing.SavedModels;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misuse of the command line exits 2 with what is wrong and how to fix it in two lines, then a
 * pointer to --help, before any model is converted; nothing is written. One test per row of the
 * issue's list and per rule of {@link OptionChecks}.
 */
class CliMisuseTest {

  @TempDir
  static Path temp;
  static Path model;
  static Path tflite;
  static Path dataset;
  static Path keras;

  @BeforeAll
  static void writeModel() throws IOException {
    model = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 4)
        .variable("w", TensorData.ofFloats(new long[] {4, 2}, 1, 2, 3, 4, 5, 6, 7, 8))
        .output("y", g -> g.tf().nn.relu(g.tf().linalg.matMul(g.input("x"), g.variable("w"))))
        .export(temp.resolve("model"));
    tflite = temp.resolve("model.tflite");
    assertEquals(0, Cli.run("--saved_model_dir", model.toString(), "--output_file", tflite.toString()).exit());
    float[] samples = new float[10 * 4];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (i % 7) - 3;
    }
    dataset = NpzWriter.write(temp.resolve("samples.npz"), Map.of("x", TensorData.ofFloats(new long[] {10, 4}, samples)));
    keras = SharedModels.path("gen_keras3_op_layers/ops_arith/model.keras");
  }

  private static int outputs;

  private static Cli.Outcome convert(String... more) {
    Path out = temp.resolve("out" + outputs++ + ".tflite");
    List<String> args = new ArrayList<>(List.of("--saved_model_dir", model.toString(), "--output_file", out.toString()));
    args.addAll(List.of(more));
    Cli.Outcome o = Cli.run(args.toArray(String[]::new));
    assertFalse(o.exit() == 2 && Files.exists(out), "a misuse wrote the model");
    return o;
  }

  @Test
  void anUnknownOptionSuggestsTheRightOneInsteadOfPrintingTheHelp() {
    Cli.assertMisuse(Cli.run("--saved_model_dir", model.toString(), "--output_fle", "x.tflite"),
        "Unknown option: '--output_fle'", "Did you mean --output_file");
  }

  @Test
  void aMissingModelNamesTheThreeWaysToGiveOne() {
    Cli.assertMisuse(Cli.run("--output_file", "x.tflite"), "Missing required argument",
        "Add --saved_model_dir SAVED_MODEL_DIR, or --keras_model_file KERAS_MODEL_FILE, or --tflite_model_file");
  }

  @Test
  void twoModelsAreOneTooMany() {
    Cli.assertMisuse(Cli.run("--saved_model_dir", model.toString(), "--tflite_model_file", tflite.toString(),
        "--output_file", "x.tflite"), "mutually exclusive", "Convert one model at a time");
  }

  @Test
  void aStrayArgumentIsNamed() {
    Cli.assertMisuse(convert("model.tflite"), "Unmatched argument", "takes no arguments besides options");
  }

  @Test
  void fullIntegerWithoutSamplesSaysWhichFlagIsMissing() {
    Cli.assertMisuse(convert("--quantize", "int16x8"), "--quantize int16x8 calibrates activation ranges on samples",
        "Add --representative_dataset FILE.npz");
  }

  @Test
  void quantizationFlagsWithoutQuantizeAreMisuse() {
    Cli.assertMisuse(convert("--inference_input_type", "int8"),
        "--inference_input_type applies to quantized models, but --quantize is not given.",
        "Add --quantize int8 with --representative_dataset FILE.npz, or drop --inference_input_type.");
    Cli.assertMisuse(convert("--representative_dataset", dataset.toString()),
        "--representative_dataset applies to quantized models", "Add --quantize int8, or drop");
    Cli.assertMisuse(convert("--keep_float", "SOFTMAX"), "--keep_float applies to quantized models", "Add --quantize");
    Cli.assertMisuse(convert("--calibration_method", "min_max"), "--calibration_method applies to quantized models",
        "Add --quantize int8");
  }

  /** The float16 row: the input stayed float32 without a word. */
  @Test
  void anIoTypeTheModeCannotGiveIsMisuse() {
    Cli.assertMisuse(convert("--quantize", "float16", "--inference_input_type", "int8"),
        "--inference_input_type int8 needs full-integer quantization, but --quantize float16 keeps float inputs",
        "Use --quantize int8 with --representative_dataset FILE.npz, or drop --inference_input_type.");
    Cli.assertMisuse(convert("--quantize", "dynamic_range", "--inference_output_type", "uint8"),
        "--inference_output_type uint8 needs full-integer quantization", "Use --quantize int8");
    Cli.assertMisuse(convert("--quantize", "int8", "--representative_dataset", dataset.toString(),
        "--inference_input_type", "int16"), "--inference_input_type int16 needs --quantize int16x8",
        "Use int8, uint8 or float32 with --quantize int8");
    Cli.assertMisuse(convert("--quantize", "int16x8", "--representative_dataset", dataset.toString(),
        "--inference_output_type", "int8"), "--inference_output_type int8 does not fit --quantize int16x8",
        "Use int16 or float32");
  }

  @Test
  void anOptionOfAnotherModeIsMisuse() {
    Cli.assertMisuse(convert("--quantize", "float16", "--int8_only"),
        "--int8_only applies to --quantize int8 and int16x8, not float16.", "Drop --int8_only, or use --quantize int8.");
    Cli.assertMisuse(convert("--quantize", "dynamic_range", "--calibration_method", "mse"),
        "--calibration_method applies to --quantize int8 and int16x8, not dynamic_range.", "Drop --calibration_method");
    Cli.assertMisuse(convert("--quantize", "float16", "--per_tensor_dense"),
        "--per_tensor_dense applies to --quantize dynamic_range, int8 and int16x8, not float16.",
        "Drop --per_tensor_dense");
  }

  /** The issue's --input_shape row: a name that is no input was silently accepted. */
  @Test
  void anInputShapeForNoInputIsMisuse() {
    Cli.assertMisuse(convert("--input_shape", "nope=1,2"),
        "an input shape is given for 'nope', which is no input of signature serving_default",
        "Name one of the inputs: x (--input_shape NAME=D1,D2,...)");
  }

  @Test
  void aMalformedInputShapeIsMisuse() {
    Cli.assertMisuse(convert("--input_shape", "x:1,4"), "--input_shape expects NAME=D1,D2,... but got 'x:1,4'.",
        "--input_shape input_1=1,224,224,3");
    Cli.assertMisuse(convert("--input_shape", "x=1,four"), "has a dimension that is not an integer",
        "--input_shape x=-1,28,28");
    Cli.assertMisuse(convert("--input_shape", "x=-2,4"), "has a dimension below -1", "-1 for a dynamic dimension");
    Cli.assertMisuse(convert("--input_shape", "x=1,4", "--input_shape", "x=2,4"), "--input_shape names 'x' twice.",
        "Give each input one shape.");
  }

  /** The Keras row: --input_shape on a Keras file was silently ignored. */
  @Test
  void savedModelOptionsOnOtherModelsAreMisuse() {
    Cli.assertMisuse(Cli.run("--keras_model_file", keras.toString(), "--output_file", "k.tflite", "--input_shape",
        "x=1,6"), "--input_shape applies to a SavedModel (--saved_model_dir), but --keras_model_file names a Keras file.",
        "Drop --input_shape: a Keras model has one signature, serving_default, with the shapes the model declares.");
    Cli.assertMisuse(Cli.run("--tflite_model_file", tflite.toString(), "--output_file", "t.tflite",
        "--saved_model_signature_key", "serving_default"), "--saved_model_signature_key applies to a SavedModel",
        "Drop --saved_model_signature_key: a .tflite model keeps its own signatures and shapes.");
    Cli.assertMisuse(Cli.run("--keras_model_file", keras.toString(), "--output_file", "k.tflite",
        "--saved_model_tag_set", "serve"), "--saved_model_tag_set applies to a SavedModel", "Drop --saved_model_tag_set");
  }

  /** The issue's --keep_float row: a pattern that matches nothing kept nothing float without a word. */
  @Test
  void aKeepFloatPatternThatMatchesNothingIsMisuse() {
    Cli.assertMisuse(convert("--quantize", "float16", "--keep_float", "SOFTMAX"),
        "keep-float pattern 'SOFTMAX' matches no operator and no tensor of the model",
        "Name an operator (the model has FULLY_CONNECTED) or match output tensor names (--keep_float '*dense*')");
    Cli.Outcome ok = convert("--quantize", "float16", "--keep_float", "FULLY_CONNECTED");
    assertEquals(0, ok.exit(), ok.err());
  }

  @Test
  void emptyListsAreMisuse() {
    Cli.assertMisuse(convert("--saved_model_signature_key", ","), "--saved_model_signature_key names no signature.",
        "Name one or more");
    Cli.assertMisuse(convert("--saved_model_tag_set", ""), "--saved_model_tag_set names no tag.", "--saved_model_tag_set serve");
  }

  @Test
  void anOutputThatCannotBeWrittenIsMisuseFoundBeforeConverting() throws IOException {
    Path missing = temp.resolve("no_such_dir");
    Cli.assertMisuse(Cli.run("--saved_model_dir", model.toString(), "--output_file",
        missing.resolve("m.tflite").toString()), "the output directory " + missing + " of --output_file does not exist.",
        "Create it first (mkdir -p " + missing + ")");
    Path dir = Files.createDirectories(temp.resolve("a_directory"));
    Cli.assertMisuse(Cli.run("--saved_model_dir", model.toString(), "--output_file", dir.toString()),
        "--output_file names a directory, " + dir + ".", "Name a file in it, e.g. --output_file " + dir.resolve("model.tflite"));
    Path out = temp.resolve("same.tflite");
    Cli.assertMisuse(Cli.run("--saved_model_dir", model.toString(), "--output_file", out.toString(), "--report",
        out.toString()), "--report and --output_file name the same file", "Write the report to its own file");
    Cli.assertMisuse(Cli.run("--saved_model_dir", model.toString(), "--output_file", out.toString(), "--report",
        missing.resolve("r.json").toString()), "of --report does not exist", "Create it first");
  }

  @Test
  void anEvaluationDatasetNeedsQuantization() {
    Cli.assertMisuse(convert("--evaluation_dataset", dataset.toString()),
        "--evaluation_dataset applies to quantized models", "Add --quantize int8 with --representative_dataset");
  }

  /** Scripts written for tflite_convert pass these; they are accepted and change nothing. */
  @Test
  void tfliteConvertsConverterFlagsAreAcceptedWithANote() throws IOException {
    Path plain = temp.resolve("plain.tflite");
    Path flagged = temp.resolve("flagged.tflite");
    assertEquals(0, Cli.run("--saved_model_dir", model.toString(), "--output_file", plain.toString()).exit());
    Cli.Outcome o = Cli.run("--saved_model_dir", model.toString(), "--output_file", flagged.toString(),
        "--enable_v1_converter", "--experimental_new_converter", "--experimental_new_quantizer=false");
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.err().contains("litert-convert: note: --enable_v1_converter changes nothing")
        && o.err().contains("litert-convert: note: --experimental_new_converter changes nothing")
        && o.err().contains("litert-convert: note: --experimental_new_quantizer changes nothing"), o.err());
    assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(flagged));
    Cli.Outcome value = Cli.run("--saved_model_dir", model.toString(), "--output_file", flagged.toString(),
        "--experimental_new_converter", "true");
    assertEquals(0, value.exit(), value.err());
  }

  @Test
  void aBadEnumValueListsTheValues() {
    Cli.assertMisuse(convert("--quantize", "float16", "--calibration_method", "entropy"),
        "'entropy' is not one of min_max, mse", null);
  }
}
