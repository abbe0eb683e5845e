package io.litertj.processor;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.tensorflowlite.TfLiteInterpreter;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteModel;
import org.bytedeco.tensorflowlite.TfLiteSignatureRunner;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/** Runs a float {@code .tflite} signature in real LiteRT (bytedeco's build of the C API). */
final class LiteRt {

  private LiteRt() {}

  /** Runs {@code signature} of the model with the given float/int32 inputs and returns output {@code output} as floats. */
  static float[] run(Path tflite, String signature, String[] inputNames, Object[] inputs, int[][] shapes, String output) {
    TfLiteModel model = TfLiteModelCreateFromFile(tflite.toString());
    if (model == null) {
      throw new AssertionError("LiteRT rejected " + tflite);
    }
    TfLiteInterpreterOptions options = TfLiteInterpreterOptionsCreate();
    TfLiteInterpreterOptionsSetNumThreads(options, 1);
    TfLiteInterpreter interpreter = TfLiteInterpreterCreate(model, options);
    if (interpreter == null) {
      throw new AssertionError("LiteRT could not build an interpreter for " + tflite);
    }
    try {
      TfLiteSignatureRunner runner = TfLiteInterpreterGetSignatureRunner(interpreter, signature);
      if (runner == null) {
        throw new AssertionError("no signature " + signature);
      }
      for (int i = 0; i < inputNames.length; i++) {
        check(TfLiteSignatureRunnerResizeInputTensor(runner, inputNames[i], new IntPointer(shapes[i]), shapes[i].length), "resize");
      }
      check(TfLiteSignatureRunnerAllocateTensors(runner), "allocate");
      for (int i = 0; i < inputNames.length; i++) {
        TfLiteTensor t = TfLiteSignatureRunnerGetInputTensor(runner, inputNames[i]);
        ByteBuffer buf;
        if (inputs[i] instanceof float[] f) {
          buf = ByteBuffer.allocateDirect(f.length * 4).order(ByteOrder.nativeOrder());
          buf.asFloatBuffer().put(f);
        } else {
          int[] v = (int[]) inputs[i];
          buf = ByteBuffer.allocateDirect(v.length * 4).order(ByteOrder.nativeOrder());
          buf.asIntBuffer().put(v);
        }
        BytePointer p = new BytePointer(buf);
        check(TfLiteTensorCopyFromBuffer(t, p, buf.capacity()), "copy input");
      }
      check(TfLiteSignatureRunnerInvoke(runner), "invoke");
      TfLiteTensor out = TfLiteSignatureRunnerGetOutputTensor(runner, output);
      long bytes = TfLiteTensorByteSize(out);
      BytePointer data = new BytePointer(bytes);
      check(TfLiteTensorCopyToBuffer(out, data, bytes), "copy output");
      float[] result = new float[(int) (bytes / 4)];
      data.asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer().get(result);
      TfLiteSignatureRunnerDelete(runner);
      return result;
    } finally {
      TfLiteInterpreterDelete(interpreter);
      TfLiteInterpreterOptionsDelete(options);
      TfLiteModelDelete(model);
    }
  }

  private static void check(int status, String what) {
    if (status != 0) {
      throw new AssertionError("LiteRT " + what + " failed with status " + status);
    }
  }
}
