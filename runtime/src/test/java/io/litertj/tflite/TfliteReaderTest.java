package io.litertj.tflite;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Padding;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.tflite.schema.Model;
import io.litertj.tflite.schema.OperatorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on our own files: round trips, layouts, and files that must be refused. */
class TfliteReaderTest {

  private static final TfliteWriter WRITER = new TfliteWriter();
  private static final TfliteWriter OFFSETS = new TfliteWriter(TfliteWriter.Options.defaults().withBufferOffsets(true));

  @TempDir
  Path dir;

  @Test
  void readsBackWhatWasWritten() {
    LiteRtModel model = TfliteReader.read(WRITER.toBytes(quantizedModel()));
    assertEquals("quantized", model.description());
    Subgraph s = model.subgraphs().get(0);
    assertEquals("serving_default", s.name());
    assertEquals(List.of("x"), List.copyOf(s.inputs().keySet()));
    Tensor x = s.inputs().get("x");
    assertEquals(Shape.of(-1, 4, 4, 2), x.shape());
    assertEquals(DataType.INT8, x.type());
    assertEquals(QuantizationParams.perTensor(0.5f, -3), x.quantization());
    Operator conv = s.operators().get(0);
    assertEquals(BuiltinOp.CONV_2D, conv.op());
    assertEquals(new OpOptions.Conv2D(Padding.VALID, 1, 2, Activation.RELU6, 1, 1), conv.options());
    Tensor filter = conv.input(1);
    assertEquals(QuantizationParams.perAxis(new float[] {0.1f, 0.2f, 0.3f}, new long[3], 0), filter.quantization());
    assertEquals(ByteBuffer.wrap(filterBytes()), filter.data().bytes());
    assertNull(conv.input(2)); // omitted optional input (-1)
    assertEquals(BuiltinOp.DEQUANTIZE, s.operators().get(1).op());
    assertEquals(DataType.FLOAT32, s.outputs().get("y").type());
  }

  @Test
  void writeReadWriteIsByteIdentical() {
    for (LiteRtModel model : List.of(quantizedModel(), new IrModels.Conv().model(), new IrModels.Dense().model(),
        IrModels.dynamicAdd(), IrModels.reshape(), IrModels.twoSignatures())) {
      byte[] first = WRITER.toBytes(model);
      assertArrayEquals(first, WRITER.toBytes(TfliteReader.read(first)));
      byte[] offsets = OFFSETS.toBytes(model);
      assertArrayEquals(offsets, OFFSETS.toBytes(TfliteReader.read(offsets)));
    }
  }

  /**
   * TFLM's person_detect (an old converter's output) leaves a weight's quantized_dimension on its
   * rank-1 biases. TFLM runs it; LiteRT 2.21 refuses it ("quantized_dimension must be in range"),
   * and so do we, with the tensor's name, rather than write a file LiteRT cannot load.
   */
  @Test
  void refusesWhatLiteRtRefusesNamingTheTensor() {
    Path file = io.litertj.testing.SharedModels.path("tflm_person_detect_tflite/person_detect.tflite");
    ConversionException e = assertInputError(() -> TfliteReader.read(file));
    assertTrue(e.getMessage().contains("Conv2d_0/Conv2D_bias") && e.getMessage().contains("dimension 3"),
        e.getMessage());
  }

  @Test
  void readsTheBufferOffsetLayoutFromAPath() throws Exception {
    IrModels.Conv conv = new IrModels.Conv();
    Path file = dir.resolve("conv.tflite");
    OFFSETS.write(conv.model(), file);
    LiteRtModel model = TfliteReader.read(file);
    Tensor filter = model.subgraphs().get(0).operators().get(0).input(1);
    assertEquals(ConstantData.ofFloats(conv.filter).bytes(), filter.data().bytes());
    assertTrue(filter.data().bytes().isDirect(), "a view of the mapped file, not a heap copy");
  }

  @Test
  void constantsAreViewsOfTheInputBytes() {
    IrModels.Dense dense = new IrModels.Dense();
    byte[] bytes = WRITER.toBytes(dense.model());
    LiteRtModel model = TfliteReader.read(bytes);
    Tensor bias = model.subgraphs().get(0).operators().get(0).input(2);
    float before = bias.constantFloats()[0];
    int at = indexOf(bytes, ConstantData.ofFloats(dense.bias).bytes());
    bytes[at + 3] ^= 0x40; // flip a bit of the first bias float in the file
    assertTrue(before != bias.constantFloats()[0], "the constant changed with the file: no copy was made");
  }

  @Test
  void readsModelsWithoutSignaturesByTensorNames() {
    byte[] bytes = WRITER.toBytes(new IrModels.Dense().model());
    ByteBuffer stripped = withoutSignatures(bytes);
    LiteRtModel model = TfliteReader.read(stripped);
    Subgraph s = model.subgraphs().get(0);
    assertEquals("serving_default", s.name()); // the subgraph's own name
    assertEquals(List.of("x"), List.copyOf(s.inputs().keySet()));
    assertEquals(List.of("dense/Relu"), List.copyOf(s.outputs().keySet()));
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void truncatedFilesAreConversionExceptions() {
    byte[] bytes = WRITER.toBytes(quantizedModel());
    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = java.util.Arrays.copyOf(bytes, length);
      assertInputError(() -> TfliteReader.read(prefix), "prefix of " + length);
    }
    byte[] offsets = OFFSETS.toBytes(new IrModels.Conv().model());
    assertInputError(
        () -> TfliteReader.read(java.util.Arrays.copyOf(offsets, offsets.length - 40)));
  }

  @Test
  void garbageIsAConversionException() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[random.nextInt(4, 400)];
      for (int j = 0; j < junk.length; j++) {
        junk[j] = (byte) random.nextInt(256);
      }
      if (i % 2 == 0 && junk.length > 8) {
        junk[4] = 'T';
        junk[5] = 'F';
        junk[6] = 'L';
        junk[7] = '3';
      }
      assertInputError(() -> TfliteReader.read(junk));
    }
  }

  @Test
  void corruptedFilesNeverThrowAnythingElse() {
    byte[] bytes = WRITER.toBytes(quantizedModel());
    SplittableRandom random = new SplittableRandom(11);
    int refused = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] copy = bytes.clone();
      for (int k = 0; k < 1 + i % 3; k++) {
        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
      }
      try {
        TfliteReader.read(copy);
      } catch (ConversionException e) {
        refused++;
      }
    }
    assertTrue(refused > 0);
  }

  @Test
  void wrongIdentifierAndVersion() {
    byte[] bytes = WRITER.toBytes(new IrModels.Dense().model());
    byte[] noId = bytes.clone();
    noId[4] = 'X';
    assertTrue(assertInputError(() -> TfliteReader.read(noId)).getMessage().contains("TFL3"));
    ByteBuffer v2 = ByteBuffer.wrap(bytes.clone()).order(ByteOrder.LITTLE_ENDIAN);
    assertTrue(Model.getRootAsModel(v2.duplicate().order(ByteOrder.LITTLE_ENDIAN)).mutateVersion(2));
    assertTrue(assertInputError(() -> TfliteReader.read(v2)).getMessage().contains("version 2"));
  }

  @Test
  void unknownOperatorsAreNamed() {
    ByteBuffer b = ByteBuffer.wrap(WRITER.toBytes(new IrModels.Dense().model())).order(ByteOrder.LITTLE_ENDIAN);
    OperatorCode code = Model.getRootAsModel(b.duplicate().order(ByteOrder.LITTLE_ENDIAN)).operatorCodes(0);
    assertTrue(code.mutateBuiltinCode(16) && code.mutateDeprecatedBuiltinCode((byte) 16));
    ConversionException e = assertInputError(() -> TfliteReader.read(b));
    assertTrue(e.getMessage().contains("LSTM (16)"), e.getMessage());
    assertTrue(code.mutateBuiltinCode(32) && code.mutateDeprecatedBuiltinCode((byte) 32));
    assertTrue(assertInputError(() -> TfliteReader.read(b)).getMessage().contains("custom"));
    assertTrue(code.mutateBuiltinCode(200) && code.mutateDeprecatedBuiltinCode((byte) 127));
    assertTrue(assertInputError(() -> TfliteReader.read(b)).getMessage()
        .contains("builtin operator 200"));
  }

  @Test
  void bufferOffsetsOutsideTheFileAreRefused() {
    byte[] bytes = OFFSETS.toBytes(new IrModels.Conv().model());
    ModelInspector m = ModelInspector.of(bytes);
    int out = (int) m.tensor(0, "conv/filter").buffer();
    for (long offset : new long[] {bytes.length - 8, Long.MAX_VALUE, -16}) {
      ByteBuffer copy = ByteBuffer.wrap(bytes.clone()).order(ByteOrder.LITTLE_ENDIAN);
      assertTrue(Model.getRootAsModel(copy.duplicate().order(ByteOrder.LITTLE_ENDIAN)).buffers(out).mutateOffset(offset));
      ConversionException e = assertInputError(() -> TfliteReader.read(copy));
      assertTrue(e.getMessage().contains("outside the file"), e.getMessage());
    }
  }

  @Test
  void unreadableOptionsAreRefused() {
    ByteBuffer b = ByteBuffer.wrap(WRITER.toBytes(quantizedModel())).order(ByteOrder.LITTLE_ENDIAN);
    io.litertj.tflite.schema.Conv2DOptions options = new io.litertj.tflite.schema.Conv2DOptions();
    Model.getRootAsModel(b.duplicate().order(ByteOrder.LITTLE_ENDIAN)).subgraphs(0).operators(0).builtinOptions(options);
    assertTrue(options.mutatePadding((byte) 7));
    assertTrue(assertInputError(() -> TfliteReader.read(b)).getMessage().contains("padding"));
  }

  @Test
  void missingFileIsAConversionException() {
    ConversionException e = assertInputError(() -> TfliteReader.read(dir.resolve("nope.tflite")));
    assertTrue(e.file().isPresent());
  }

  // ------------------------------------------------------------------ helpers

  /** int8 CONV_2D (per-channel filter, no bias) then DEQUANTIZE, with a dynamic batch. */
  static LiteRtModel quantizedModel() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.INT8, Shape.of(-1, 4, 4, 2));
    x.setQuantization(QuantizationParams.perTensor(0.5f, -3));
    Tensor filter = Tensor.constant("filter", DataType.INT8, Shape.of(3, 1, 1, 2), ConstantData.of(filterBytes()));
    filter.setQuantization(QuantizationParams.perAxis(new float[] {0.1f, 0.2f, 0.3f}, new long[3], 0));
    Tensor conv = new Tensor("conv", DataType.INT8, Shape.of(-1, 2, 4, 3)); // stride_h 2 halves the height
    conv.setQuantization(QuantizationParams.perTensor(0.25f, 5));
    Tensor y = new Tensor("y", DataType.FLOAT32, Shape.of(-1, 2, 4, 3));
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.CONV_2D, java.util.Arrays.asList(x, filter, null), List.of(conv),
        new OpOptions.Conv2D(Padding.VALID, 1, 2, Activation.RELU6, 1, 1)));
    s.addOperator(new Operator(BuiltinOp.DEQUANTIZE, List.of(conv), List.of(y), null));
    s.addOutput("y", y);
    LiteRtModel model = new LiteRtModel("quantized");
    model.addSubgraph(s);
    return model;
  }

  static byte[] filterBytes() {
    return new byte[] {1, -2, 3, -4, 127, -127};
  }

  private static int indexOf(byte[] haystack, ByteBuffer needle) {
    byte[] n = new byte[needle.remaining()];
    needle.duplicate().get(n);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  /** Drops signature_defs by pointing the field's vtable slot at nothing. */
  private static ByteBuffer withoutSignatures(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes.clone()).order(ByteOrder.LITTLE_ENDIAN);
    int root = b.getInt(0);
    int vtable = root - b.getInt(root);
    int slot = 4 + 2 * 7; // field 7: signature_defs
    assertTrue(b.getShort(vtable) > slot);
    b.putShort(vtable + slot, (short) 0);
    assertNotNull(Model.getRootAsModel(b.duplicate().order(ByteOrder.LITTLE_ENDIAN)));
    assertEquals(0, Model.getRootAsModel(b.duplicate().order(ByteOrder.LITTLE_ENDIAN)).signatureDefsLength());
    return b;
  }
}
