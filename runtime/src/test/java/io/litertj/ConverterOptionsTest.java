package io.litertj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.calibrate.CalibrationMethod;
import io.litertj.dataset.NdArray;
import io.litertj.ir.DataType;
import io.litertj.quantize.IoType;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.testing.ElementType;
import io.litertj.testing.InputErrors;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API refuses the same misuse as the command line, as {@link ConversionException.Kind#USAGE},
 * before any work: the models here do not exist, so reading one would fail otherwise.
 */
class ConverterOptionsTest {

  @TempDir
  Path temp;

  private final Path noSavedModel = Path.of("no/such/saved_model");
  private final Path noKeras = Path.of("no/such/model.keras");
  private final Path noTflite = Path.of("no/such/model.tflite");
  private final List<Map<String, NdArray>> samples = List.of(Map.of("x", floats(1, 4)));

  private static NdArray floats(int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return new NdArray(DataType.FLOAT32, shape, ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN).array());
  }

  private static ConversionException assertUsage(Executable work, String what) {
    ConversionException e = InputErrors.assertInputError(work, what);
    assertTrue(e.isUsage(), "expected a usage error: " + e.getMessage());
    assertTrue(e.getMessage().contains(what), "expected '" + what + "' in: " + e.getMessage());
    assertTrue(e.hint().isPresent() && Character.isUpperCase(e.hint().get().charAt(0)), "a fix, as a sentence: "
        + e.getMessage());
    return e;
  }

  @Test
  void savedModelOptionsOnOtherModelsAreRefusedBeforeReading() {
    assertUsage(() -> LiteRtConverter.fromKeras(noKeras).inputShape("x", 1, 4).convert(),
        "input shapes apply to SavedModels only, but " + noKeras + " is a Keras model");
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).signatureKeys("predict").convert(),
        "signature keys apply to SavedModels only");
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).tags("gpu").convert(),
        "MetaGraph tags apply to SavedModels only");
    assertUsage(() -> LiteRtConverter.fromSavedModel(noSavedModel).unrollRecurrent(true).convert(),
        "unrolling recurrent layers applies to Keras models only, but " + noSavedModel + " is a SavedModel");
  }

  @Test
  void quantizationOptionsThatCannotTakeEffectAreRefusedBeforeReading() {
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).quantize(QuantizationOptions.of(QuantizationMode.INT8))
        .convert(), "INT8 quantization needs a representative dataset");
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).quantize(QuantizationOptions.of(QuantizationMode.FLOAT16)
        .withIoTypes(IoType.INT8, IoType.FLOAT32)).convert(),
        "FLOAT16 quantization keeps float inputs, so the input type cannot be INT8");
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).quantize(QuantizationOptions.of(QuantizationMode.INT8)
        .withIoTypes(IoType.FLOAT32, IoType.INT16)).representativeDataset(samples).convert(),
        "INT8 quantization computes in int8, so the output type cannot be INT16");
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).quantize(QuantizationOptions.of(QuantizationMode.INT16X8)
        .withIoTypes(IoType.UINT8, IoType.FLOAT32)).representativeDataset(samples).convert(),
        "INT16X8 quantization computes in int16, so the input type cannot be UINT8");
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).quantize(QuantizationOptions.of(QuantizationMode.DYNAMIC_RANGE)
        .withInt8Only(true)).convert(), "int8Only applies to full-integer quantization, but the mode is DYNAMIC_RANGE");
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).quantize(QuantizationOptions.of(QuantizationMode.FLOAT16)
        .withPerChannelDense(false)).convert(), "per-tensor FULLY_CONNECTED weights apply to int8 weights");
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).quantize(QuantizationOptions.of(QuantizationMode.FLOAT16)
        .withCalibrationMethod(CalibrationMethod.MSE)).convert(), "a calibration method applies to INT8 and INT16X8");
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).quantize(QuantizationOptions.of(QuantizationMode.FLOAT16)
        .withKeepFloat(List.of("regex:(["))).convert(), "keep-float pattern 'regex:([' is not a valid regular expression");
  }

  @Test
  void datasetsWithoutQuantizationAreRefused() {
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).representativeDataset(samples).convert(),
        "a representative dataset was given, but no quantization was asked for");
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).evaluationDataset(samples).convert(),
        "an evaluation dataset was given, but no quantization was asked for");
    assertUsage(() -> LiteRtConverter.fromTflite(noTflite).quantize(QuantizationOptions.of(QuantizationMode.FLOAT16))
        .evaluationDataset(samples).qualityReport(false).convert(),
        "an evaluation dataset was given, but the quality report is turned off");
  }

  @Test
  void badShapesAndKeysAreRefused() {
    assertUsage(() -> LiteRtConverter.fromSavedModel(noSavedModel).inputShape("x", 1, -2).convert(),
        "the input shape of 'x' has dimension -2");
    assertUsage(() -> LiteRtConverter.fromSavedModel(noSavedModel).signatureKeys("serving_default", " ").convert(),
        "a signature key is empty");
  }

  @Test
  void anOutputThatCannotBeWrittenIsRefusedBeforeConverting() {
    Path missing = temp.resolve("missing");
    assertUsage(() -> LiteRtConverter.fromSavedModel(noSavedModel).convertTo(missing.resolve("m.tflite")),
        "the output directory " + missing + " does not exist");
    assertUsage(() -> LiteRtConverter.fromSavedModel(noSavedModel).convertTo(temp), "the output " + temp
        + " is a directory");
  }

  /** What only the model can tell is checked once it is read, before the work it affects. */
  @Test
  void namesThatMatchNothingInTheModelAreMisuse() {
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 4)
        .variable("w", TensorData.ofFloats(new long[] {4, 2}, 1, 2, 3, 4, 5, 6, 7, 8))
        .output("y", g -> g.tf().linalg.matMul(g.input("x"), g.variable("w")))
        .export(temp.resolve("model"));
    assertUsage(() -> LiteRtConverter.fromSavedModel(dir).signatureKeys("predict").convert(),
        "the SavedModel has no signature 'predict'");
    assertUsage(() -> LiteRtConverter.fromSavedModel(dir).signatureKeys("serving_default", "serving_default").convert(),
        "signature 'serving_default' is named twice");
    assertUsage(() -> LiteRtConverter.fromSavedModel(dir).tags("serve", "gpu").convert(),
        "the SavedModel has no MetaGraph tagged gpu,serve");
    assertUsage(() -> LiteRtConverter.fromSavedModel(dir).inputShape("nope", 1, 2).convert(),
        "an input shape is given for 'nope', which is no input of signature serving_default");
    ConversionException keep = assertUsage(() -> LiteRtConverter.fromSavedModel(dir)
        .quantize(QuantizationOptions.of(QuantizationMode.DYNAMIC_RANGE).withKeepFloat(List.of("SOFTMAX", "*dense*")))
        .convert(), "keep-float patterns 'SOFTMAX', '*dense*' match no operator and no tensor of the model");
    assertTrue(keep.getMessage().contains("the model has FULLY_CONNECTED"), keep.getMessage());
  }

  /** Misuse prints its fix apart from what is wrong: the CLI shows them on two lines. */
  @Test
  void aUsageErrorKeepsItsProblemAndItsFixApart() {
    ConversionException e = assertThrows(ConversionException.class,
        () -> LiteRtConverter.fromTflite(noTflite).representativeDataset(samples).convert());
    assertEquals(e.problem() + ". " + e.hint().orElseThrow(), e.getMessage());
    assertTrue(Files.notExists(noTflite));
  }
}
