package io.litertj.tflite;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.tensorflowlite.TfLiteInterpreter;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with 2.25 GB of weights, written and run for real: the writer must choose the
 * buffer-offset layout by itself, stream every constant, and LiteRT 2.21 must run the file.
 * Slow and disk-hungry (2.3 GB), so only with {@code -Dlitertj.bigTests=true}.
 */
@EnabledIfSystemProperty(named = "litertj.bigTests", matches = "true")
class LargeModelTest {

  private static final int N = 64 << 20; // floats per constant: 256 MiB
  private static final int CONSTANTS = 9;

  @TempDir
  Path dir;

  @Test
  void overTwoGigabytesRunsInLiteRt() throws Exception {
    Path file = dir.resolve("large.tflite");
    TfliteWriter.Result result = new TfliteWriter().write(model(), file);
    assertEquals(TfliteWriter.Layout.BUFFER_OFFSETS, result.layout());
    assertTrue(Files.size(file) > (1L << 31), "file of " + Files.size(file) + " bytes");

    float[] x = new float[N];
    for (int i = 0; i < N; i++) {
      x[i] = (i % 1000) * 0.001f;
    }
    float[] y = runFromFile(file, x);
    float added = CONSTANTS * (CONSTANTS + 1) / 2f; // constants hold 1, 2, ..., 9
    for (int i = 0; i < N; i += 9973) {
      assertEquals(x[i] + added, y[i], 1e-4f, "element " + i);
    }
    assertEquals(x[N - 1] + added, y[N - 1], 1e-4f);

    // And our reader maps it back, the last constant beyond 2 GB included.
    LiteRtModel read = TfliteReader.read(file);
    Operator last = read.subgraphs().get(0).operators().get(CONSTANTS - 1);
    ByteBuffer c = last.input(1).data().bytes().order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(4L * N, c.remaining());
    assertEquals(CONSTANTS, c.getFloat(4 * (N - 1)), 0f);
  }

  /** x + c1 + ... + c9, each constant computed on demand so that none stays on the heap. */
  private static LiteRtModel model() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.FLOAT32, Shape.of(N));
    s.addInput("x", x);
    Tensor acc = x;
    for (int k = 1; k <= CONSTANTS; k++) {
      Tensor c = Tensor.constant("c" + k, DataType.FLOAT32, Shape.of(N), filled(k));
      Tensor sum = new Tensor("sum" + k, DataType.FLOAT32, Shape.of(N));
      s.addOperator(new Operator(BuiltinOp.ADD, List.of(acc, c), List.of(sum), new OpOptions.Add(Activation.NONE)));
      acc = sum;
    }
    s.addOutput("y", acc);
    LiteRtModel m = new LiteRtModel(null);
    m.addSubgraph(s);
    return m;
  }

  private static ConstantData filled(float value) {
    return new ConstantData() {
      @Override
      public long byteSize() {
        return 4L * N;
      }

      @Override
      public ByteBuffer bytes() {
        ByteBuffer b = ByteBuffer.allocate(4 * N).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < N; i++) {
          b.putFloat(value);
        }
        return b.flip();
      }
    };
  }

  /** LiteRT maps the file itself (a 2.3 GB file does not fit in a Java array). */
  private static float[] runFromFile(Path file, float[] x) {
    TfLiteModel model = TfLiteModelCreateFromFile(file.toString());
    assertTrue(model != null && !model.isNull(), "LiteRT rejected the file");
    TfLiteInterpreterOptions options = TfLiteInterpreterOptionsCreate();
    TfLiteInterpreterOptionsSetNumThreads(options, 1);
    TfLiteInterpreter it = TfLiteInterpreterCreate(model, options);
    TfLiteInterpreterOptionsDelete(options);
    try (FloatPointer in = new FloatPointer(x); FloatPointer out = new FloatPointer(x.length)) {
      assertTrue(it != null && !it.isNull(), "LiteRT could not build an interpreter");
      assertEquals(0, TfLiteInterpreterAllocateTensors(it));
      assertEquals(0, TfLiteTensorCopyFromBuffer(TfLiteInterpreterGetInputTensor(it, 0), in, 4L * x.length));
      assertEquals(0, TfLiteInterpreterInvoke(it));
      assertEquals(0, TfLiteTensorCopyToBuffer(TfLiteInterpreterGetOutputTensor(it, 0), out, 4L * x.length));
      float[] y = new float[x.length];
      out.get(y);
      return y;
    } finally {
      if (it != null && !it.isNull()) {
        TfLiteInterpreterDelete(it);
      }
      TfLiteModelDelete(model);
    }
  }
}
