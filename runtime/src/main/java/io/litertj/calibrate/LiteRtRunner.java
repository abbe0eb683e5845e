package io.litertj.calibrate;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.*;

import io.litertj.ConversionException;
import io.litertj.dataset.NdArray;
import io.litertj.ir.DataType;
import io.litertj.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.TfLiteInterpreter;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteModel;
import org.bytedeco.tensorflowlite.TfLiteSignatureRunner;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * One signature of a {@code .tflite} flatbuffer in the real LiteRT interpreter (bytedeco's build,
 * C API, one thread). LiteRT does not copy the model bytes, so the native copy lives until
 * {@link #close()}. Not thread-safe; a {@link #sibling()} may run on another thread. A rejection
 * (null pointer or non-zero status) becomes a {@link ConversionException}.
 */
public final class LiteRtRunner implements AutoCloseable {

  private final LoadedModel loaded;
  /** Whether {@link #close()} also frees the model (false for a {@link #sibling()}). */
  private final boolean ownsModel;
  private final String signatureKey;
  private final TfLiteInterpreter interpreter;
  private final TfLiteSignatureRunner runner;
  private final List<String> outputNames = new ArrayList<>();
  private final Map<String, int[]> currentShapes = new HashMap<>();
  /** Where each output's data was last seen; cleared when tensors are reallocated. */
  private final Map<String, View> views = new HashMap<>();

  private record View(TfLiteTensor tensor, long address, long size, ByteBuffer buffer) {}
  private boolean allocated;

  public LiteRtRunner(byte[] flatbuffer, String signatureKey) {
    this(LoadedModel.load(flatbuffer), true, signatureKey);
  }

  private LiteRtRunner(LoadedModel loaded, boolean ownsModel, String signatureKey) {
    this.loaded = loaded;
    this.ownsModel = ownsModel;
    this.signatureKey = signatureKey;
    TfLiteInterpreterOptions options = TfLiteInterpreterOptionsCreate();
    TfLiteInterpreterOptionsSetNumThreads(options, 1);
    interpreter = TfLiteInterpreterCreate(loaded.model(), options);
    TfLiteInterpreterOptionsDelete(options);
    if (interpreter == null || interpreter.isNull()) {
      if (ownsModel) {
        loaded.close();
      }
      throw new ConversionException("LiteRT rejected the model: TfLiteInterpreterCreate returned null");
    }
    runner = TfLiteInterpreterGetSignatureRunner(interpreter, signatureKey);
    if (runner == null || runner.isNull()) {
      close();
      throw new ConversionException("LiteRT rejected the model: no signature '" + signatureKey + "'");
    }
    for (int i = 0; i < TfLiteSignatureRunnerGetOutputCount(runner); i++) {
      outputNames.add(TfLiteSignatureRunnerGetOutputName(runner, i).getString());
    }
  }

  /**
   * A second interpreter on the same model bytes and signature, with its own tensors, so two
   * samples can be in flight at once. It must be closed before this runner.
   */
  public LiteRtRunner sibling() {
    return new LiteRtRunner(loaded, false, signatureKey);
  }

  public List<String> outputNames() {
    return List.copyOf(outputNames);
  }

  /** Copies the inputs in (resizing where the shape changed) and invokes. */
  public void invoke(Map<String, NdArray> inputs) {
    boolean resized = false;
    for (Map.Entry<String, NdArray> e : inputs.entrySet()) {
      int[] shape = e.getValue().shape();
      if (!Arrays.equals(currentShapes.get(e.getKey()), shape)) {
        check(TfLiteSignatureRunnerResizeInputTensor(runner, e.getKey(), shape, shape.length),
            "resizing input '" + e.getKey() + "' to " + Arrays.toString(shape));
        currentShapes.put(e.getKey(), shape);
        resized = true;
      }
    }
    if (resized || !allocated) {
      check(TfLiteSignatureRunnerAllocateTensors(runner), "AllocateTensors");
      allocated = true;
      views.clear();
    }
    for (Map.Entry<String, NdArray> e : inputs.entrySet()) {
      TfLiteTensor t = TfLiteSignatureRunnerGetInputTensor(runner, e.getKey());
      byte[] data = e.getValue().data();
      if (TfLiteTensorByteSize(t) != data.length) {
        throw new ConversionException("input '" + e.getKey() + "' needs " + TfLiteTensorByteSize(t)
            + " bytes, but the sample has " + data.length);
      }
      try (BytePointer p = new BytePointer(data)) {
        check(TfLiteTensorCopyFromBuffer(t, p, data.length), "copying input '" + e.getKey() + "'");
      }
    }
    check(TfLiteSignatureRunnerInvoke(runner), "Invoke");
  }

  /** An output's current values, viewed in place (valid until the next invoke). */
  public ByteBuffer outputView(String name) {
    // Calibration reads every activation after every sample: reuse the view while LiteRT keeps
    // the tensor where it was, instead of looking it up by name and wrapping it again.
    View cached = views.get(name);
    if (cached != null) {
      Pointer data = TfLiteTensorData(cached.tensor());
      if (data != null && data.address() == cached.address()
          && TfLiteTensorByteSize(cached.tensor()) == cached.size()) {
        return cached.buffer().duplicate().order(ByteOrder.LITTLE_ENDIAN);
      }
    }
    TfLiteTensor t = output(name);
    long size = TfLiteTensorByteSize(t);
    Pointer data = TfLiteTensorData(t);
    if (size == 0 || data == null || data.isNull()) {
      return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }
    ByteBuffer view = new BytePointer(data).capacity(size).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    views.put(name, new View(t, data.address(), size, view));
    return view.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }


  /** An output's element type. */
  public DataType outputType(String name) {
    int type = TfLiteTensorType(output(name));
    // The C API's TfLiteType numbers differ from the flatbuffer's TensorType codes.
    return switch (type) {
      case kTfLiteFloat32 -> DataType.FLOAT32;
      case kTfLiteInt32 -> DataType.INT32;
      case kTfLiteUInt8 -> DataType.UINT8;
      case kTfLiteInt64 -> DataType.INT64;
      case kTfLiteBool -> DataType.BOOL;
      case kTfLiteInt16 -> DataType.INT16;
      case kTfLiteInt8 -> DataType.INT8;
      case kTfLiteFloat16 -> DataType.FLOAT16;
      case kTfLiteFloat64 -> DataType.FLOAT64;
      default -> throw new ConversionException("output '" + name + "' has LiteRT type " + type
          + ", which litertj cannot read");
    };
  }

  /** A copy of the outputs after {@link #invoke}, by signature output name. */
  public Map<String, NdArray> outputs() {
    Map<String, NdArray> out = new LinkedHashMap<>();
    for (String name : outputNames) {
      TfLiteTensor t = output(name);
      int[] dims = new int[TfLiteTensorNumDims(t)];
      for (int d = 0; d < dims.length; d++) {
        dims[d] = TfLiteTensorDim(t, d);
      }
      ByteBuffer view = outputView(name);
      byte[] bytes = new byte[view.remaining()];
      view.get(bytes);
      out.put(name, new NdArray(outputType(name), dims, bytes));
    }
    return out;
  }

  private TfLiteTensor output(String name) {
    TfLiteTensor t = TfLiteSignatureRunnerGetOutputTensor(runner, name);
    if (t == null || t.isNull()) { // LiteRT returns null for unknown names; touching it would crash the JVM
      throw new IllegalArgumentException("no output '" + name + "'; outputs are " + outputNames);
    }
    return t;
  }

  private void check(int status, String what) {
    if (status != kTfLiteOk) {
      throw new ConversionException("LiteRT failed while " + what + " (status " + status + ")");
    }
  }

  @Override
  public void close() {
    if (runner != null && !runner.isNull()) {
      TfLiteSignatureRunnerDelete(runner);
    }
    TfLiteInterpreterDelete(interpreter);
    if (ownsModel) {
      loaded.close();
    }
  }

  /** The model bytes in native memory and LiteRT's model over them (LiteRT does not copy them). */
  /**
   * The bytes we hand to LiteRT are checked as a file from outside is: LiteRT's kernels trust
   * their operands, and a graph it cannot run may abort the JVM instead of failing. These bytes
   * are ours, made from a model that was checked when it was read, so a finding is our bug.
   */
  private static void validate(byte[] flatbuffer) {
    try {
      TfliteReader.read(flatbuffer);
    } catch (ConversionException e) {
      throw ConversionException.internalBuilder("preparing a model for the LiteRT interpreter", null,
          "the model litertj built is invalid: " + e.getMessage()).cause(e).build();
    }
  }

  private record LoadedModel(BytePointer buffer, TfLiteModel model) implements AutoCloseable {

    static LoadedModel load(byte[] flatbuffer) {
      validate(flatbuffer);
      BytePointer buffer = new BytePointer(flatbuffer.length);
      buffer.put(flatbuffer);
      TfLiteModel model = TfLiteModelCreate(buffer, flatbuffer.length);
      if (model == null || model.isNull()) {
        buffer.close();
        throw new ConversionException("LiteRT rejected the model: TfLiteModelCreate returned null");
      }
      return new LoadedModel(buffer, model);
    }

    @Override
    public void close() {
      TfLiteModelDelete(model);
      buffer.close();
    }
  }
}
