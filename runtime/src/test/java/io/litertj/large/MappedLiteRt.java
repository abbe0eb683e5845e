package io.litertj.large;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorByteSize;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorCopyFromBuffer;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorCopyToBuffer;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;

import io.litertj.testing.ElementType;
import io.litertj.testing.TensorData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.SignatureRunner;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * Real LiteRT 2.21 on a {@code .tflite} file that LiteRT memory-maps itself
 * ({@code FlatBufferModel::BuildFromFile}): {@link io.litertj.testing.LiteRtOracle#load(Path)} reads
 * the file into one Java array, which cannot hold more than 2 GB. Same kernels as that oracle
 * ({@code BuiltinOpResolverWithoutDefaultDelegates}, so no XNNPACK, which would also repack every
 * weight in memory), one thread, signature runners. Float outputs only, enough for these tests.
 */
final class MappedLiteRt implements AutoCloseable {

  private final BuiltinOpResolverWithoutDefaultDelegates resolver;
  private final FlatBufferModel model;
  private final InterpreterBuilder builder;
  private final Interpreter interpreter;

  private MappedLiteRt(BuiltinOpResolverWithoutDefaultDelegates resolver, FlatBufferModel model,
      InterpreterBuilder builder, Interpreter interpreter) {
    this.resolver = resolver;
    this.model = model;
    this.builder = builder;
    this.interpreter = interpreter;
  }

  /** Maps and loads the file; LiteRT's own messages go to stderr. */
  static MappedLiteRt load(Path file) {
    BuiltinOpResolverWithoutDefaultDelegates resolver = new BuiltinOpResolverWithoutDefaultDelegates();
    FlatBufferModel model = FlatBufferModel.BuildFromFile(file.toString());
    if (model == null || model.isNull()) {
      resolver.close();
      throw new IllegalStateException("LiteRT rejected the model: BuildFromFile(" + file + ") returned null");
    }
    InterpreterBuilder builder = new InterpreterBuilder(model, resolver);
    builder.SetNumThreads(1);
    Interpreter interpreter = new Interpreter((Pointer) null);
    int status = builder.apply(interpreter);
    if (status != 0) {
      interpreter.close();
      builder.close();
      model.close();
      resolver.close();
      throw new IllegalStateException("LiteRT rejected the model: InterpreterBuilder returned status " + status);
    }
    return new MappedLiteRt(resolver, model, builder, interpreter);
  }

  /** Runs a signature with FLOAT32 inputs; returns the named FLOAT32 outputs. */
  Map<String, TensorData> run(String key, Map<String, TensorData> inputs, List<String> outputNames) {
    SignatureRunner runner = interpreter.GetSignatureRunner(key);
    if (runner == null || runner.isNull()) {
      throw new IllegalStateException("LiteRT rejected the model: no signature '" + key + "'");
    }
    check(runner.AllocateTensors(), "AllocateTensors");
    for (Map.Entry<String, TensorData> e : inputs.entrySet()) {
      TfLiteTensor t = runner.input_tensor(e.getKey());
      if (t == null || t.isNull()) {
        throw new IllegalStateException("no input '" + e.getKey() + "' in signature '" + key + "'");
      }
      byte[] bytes = e.getValue().bytes();
      if (TfLiteTensorByteSize(t) != bytes.length) {
        throw new IllegalArgumentException("input '" + e.getKey() + "' needs " + TfLiteTensorByteSize(t)
            + " bytes, got " + bytes.length);
      }
      try (BytePointer p = new BytePointer(bytes)) {
        check(TfLiteTensorCopyFromBuffer(t, p, bytes.length), "CopyFromBuffer");
      }
    }
    check(runner.Invoke(), "Invoke");
    Map<String, TensorData> out = new LinkedHashMap<>();
    for (String name : outputNames) {
      TfLiteTensor t = runner.output_tensor(name);
      if (t == null || t.isNull()) {
        throw new IllegalStateException("no output '" + name + "' in signature '" + key + "'");
      }
      if (t.type() != kTfLiteFloat32) {
        throw new IllegalStateException("output '" + name + "' has LiteRT type " + t.type() + ", not FLOAT32");
      }
      int size = Math.toIntExact(TfLiteTensorByteSize(t));
      byte[] bytes = new byte[size];
      try (BytePointer p = new BytePointer(size)) {
        check(TfLiteTensorCopyToBuffer(t, p, size), "CopyToBuffer");
        p.get(bytes);
      }
      long[] dims = new long[t.dims().size()];
      for (int d = 0; d < dims.length; d++) {
        dims[d] = t.dims().data(d);
      }
      out.put(name, new TensorData(name, ElementType.FLOAT32, dims, bytes));
    }
    return out;
  }

  private static void check(int status, String call) {
    if (status != 0) {
      throw new IllegalStateException("LiteRT rejected the model: " + call + " returned status " + status);
    }
  }

  @Override
  public void close() {
    interpreter.close();
    builder.close();
    model.close();
    resolver.close();
  }
}
