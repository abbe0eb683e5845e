package io.litertj.tflite;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.LiteRtConverter;
import io.litertj.calibrate.LiteRtRunner;
import io.litertj.dataset.NdArray;
import io.litertj.dataset.NpzDataset;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.testing.SharedModels;
import io.litertj.tflite.schema.BuiltinOperator;
import io.litertj.tflite.schema.DepthwiseConv2DOptions;
import io.litertj.tflite.schema.Model;
import io.litertj.tflite.schema.Operator;
import io.litertj.tflite.schema.SubGraph;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real file (the official converter's KWS DS-CNN float model) damaged in one place each: the
 * validator must name what LiteRT would crash or fail on, before anything uses the model; and
 * LiteRT must never be handed an invalid model.
 */
class TfliteValidatorTest {

  private static final String KWS = "mlperf_tiny_kws_dscnn_tf2/reference_same_weights/";

  @TempDir
  Path dir;

  @Test
  void theOriginalIsValid() throws IOException {
    TfliteReader.read(kws());
  }

  @Test
  void twoOperatorsWritingOneTensorAreRefusedBeforeCalibration() throws IOException {
    // The damage that crashed LiteRT's depthwise kernel during INT8 calibration (SIGFPE, double free).
    byte[] damaged = edit(kws(), (sg) -> {
      Operator a = op(sg, BuiltinOperator.DEPTHWISE_CONV_2D, 1);
      Operator b = op(sg, BuiltinOperator.CONV_2D, 1);
      a.mutateOutputs(0, b.outputs(0));
    });
    Path file = dir.resolve("rewired.tflite");
    Files.write(file, damaged);
    ConversionException e = assertInputError(() -> LiteRtConverter.fromTflite(file)
        .quantize(QuantizationOptions.of(QuantizationMode.INT8)).representativeDataset(samples())
        .convertTo(dir.resolve("out.tflite")));
    assertTrue(e.getMessage().contains("which operator") && e.getMessage().contains("already writes")
        && e.getMessage().contains("rewired.tflite"), e.getMessage());
  }

  @Test
  void anOperatorReadingALaterOperatorsOutputIsRefused() throws IOException {
    byte[] damaged = edit(kws(), sg -> sg.operators(0).mutateInputs(0, sg.operators(3).outputs(0)));
    assertMessage(damaged, "which no earlier operator writes");
  }

  @Test
  void zeroAndHugeStridesAreRefused() throws IOException {
    byte[] zero = edit(kws(), sg -> assertTrue(depthwiseOptions(sg).mutateStrideW(0)));
    assertMessage(zero, "strides 0x");
    byte[] huge = edit(kws(), sg -> assertTrue(depthwiseOptions(sg).mutateStrideH(70_000)));
    assertMessage(huge, "x70000 are not between 1 and 32767");
  }

  @Test
  void shapesThatContradictTheGraphAndOmittedInputsAreRefused() throws IOException {
    byte[] channels = edit(kws(), sg -> {
      Operator conv = op(sg, BuiltinOperator.CONV_2D, 1);
      assertTrue(sg.tensors(conv.inputs(0)).mutateShapeSignature(3, 7));
      assertTrue(sg.tensors(conv.inputs(0)).mutateShape(3, 7));
    });
    assertMessage(channels, "malformed .tflite file: operator");
    byte[] disagreeing = edit(kws(), sg -> {
      Operator conv = op(sg, BuiltinOperator.CONV_2D, 1);
      assertTrue(sg.tensors(conv.inputs(0)).mutateShape(3, 7));
    });
    assertMessage(disagreeing, "shape_signature");
    byte[] omitted = edit(kws(), sg -> op(sg, BuiltinOperator.CONV_2D, 0).mutateInputs(1, -1));
    assertMessage(omitted, "input 1 is omitted");
  }

  @Test
  void constantsMustHoldTheirShapeAndQuantizationMustBeUsable() throws IOException {
    byte[] shape = edit(kws(), sg -> {
      Operator conv = op(sg, BuiltinOperator.CONV_2D, 0);
      sg.tensors(conv.inputs(1)).mutateShape(1, 99);
    });
    assertMessage(shape, "bytes of data");
  }

  @Test
  void liteRtIsNeverHandedAnInvalidModel() throws IOException {
    byte[] damaged = edit(kws(), (sg) -> {
      Operator a = op(sg, BuiltinOperator.DEPTHWISE_CONV_2D, 1);
      a.mutateOutputs(0, op(sg, BuiltinOperator.CONV_2D, 1).outputs(0));
    });
    ConversionException e = assertThrows(ConversionException.class, () -> new LiteRtRunner(damaged, "serving_default"));
    assertTrue(e.isInternal(), "our own calibration models are ours: an invalid one is our bug");
    assertTrue(e.getMessage().contains("already writes"), e.getMessage());
  }

  private static void assertMessage(byte[] damaged, String expected) {
    ConversionException e = assertInputError(() -> TfliteReader.read(damaged));
    assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
  }

  private static byte[] kws() throws IOException {
    return Files.readAllBytes(SharedModels.path(KWS + "model_float32.tflite"));
  }

  private static Iterable<Map<String, NdArray>> samples() {
    List<Map<String, NdArray>> out = new ArrayList<>();
    for (Map<String, NdArray> s : NpzDataset.read(SharedModels.path(KWS + "calibration_100.npz")).limit(4)) {
      Map<String, NdArray> renamed = new LinkedHashMap<>();
      s.forEach((k, v) -> renamed.put("serving_default_input_1", v));
      out.add(renamed);
    }
    return out;
  }

  /** A copy of {@code bytes} with its first subgraph edited in place. */
  private static byte[] edit(byte[] bytes, Consumer<SubGraph> change) {
    byte[] copy = bytes.clone();
    Model model = Model.getRootAsModel(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
    change.accept(model.subgraphs(0));
    return copy;
  }

  /** The {@code n}-th operator (from 0) of a builtin code in the first subgraph. */
  private static Operator op(SubGraph sg, int builtin, int n) {
    Model model = Model.getRootAsModel(sg.getByteBuffer().duplicate().position(0).order(ByteOrder.LITTLE_ENDIAN));
    for (int i = 0, seen = 0; i < sg.operatorsLength(); i++) {
      Operator op = sg.operators(i);
      var code = model.operatorCodes((int) op.opcodeIndex());
      if (Math.max(code.builtinCode(), code.deprecatedBuiltinCode()) == builtin && seen++ == n) {
        return op;
      }
    }
    throw new AssertionError("the model has no operator " + n + " of code " + builtin);
  }

  private static DepthwiseConv2DOptions depthwiseOptions(SubGraph sg) {
    Operator op = op(sg, BuiltinOperator.DEPTHWISE_CONV_2D, 0);
    DepthwiseConv2DOptions o = (DepthwiseConv2DOptions) op.builtinOptions(new DepthwiseConv2DOptions());
    assertEquals(true, o != null, "the depthwise op has options");
    return o;
  }
}
