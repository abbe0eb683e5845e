package io.litertj.tflite;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.*;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.tensorflowlite.TfLiteInterpreter;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteModel;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * LiteRT's plain C API with its default op resolver, which applies XNNPACK. The oracle avoids
 * XNNPACK for exact numerics; this checks the path users get, which among other things reads
 * weights through its own packing of {@code Buffer.offset} data.
 */
final class DefaultLiteRt {

  private DefaultLiteRt() {}

  /** Runs a single-input, single-output float model on its primary subgraph. */
  static float[] runFloat(byte[] model, float[] input, int outputSize) {
    BytePointer bytes = new BytePointer(model.length);
    bytes.put(model);
    TfLiteModel m = TfLiteModelCreate(bytes, model.length);
    if (m == null || m.isNull()) {
      bytes.close();
      throw new IllegalStateException("LiteRT rejected the model");
    }
    TfLiteInterpreterOptions options = TfLiteInterpreterOptionsCreate();
    TfLiteInterpreterOptionsSetNumThreads(options, 1);
    TfLiteInterpreter it = TfLiteInterpreterCreate(m, options);
    TfLiteInterpreterOptionsDelete(options);
    try (FloatPointer in = new FloatPointer(input); FloatPointer out = new FloatPointer(outputSize)) {
      if (it == null || it.isNull()) {
        throw new IllegalStateException("LiteRT could not build an interpreter");
      }
      check(TfLiteInterpreterAllocateTensors(it), "AllocateTensors");
      TfLiteTensor inTensor = TfLiteInterpreterGetInputTensor(it, 0);
      check(TfLiteTensorCopyFromBuffer(inTensor, in, 4L * input.length), "CopyFromBuffer");
      check(TfLiteInterpreterInvoke(it), "Invoke");
      check(TfLiteTensorCopyToBuffer(TfLiteInterpreterGetOutputTensor(it, 0), out, 4L * outputSize), "CopyToBuffer");
      float[] result = new float[outputSize];
      out.get(result);
      return result;
    } finally {
      if (it != null && !it.isNull()) {
        TfLiteInterpreterDelete(it);
      }
      TfLiteModelDelete(m);
      bytes.close();
    }
  }

  private static void check(int status, String what) {
    if (status != 0) {
      throw new IllegalStateException("LiteRT " + what + " failed with status " + status);
    }
  }
}
