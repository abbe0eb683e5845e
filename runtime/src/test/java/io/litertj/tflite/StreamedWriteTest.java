package io.litertj.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import io.litertj.ir.TransposedData;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models with more constant bytes than {@link ConstantStreamer#PARALLEL_MIN_BYTES}, each constant
 * larger than a write piece, so that files are written by several threads at once, a transposed
 * weight in slices and plain ones in ranges: the file must be the in-memory bytes exactly, in both
 * layouts, and LiteRT must compute with the right weights.
 */
class StreamedWriteTest {

  private static final int SIDE = 1536; // 9 MiB per [SIDE, SIDE] float constant: written in pieces
  private static final TfliteWriter INLINE = new TfliteWriter();
  private static final TfliteWriter OFFSETS = new TfliteWriter(TfliteWriter.Options.defaults().withBufferOffsets(true));

  @TempDir
  Path dir;

  @Test
  void parallelFileWritesEqualTheInMemoryBytes() throws Exception {
    for (TfliteWriter writer : List.of(INLINE, OFFSETS)) {
      byte[] expected = writer.toBytes(model(null));
      for (int round = 0; round < 3; round++) {
        Path file = dir.resolve("model" + round + ".tflite");
        writer.write(model(null), file);
        assertArrayEquals(expected, Files.readAllBytes(file), "round " + round);
      }
    }
  }

  @Test
  void progressClimbsToTheFileSize() throws Exception {
    List<long[]> calls = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Path file = dir.resolve("model.tflite");
    TfliteWriter.Result result = INLINE.write(model(null), file, (written, total) -> calls.add(new long[] {written, total}));
    assertEquals(Files.size(file), result.sizeBytes());
    long last = -1;
    for (long[] c : calls) {
      assertEquals(result.sizeBytes(), c[1], "total");
      org.junit.jupiter.api.Assertions.assertTrue(c[0] >= last && c[0] <= c[1], "monotonic, within the file");
      last = c[0];
    }
    assertEquals(result.sizeBytes(), last, "ends at the file size");
    org.junit.jupiter.api.Assertions.assertTrue(calls.size() > 3, "reported along the way: " + calls.size());
  }

  @Test
  void liteRtComputesWithTheStreamedWeights() throws Exception {
    Path file = dir.resolve("model.tflite");
    INLINE.write(model(null), file);
    float[] x = IrModels.randomFloats(9, SIDE * SIDE);
    float[] expected = expectedOutput(x);
    try (LiteRtOracle oracle = LiteRtOracle.load(file)) {
      TensorData out = oracle.run("serving_default", Map.of("x", TensorData.ofFloats(new long[] {SIDE, SIDE}, x)))
          .get("y");
      assertArrayEquals(expected, out.asFloats());
    }
  }

  @Test
  void aFailingConstantInAWorkerFailsTheWriteAndLeavesNothing() throws Exception {
    Path file = dir.resolve("model.tflite");
    Files.writeString(file, "old");
    ConstantData failing = new ConstantData() {
      private int calls;

      @Override
      public long byteSize() {
        return 4L * SIDE * SIDE;
      }

      @Override
      public synchronized ByteBuffer bytes() {
        if (++calls > 1) { // the first call fingerprints it for deduplication
          throw new ConversionException("simulated read failure");
        }
        return ByteBuffer.allocate((int) byteSize());
      }
    };
    ConversionException e = assertThrows(ConversionException.class, () -> INLINE.write(model(failing), file));
    assertEquals("simulated read failure", e.getMessage());
    assertEquals("old", Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  /** y = ((x + a) + transpose(b)) + c: three 4 MiB constants, one a lazy transpose; {@code c} may be replaced. */
  private static LiteRtModel model(ConstantData replaceC) {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = IrModels.f32("x", SIDE, SIDE);
    s.addInput("x", x);
    Tensor a = constant("a", ConstantData.ofFloats(a()));
    Tensor b = constant("b", TransposedData.of(ConstantData.ofFloats(b()), new int[] {SIDE, SIDE}, new int[] {1, 0}, 4));
    Tensor c = constant("c", replaceC != null ? replaceC : ConstantData.ofFloats(c()));
    Tensor t = x;
    int k = 0;
    for (Tensor constant : List.of(a, b, c)) {
      Tensor sum = IrModels.f32(k == 2 ? "y" : "sum" + k, SIDE, SIDE);
      s.addOperator(new Operator(BuiltinOp.ADD, List.of(t, constant), List.of(sum), new OpOptions.Add(Activation.NONE)));
      t = sum;
      k++;
    }
    s.addOutput("y", t);
    LiteRtModel m = new LiteRtModel(null);
    m.addSubgraph(s);
    return m;
  }

  private static Tensor constant(String name, ConstantData data) {
    return Tensor.constant(name, DataType.FLOAT32, Shape.of(SIDE, SIDE), data);
  }

  private static float[] a() {
    return IrModels.randomFloats(1, SIDE * SIDE);
  }

  private static float[] b() {
    return IrModels.randomFloats(2, SIDE * SIDE);
  }

  private static float[] c() {
    return IrModels.randomFloats(3, SIDE * SIDE);
  }

  /** In float32, in LiteRT's order. */
  private static float[] expectedOutput(float[] x) {
    float[] a = a();
    float[] b = b();
    float[] c = c();
    float[] y = new float[x.length];
    for (int r = 0; r < SIDE; r++) {
      for (int col = 0; col < SIDE; col++) {
        int i = r * SIDE + col;
        y[i] = ((x[i] + a[i]) + b[col * SIDE + r]) + c[i];
      }
    }
    return y;
  }
}
