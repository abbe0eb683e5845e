package io.litertj.testing;

import static io.litertj.testing.TensorData.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.junit.jupiter.api.Test;

/** Real LiteRT on real .tflite files from ../shared/models. */
class LiteRtOracleTest {

  @Test
  void runsAFileWithoutSignaturesByIndex() {
    try (LiteRtOracle lite = LiteRtOracle.load(SharedModels.path("half_plus_two_tf1/reference/model.tflite"))) {
      assertEquals(List.of(), lite.signatureKeys());
      assertEquals(List.of(new TensorSpec("x", ElementType.FLOAT32, new long[] {1, 1})), lite.inputs());
      assertEquals("y", lite.outputs().get(0).name());
      List<TensorData> out = lite.runByIndex(List.of(TensorData.ofFloats(shape(1, 1), 3f)));
      assertEquals("y", out.get(0).name());
      assertArrayEquals(new float[] {3.5f}, out.get(0).asFloats());
      // the file fixes [1, 1]; resizing still works for element-wise ops
      TensorData batch = lite.runByIndex(List.of(TensorData.ofFloats(shape(3, 1), 0, 1, -4))).get(0);
      assertArrayEquals(new long[] {3, 1}, batch.shape());
      assertArrayEquals(new float[] {2f, 2.5f, 0f}, batch.asFloats());
    }
  }

  /** "reference_sigdef" holds TF1 signature metadata, not flatbuffer signature_defs: LiteRT sees none. */
  @Test
  void tf1SignatureMetadataIsNotALiteRtSignature() {
    try (LiteRtOracle lite = LiteRtOracle.load(SharedModels.path("half_plus_two_tf1/reference_sigdef/model.tflite"))) {
      assertEquals(List.of(), lite.signatureKeys());
      assertEquals("tflite_input", lite.inputs().get(0).name());
      assertArrayEquals(new float[] {2.5f, 12f},
          lite.runByIndex(List.of(TensorData.ofFloats(shape(2, 1), 1, 20))).get(0).asFloats());
    }
  }

  /** The author's official-converter file agrees with real Keras to 8e-10 (MANIFEST.md). */
  @Test
  void runsASignatureWithADynamicBatchAgainstKerasOutputs() throws IOException {
    Map<String, TensorData> keras = NpzReader.read(SharedModels.path("keras3_emg_lstm/model.keras_outputs.npz"));
    try (LiteRtOracle lite = LiteRtOracle.load(SharedModels.path("keras3_emg_lstm/reference/model.tflite"))) {
      assertEquals(List.of("serving_default"), lite.signatureKeys());
      SignatureSpec sig = lite.signature("serving_default");
      assertEquals(List.of(new TensorSpec("input", ElementType.FLOAT32, new long[] {-1, 12})), sig.inputs());
      assertEquals(List.of("output_0"), sig.outputNames());
      Map<String, TensorData> out = lite.run("serving_default", Map.of("input", keras.get("input:input")));
      assertArrayEquals(new long[] {2, 4}, out.get("output_0").shape());
      Closeness.standard().assertClose("output_0", keras.get("output:output"), out.get("output_0"));
    }
  }

  @Test
  void signatureAndIndexRunsAgree() {
    try (LiteRtOracle lite = LiteRtOracle.load(SharedModels.path("tflm_hello_world_tflite/hello_world_float.tflite"))) {
      TensorData x = TensorData.ofFloats(shape(4, 1), 0f, 1.5707964f, 3.1415927f, 4.712389f);
      TensorData bySignature = lite.run("serving_default", Map.of("dense_input", x)).get("dense_2");
      TensorData byIndex = lite.runByIndex(List.of(x)).get(0);
      assertArrayEquals(bySignature.asFloats(), byIndex.asFloats());
      float[] sine = bySignature.asFloats(); // a small trained MLP approximating sin(x)
      assertEquals(1f, sine[1], 0.15f);
      assertEquals(-1f, sine[3], 0.15f);
    }
  }

  @Test
  void garbageIsRejectedWithLiteRtsReason() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LiteRtOracle.load("this is not a flatbuffer at all".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("LiteRT rejected the model: TfLiteModelCreate returned null: "
        + "The model is not a valid Flatbuffer buffer", e.getMessage());
    IllegalStateException empty = assertThrows(IllegalStateException.class, () -> LiteRtOracle.load(new byte[0]));
    assertTrue(empty.getMessage().startsWith("LiteRT rejected the model: "), empty.getMessage());
  }

  /** A real file that LiteRT 2.21 refuses; the message shows the reporter's formatted arguments. */
  @Test
  void aRejectedRealModelCarriesTheFormattedReport() {
    Path file = SharedModels.path("tflm_person_detect_tflite/person_detect.tflite");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LiteRtOracle.load(file));
    assertTrue(e.getMessage().startsWith("LiteRT rejected the model: TfLiteInterpreterCreate returned null: "
        + "quantized_dimension must be in range [0, 1). Was 3. | Tensor 33 has invalid quantization parameters."),
        e.getMessage());
  }

  @Test
  void rejectsWrongInputsClearly() {
    try (LiteRtOracle lite = LiteRtOracle.load(SharedModels.path("keras3_emg_lstm/reference/model.tflite"))) {
      IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
          () -> lite.run("serving_default", Map.of("x", TensorData.scalar(1f))));
      assertTrue(names.getMessage().contains("takes inputs [input], but got [x]"), names.getMessage());
      IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
          () -> lite.run("serving_default", Map.of("input", TensorData.ofInts(shape(1, 12), new int[12]))));
      assertTrue(type.getMessage().contains("'input' is FLOAT32, but the data is INT32"), type.getMessage());
      IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> lite.signature("x"));
      assertTrue(key.getMessage().contains("it has [serving_default]"), key.getMessage());
    }
  }

  /** LiteRT's signature runner resizes strictly: only dimensions that are -1 in the file may change. */
  @Test
  void aSignatureRunOnlyResizesDynamicDimensions() {
    try (LiteRtOracle lite = LiteRtOracle.load(SharedModels.path("keras3_emg_lstm/reference/model.tflite"))) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> lite.run("serving_default", Map.of("input", TensorData.ofFloats(shape(1, 13), new float[13]))));
      assertTrue(e.getMessage().startsWith("LiteRT rejected the model: ResizeInputTensor('input', [1, 13]) on "
          + "signature 'serving_default' returned status 1: Attempting to resize dimension 1 of tensor 0 with "
          + "value 12 to 13."), e.getMessage());
    }
  }

  @Test
  void aFailedInvokeIsARejectionWithTheReport() {
    try (LiteRtOracle lite = LiteRtOracle.load(SharedModels.path("keras3_emg_lstm/reference/model.tflite"))) {
      // the index API resizes freely, but Reshape(3, 4) of 13 features fails (at invoke: its shape is computed)
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> lite.runByIndex(List.of(TensorData.ofFloats(shape(1, 13), new float[13]))));
      assertTrue(e.getMessage().startsWith("LiteRT rejected the model: Invoke on the primary subgraph returned status 1: "),
          e.getMessage());
      assertTrue(e.getMessage().contains("num_input_elements != num_output_elements (13 != 12)"), e.getMessage());
      assertTrue(e.getMessage().endsWith("Node number 3 (RESHAPE) failed to invoke."), e.getMessage());
      // the interpreter is still usable afterwards
      TensorData ok = lite.run("serving_default", Map.of("input", TensorData.ofFloats(shape(1, 12), new float[12])))
          .get("output_0");
      assertArrayEquals(new long[] {1, 4}, ok.shape());
    }
  }

  @Test
  void closeIsIdempotentAndRunningAfterCloseFails() {
    LiteRtOracle lite = LiteRtOracle.load(SharedModels.path("half_plus_two_tf1/reference/model.tflite"));
    lite.close();
    lite.close();
    assertThrows(IllegalStateException.class, () -> lite.runByIndex(List.of(TensorData.ofFloats(shape(1, 1), 1f))));
  }

  /**
   * The oracle's interpreter (C API, kernels of BuiltinOpResolverWithoutDefaultDelegates) computes
   * exactly what the C++ InterpreterBuilder with that resolver computes: no XNNPACK in either.
   */
  @Test
  void matchesTheCppInterpreterWithoutDefaultDelegatesBitForBit() throws IOException {
    Path file = SharedModels.path("mlperf_tiny_kws_dscnn_tf2/reference_same_weights/model_float32.tflite");
    TensorData x = NpzReader.read(SharedModels.path("mlperf_tiny_kws_dscnn_tf2/reference_same_weights/evaluation_100.npz"),
        "input_1");
    TensorData first = TensorData.of(ElementType.FLOAT32, shape(1, 49, 10, 1), java.util.Arrays.copyOf(x.bytes(), 490 * 4));
    float[] ours;
    try (LiteRtOracle lite = LiteRtOracle.load(file)) {
      ours = lite.runByIndex(List.of(first)).get(0).asFloats();
    }
    assertArrayEquals(cppWithoutDefaultDelegates(Files.readAllBytes(file), first.asFloats(), 12), ours);
  }

  private static float[] cppWithoutDefaultDelegates(byte[] model, float[] input, int outputs) {
    try (BytePointer buffer = new BytePointer(model);
        BuiltinOpResolverWithoutDefaultDelegates resolver = new BuiltinOpResolverWithoutDefaultDelegates()) {
      FlatBufferModel flatbuffer = FlatBufferModel.BuildFromBuffer(buffer, model.length);
      Interpreter interpreter = new Interpreter((Pointer) null);
      InterpreterBuilder builder = new InterpreterBuilder(flatbuffer, resolver);
      builder.SetNumThreads(1);
      assertEquals(0, builder.apply(interpreter));
      assertEquals(0, interpreter.AllocateTensors());
      interpreter.typed_input_tensor_float(0).put(input);
      assertEquals(0, interpreter.Invoke());
      float[] out = new float[outputs];
      interpreter.typed_output_tensor_float(0).get(out);
      interpreter.close();
      builder.close();
      flatbuffer.close();
      return out;
    }
  }
}
