package io.litertj.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.tflite.schema.Buffer;
import io.litertj.tflite.schema.BuiltinOperator;
import io.litertj.tflite.schema.OperatorCode;
import io.litertj.tflite.schema.SignatureDef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file's structure: what the official converter and LiteRT expect, looked at field by field. */
class TfliteWriterTest {

  private static final TfliteWriter WRITER = new TfliteWriter();
  private static final TfliteWriter OFFSETS = new TfliteWriter(TfliteWriter.Options.defaults().withBufferOffsets(true));

  @TempDir
  Path dir;

  @Test
  void identifierVersionAndSentinel() {
    byte[] bytes = WRITER.toBytes(new IrModels.Dense().model());
    assertEquals("TFL3", new String(bytes, 4, 4, StandardCharsets.US_ASCII));
    ModelInspector m = ModelInspector.of(bytes);
    assertEquals(3, m.model.version());
    assertEquals(0, m.buffer(0).dataLength());
    assertEquals(0, m.buffer(0).offset());
    assertEquals("dense test", m.model.description());
  }

  @Test
  void outputIsDeterministic() throws Exception {
    byte[] first = WRITER.toBytes(new IrModels.Conv().model());
    byte[] again = WRITER.toBytes(new IrModels.Conv().model());
    assertArrayEquals(first, again);
    WRITER.write(new IrModels.Conv().model(), dir.resolve("a.tflite"));
    WRITER.write(new IrModels.Conv().model(), dir.resolve("b.tflite"));
    assertArrayEquals(first, Files.readAllBytes(dir.resolve("a.tflite")));
    assertArrayEquals(first, Files.readAllBytes(dir.resolve("b.tflite")));
    assertArrayEquals(OFFSETS.toBytes(new IrModels.Conv().model()), OFFSETS.toBytes(new IrModels.Conv().model()));
  }

  @Test
  void equalConstantsShareOneBuffer() {
    float[] w = IrModels.randomFloats(5, 12);
    Subgraph s = new Subgraph("serving_default");
    Tensor x = IrModels.f32("x", 2, 4);
    Tensor w1 = IrModels.constF32("w1", w, 3, 4);
    Tensor w2 = IrModels.constF32("w2", w.clone(), 3, 4); // equal bytes, another object
    Tensor w3 = IrModels.constF32("w3", IrModels.randomFloats(6, 12), 3, 4);
    Tensor y1 = IrModels.f32("y1", 2, 3);
    Tensor y2 = IrModels.f32("y2", 2, 3);
    Tensor y3 = IrModels.f32("y3", 2, 3);
    s.addInput("x", x);
    OpOptions.FullyConnected fc = new OpOptions.FullyConnected(Activation.NONE, false, false);
    s.addOperator(new Operator(BuiltinOp.FULLY_CONNECTED, List.of(x, w1), List.of(y1), fc));
    s.addOperator(new Operator(BuiltinOp.FULLY_CONNECTED, List.of(x, w2), List.of(y2), fc));
    s.addOperator(new Operator(BuiltinOp.FULLY_CONNECTED, List.of(x, w3), List.of(y3), fc));
    s.addOutput("y1", y1);
    s.addOutput("y2", y2);
    s.addOutput("y3", y3);
    LiteRtModel model = new LiteRtModel(null);
    model.addSubgraph(s);

    ModelInspector m = ModelInspector.of(WRITER.toBytes(model));
    long b1 = m.tensor(0, "w1").buffer();
    assertEquals(b1, m.tensor(0, "w2").buffer());
    assertNotEquals(b1, m.tensor(0, "w3").buffer());
    // sentinel, two weights, min_runtime_version
    assertEquals(4, m.buffers());
    assertEquals(0, m.tensor(0, "x").buffer());
    assertEquals(0, m.tensor(0, "y1").buffer());
    // One operator code for three FULLY_CONNECTED of one version (6: no bias input).
    assertEquals(1, m.model.operatorCodesLength());
    assertEquals(6, m.opcode(0).version());
  }

  @Test
  void constantDataIsSixteenByteAligned() {
    byte[] bytes = WRITER.toBytes(new IrModels.Conv().model());
    ModelInspector m = ModelInspector.of(bytes);
    for (int i = 1; i < m.buffers(); i++) {
      ByteBuffer data = m.buffer(i).dataAsByteBuffer();
      assertEquals(0, data.position() % 16, "buffer " + i);
    }
    Buffer filter = m.buffer((int) m.tensor(0, "conv/filter").buffer());
    assertEquals(3 * 3 * 3 * 2 * 4, filter.dataLength());
  }

  @Test
  void operatorCodesAboveTheDeprecatedByteUseThePlaceholder() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = IrModels.f32("x", 4);
    Tensor y = IrModels.f32("y", 4);
    Tensor z = IrModels.f32("z", 4);
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.GELU, List.of(x), List.of(y), new OpOptions.Gelu(false)));
    s.addOperator(new Operator(BuiltinOp.RELU, List.of(y), List.of(z), null));
    s.addOutput("z", z);
    LiteRtModel model = new LiteRtModel(null);
    model.addSubgraph(s);
    ModelInspector m = ModelInspector.of(WRITER.toBytes(model));
    OperatorCode gelu = m.opcode(0);
    assertEquals(BuiltinOperator.GELU, gelu.builtinCode());
    assertEquals(127, gelu.deprecatedBuiltinCode());
    OperatorCode relu = m.opcode(1);
    assertEquals(BuiltinOperator.RELU, relu.builtinCode());
    assertEquals(BuiltinOperator.RELU, relu.deprecatedBuiltinCode());
    // GELU 1 needs 2.9.0, RELU 1 needs 1.5.0.
    assertEquals("2.9.0", m.metadataString("min_runtime_version"));
  }

  @Test
  void operatorsOfOneTypeWithDifferentVersionsGetTwoCodes() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.INT8, Shape.of(4));
    Tensor y = new Tensor("y", DataType.INT8, Shape.of(4));
    Tensor f = IrModels.f32("f", 4);
    Tensor g = IrModels.f32("g", 4);
    s.addInput("x", x);
    s.addInput("f", f);
    s.addOperator(new Operator(BuiltinOp.RELU, List.of(x), List.of(y), null));
    s.addOperator(new Operator(BuiltinOp.RELU, List.of(f), List.of(g), null));
    s.addOutput("y", y);
    s.addOutput("g", g);
    LiteRtModel model = new LiteRtModel(null);
    model.addSubgraph(s);
    ModelInspector m = ModelInspector.of(WRITER.toBytes(model));
    assertEquals(2, m.model.operatorCodesLength());
    assertEquals(2, m.opcode(0).version());
    assertEquals(1, m.opcode(1).version());
    assertEquals("2.1.0", m.metadataString("min_runtime_version"));
  }

  @Test
  void minRuntimeVersionIsSixteenZeroPaddedBytes() {
    ModelInspector m = ModelInspector.of(WRITER.toBytes(new IrModels.Conv().model()));
    byte[] raw = m.metadata().get("min_runtime_version");
    assertEquals(16, raw.length);
    assertEquals("1.5.0", m.metadataString("min_runtime_version"));
    assertEquals(0, raw[15]);
    assertFalse(m.metadata().containsKey("buffer_location"));
  }

  @Test
  void shapeSignatureOnlyForDynamicShapes() {
    ModelInspector dynamic = ModelInspector.of(WRITER.toBytes(IrModels.dynamicAdd()));
    io.litertj.tflite.schema.Tensor a = dynamic.tensor(0, "a");
    assertArrayEquals(new int[] {1, 3}, ints(a.shapeAsByteBuffer()));
    assertArrayEquals(new int[] {-1, 3}, ints(a.shapeSignatureAsByteBuffer()));
    assertTrue(a.hasRank());
    ModelInspector fixed = ModelInspector.of(WRITER.toBytes(IrModels.reshape()));
    assertNull(fixed.tensor(0, "x").shapeSignatureAsByteBuffer());
    assertArrayEquals(new int[] {2, 3}, ints(fixed.tensor(0, "x").shapeAsByteBuffer()));
  }

  @Test
  void signaturesNameInputsAndOutputsSortedByName() {
    Subgraph s = new Subgraph("sig");
    Tensor b = IrModels.f32("tb", 2);
    Tensor a = IrModels.f32("ta", 2);
    Tensor y = IrModels.f32("ty", 2);
    s.addInput("b", b);
    s.addInput("a", a);
    s.addOperator(new Operator(BuiltinOp.SUB, List.of(b, a), List.of(y), new OpOptions.Sub(Activation.NONE)));
    s.addOutput("y", y);
    LiteRtModel model = new LiteRtModel(null);
    model.addSubgraph(s);
    ModelInspector m = ModelInspector.of(WRITER.toBytes(model));
    SignatureDef sig = m.model.signatureDefs(0);
    assertEquals("sig", sig.signatureKey());
    assertEquals(0, sig.subgraphIndex());
    assertEquals("a", sig.inputs(0).name());
    assertEquals("b", sig.inputs(1).name());
    // The subgraph's own inputs keep the signature's order: b first, as the operator reads it.
    assertEquals(0, m.model.subgraphs(0).inputs(0));
    assertEquals("tb", m.model.subgraphs(0).tensors(m.model.subgraphs(0).inputs(0)).name());
    assertEquals(m.model.subgraphs(0).inputs(1), sig.inputs(0).tensorIndex());
  }

  @Test
  void bufferOffsetLayout() {
    IrModels.Conv conv = new IrModels.Conv();
    byte[] bytes = OFFSETS.toBytes(conv.model());
    ModelInspector m = ModelInspector.of(bytes);
    assertEquals("outside flatbuffers", new String(m.metadata().get("buffer_location"), StandardCharsets.UTF_8));
    assertEquals(2, m.outOfLineBuffers());
    long previousEnd = 0;
    for (int i = 1; i < m.buffers(); i++) {
      Buffer b = m.buffer(i);
      if (b.offset() <= 1) {
        continue; // metadata stays inline
      }
      assertEquals(0, b.dataLength(), "out-of-line buffers have no data vector");
      assertNull(b.dataAsByteBuffer());
      assertEquals(0, b.offset() % 16);
      assertTrue(b.offset() >= previousEnd);
      assertTrue(b.offset() + b.size() + 16 <= bytes.length, "16 bytes of padding after the last constant");
      previousEnd = b.offset() + b.size();
    }
    assertEquals(0, bytes.length % 16);
    Buffer filter = m.buffer((int) m.tensor(0, "conv/filter").buffer());
    ByteBuffer stored = ByteBuffer.wrap(bytes, (int) filter.offset(), (int) filter.size()).slice();
    assertEquals(ConstantData.ofFloats(conv.filter).bytes(), stored);
  }

  @Test
  void constantsAreStreamedOnceHashedOnceAndNotCopiedIntoOneArray() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ByteBuffer direct = ByteBuffer.allocateDirect(4096);
    for (int i = 0; i < 1024; i++) {
      direct.putFloat(i);
    }
    direct.flip();
    ConstantData counting = new ConstantData() {
      @Override
      public long byteSize() {
        return 4096;
      }

      @Override
      public ByteBuffer bytes() {
        calls.incrementAndGet();
        return direct.duplicate();
      }
    };
    Subgraph s = new Subgraph("serving_default");
    Tensor x = IrModels.f32("x", 1024);
    Tensor c = Tensor.constant("c", DataType.FLOAT32, Shape.of(1024), counting);
    Tensor y = IrModels.f32("y", 1024);
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.ADD, List.of(x, c), List.of(y), new OpOptions.Add(Activation.NONE)));
    s.addOutput("y", y);
    LiteRtModel model = new LiteRtModel(null);
    model.addSubgraph(s);

    Path file = dir.resolve("streamed.tflite");
    OFFSETS.write(model, file);
    assertEquals(2, calls.get(), "one pass to hash for deduplication, one to write");
    byte[] bytes = Files.readAllBytes(file);
    Buffer b = ModelInspector.of(bytes).buffer((int) ModelInspector.of(bytes).tensor(0, "c").buffer());
    assertEquals(direct.duplicate(), ByteBuffer.wrap(bytes, (int) b.offset(), 4096).slice());
  }

  @Test
  void constantThatLiesAboutItsSizeIsAnError() {
    ConstantData liar = new ConstantData() {
      @Override
      public long byteSize() {
        return 16;
      }

      @Override
      public ByteBuffer bytes() {
        return ByteBuffer.allocate(8);
      }
    };
    Subgraph s = new Subgraph("serving_default");
    Tensor x = IrModels.f32("x", 4);
    Tensor c = Tensor.constant("c", DataType.FLOAT32, Shape.of(4), liar);
    Tensor y = IrModels.f32("y", 4);
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.ADD, List.of(x, c), List.of(y), new OpOptions.Add(Activation.NONE)));
    s.addOutput("y", y);
    LiteRtModel model = new LiteRtModel(null);
    model.addSubgraph(s);
    assertThrows(ConversionException.class, () -> WRITER.toBytes(model));
  }

  @Test
  void atomicWriteReplacesAndLeavesNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("model.tflite");
    Files.writeString(file, "old");
    WRITER.write(new IrModels.Dense().model(), file);
    assertArrayEquals(WRITER.toBytes(new IrModels.Dense().model()), Files.readAllBytes(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void failedWriteKeepsTheOldFileAndCleansUp() throws Exception {
    Path file = dir.resolve("model.tflite");
    Files.writeString(file, "old");
    AtomicInteger calls = new AtomicInteger();
    ConstantData failsWhileStreaming = new ConstantData() {
      @Override
      public long byteSize() {
        return 16;
      }

      @Override
      public ByteBuffer bytes() {
        if (calls.incrementAndGet() > 1) {
          throw new ConversionException("simulated read failure");
        }
        return ByteBuffer.allocate(16);
      }
    };
    Subgraph s = new Subgraph("serving_default");
    Tensor x = IrModels.f32("x", 4);
    Tensor c = Tensor.constant("c", DataType.FLOAT32, Shape.of(4), failsWhileStreaming);
    Tensor y = IrModels.f32("y", 4);
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.ADD, List.of(x, c), List.of(y), new OpOptions.Add(Activation.NONE)));
    s.addOutput("y", y);
    LiteRtModel model = new LiteRtModel(null);
    model.addSubgraph(s);

    ConversionException e = assertThrows(ConversionException.class, () -> OFFSETS.write(model, file));
    assertEquals("simulated read failure", e.getMessage());
    assertEquals("old", Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
    assertThrows(ConversionException.class,
        () -> WRITER.write(new IrModels.Dense().model(), dir.resolve("no/such/dir/model.tflite")));
  }

  @Test
  void optionsOfAnotherOperatorAreAnError() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = IrModels.f32("x", 1, 4);
    Tensor y = IrModels.f32("y", 1);
    s.addInput("x", x);
    // LiteRT would ignore AddOptions on MEAN and use keep_dims = false: refuse it.
    s.addOperator(new Operator(BuiltinOp.MEAN, List.of(x, Tensor.constant("axis", DataType.INT32, Shape.of(1),
        ConstantData.ofInts(1))), List.of(y), new OpOptions.Add(Activation.NONE)));
    s.addOutput("y", y);
    LiteRtModel model = new LiteRtModel(null);
    model.addSubgraph(s);
    ConversionException e = assertThrows(ConversionException.class, () -> WRITER.toBytes(model));
    assertTrue(e.getMessage().contains("MEAN cannot take AddOptions"), e.getMessage());
  }

  @Test
  void duplicateSignatureKeysAreAnError() {
    LiteRtModel model = new LiteRtModel(null);
    model.addSubgraph(new IrModels.Dense().subgraph);
    model.addSubgraph(new IrModels.Conv().subgraph);
    assertThrows(ConversionException.class, () -> WRITER.toBytes(model));
  }

  @Test
  void emptyModelIsAnError() {
    assertThrows(ConversionException.class, () -> WRITER.toBytes(new LiteRtModel(null)));
  }

  private static int[] ints(ByteBuffer b) {
    int[] out = new int[b.remaining() / 4];
    b.order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }
}
