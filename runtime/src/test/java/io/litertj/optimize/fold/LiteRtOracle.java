package io.litertj.optimize.fold;

import com.google.flatbuffers.FlatBufferBuilder;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * Runs one LiteRT builtin on constant inputs in the real LiteRT interpreter (builtin kernels, no
 * delegates): writes a one-op .tflite model with flatbuffers-java and reads the outputs back. The
 * writer is the test's own and covers only the options the oracle tests use.
 */
final class LiteRtOracle {

  /** One output as LiteRT computed it. */
  record Output(DataType type, int[] dims, byte[] data) {}

  private static Boolean available;

  private LiteRtOracle() {}

  /** Whether the native LiteRT library loads on this machine. */
  static synchronized boolean available() {
    if (available == null) {
      try {
        org.bytedeco.javacpp.Loader.load(tensorflowlite.class);
        available = true;
      } catch (Throwable e) {
        available = false;
      }
    }
    return available;
  }

  /** The op's outputs, or null when LiteRT rejects the model or fails to run it. */
  static List<Output> run(BuiltinOp op, OpOptions options, List<Tensor> inputs, int outputCount,
      List<DataType> outputTypes) {
    if (System.getenv("ORACLE_TRACE") != null) {
      System.err.println("oracle: " + op + " " + options + " " + inputs);
      System.err.flush();
    }
    byte[] model = model(op, options, inputs, outputCount, outputTypes);
    Path file;
    try {
      file = Files.createTempFile("oracle", ".tflite");
      Files.write(file, model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (FlatBufferModel fb = FlatBufferModel.BuildFromFile(file.toString());
        BuiltinOpResolverWithoutDefaultDelegates resolver = new BuiltinOpResolverWithoutDefaultDelegates();
        Interpreter interpreter = new Interpreter((Pointer) null)) {
      if (fb == null || fb.isNull()) {
        return null;
      }
      try (InterpreterBuilder builder = new InterpreterBuilder(fb, resolver)) {
        if (builder.apply(interpreter) != 0 || interpreter.isNull()) {
          return null;
        }
      }
      if (interpreter.AllocateTensors() != 0 || interpreter.Invoke() != 0) {
        return null;
      }
      List<Output> outputs = new ArrayList<>();
      for (int i = 0; i < outputCount; i++) {
        TfLiteTensor t = interpreter.output_tensor(i);
        int[] dims = new int[tensorflowlite.TfLiteTensorNumDims(t)];
        for (int d = 0; d < dims.length; d++) {
          dims[d] = tensorflowlite.TfLiteTensorDim(t, d);
        }
        long size = tensorflowlite.TfLiteTensorByteSize(t);
        byte[] data = new byte[(int) size];
        if (size > 0) {
          new BytePointer(tensorflowlite.TfLiteTensorData(t)).capacity(size).get(data);
        }
        outputs.add(new Output(fromCType(tensorflowlite.TfLiteTensorType(t)), dims, data));
      }
      return outputs;
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }

  /** The C API's TfLiteType numbering differs from the schema's TensorType. */
  private static DataType fromCType(int type) {
    return switch (type) {
      case 1 -> DataType.FLOAT32;
      case 2 -> DataType.INT32;
      case 3 -> DataType.UINT8;
      case 4 -> DataType.INT64;
      case 5 -> DataType.STRING;
      case 6 -> DataType.BOOL;
      case 7 -> DataType.INT16;
      case 9 -> DataType.INT8;
      case 10 -> DataType.FLOAT16;
      case 11 -> DataType.FLOAT64;
      default -> throw new IllegalArgumentException("TfLiteType " + type);
    };
  }

  // ---- a minimal .tflite writer ----

  private static byte[] model(BuiltinOp op, OpOptions options, List<Tensor> inputs, int outputCount,
      List<DataType> outputTypes) {
    FlatBufferBuilder b = new FlatBufferBuilder(1024);
    // buffer 0 is the empty sentinel; constants get 1..n
    List<Integer> buffers = new ArrayList<>();
    buffers.add(buffer(b, null));
    List<Integer> tensors = new ArrayList<>();
    int[] inputIndices = new int[inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      Tensor t = inputs.get(i);
      if (t == null) {
        inputIndices[i] = -1;
        continue;
      }
      ByteBuffer bytes = t.data().bytes();
      byte[] data = new byte[bytes.remaining()];
      bytes.get(data);
      buffers.add(buffer(b, data));
      inputIndices[i] = tensors.size();
      tensors.add(tensor(b, "in" + i, t.type(), t.shape().dims(), buffers.size() - 1));
    }
    int[] outputIndices = new int[outputCount];
    for (int i = 0; i < outputCount; i++) {
      outputIndices[i] = tensors.size();
      tensors.add(tensor(b, "out" + i, outputTypes.get(i), null, 0));
    }
    int[] opts = options(b, op, options);
    int opInputs = intVector(b, inputIndices);
    int opOutputs = intVector(b, outputIndices);
    b.startTable(5);
    if (opts != null) {
      b.addOffset(4, opts[1], 0);
      b.addByte(3, (byte) opts[0], 0);
    }
    b.addOffset(2, opOutputs, 0);
    b.addOffset(1, opInputs, 0);
    b.addInt(0, 0, -1);
    int operator = b.endTable();

    int tensorVector = offsetVector(b, tensors);
    int subgraphInputs = intVector(b, new int[0]);
    int subgraphOutputs = intVector(b, outputIndices);
    int operators = offsetVector(b, List.of(operator));
    b.startTable(4);
    b.addOffset(3, operators, 0);
    b.addOffset(2, subgraphOutputs, 0);
    b.addOffset(1, subgraphInputs, 0);
    b.addOffset(0, tensorVector, 0);
    int subgraph = b.endTable();

    b.startTable(4);
    b.addInt(3, op.code(), 0);
    b.addInt(2, 1, 1);
    b.addByte(0, (byte) Math.min(op.code(), BuiltinOp.PLACEHOLDER_FOR_GREATER_OP_CODES), 0);
    int opcode = b.endTable();

    int opcodes = offsetVector(b, List.of(opcode));
    int subgraphs = offsetVector(b, List.of(subgraph));
    int bufferVector = offsetVector(b, buffers);
    b.startTable(5);
    b.addOffset(4, bufferVector, 0);
    b.addOffset(2, subgraphs, 0);
    b.addOffset(1, opcodes, 0);
    b.addInt(0, 3, 0);
    int model = b.endTable();
    b.finish(model, "TFL3");
    return b.sizedByteArray();
  }

  private static int buffer(FlatBufferBuilder b, byte[] data) {
    int vector = 0;
    if (data != null && data.length > 0) {
      b.startVector(1, data.length, 16);
      for (int i = data.length - 1; i >= 0; i--) {
        b.addByte(data[i]);
      }
      vector = b.endVector();
    }
    b.startTable(1);
    if (vector != 0) {
      b.addOffset(0, vector, 0);
    }
    return b.endTable();
  }

  private static int tensor(FlatBufferBuilder b, String name, DataType type, int[] dims, int buffer) {
    int nameOffset = b.createString(name);
    int shape = dims == null ? 0 : intVector(b, dims);
    b.startTable(4);
    b.addOffset(3, nameOffset, 0);
    b.addInt(2, buffer, 0);
    b.addByte(1, (byte) type.tfliteCode(), 0);
    if (shape != 0) {
      b.addOffset(0, shape, 0);
    }
    return b.endTable();
  }

  private static int intVector(FlatBufferBuilder b, int[] values) {
    b.startVector(4, values.length, 4);
    for (int i = values.length - 1; i >= 0; i--) {
      b.addInt(values[i]);
    }
    return b.endVector();
  }

  private static int offsetVector(FlatBufferBuilder b, List<Integer> offsets) {
    b.startVector(4, offsets.size(), 4);
    for (int i = offsets.size() - 1; i >= 0; i--) {
      b.addOffset(offsets.get(i));
    }
    return b.endVector();
  }

  /** {union type, table offset} of the options, or null for none. */
  private static int[] options(FlatBufferBuilder b, BuiltinOp op, OpOptions o) {
    if (o == null) {
      return null;
    }
    int type = o.unionType();
    int squeezeDims = o instanceof OpOptions.Squeeze s ? intVector(b, s.squeezeDims()) : 0;
    b.startTable(6);
    if (o instanceof OpOptions.WithActivation a && !(o instanceof OpOptions.Concatenation)) {
      b.addByte(0, activation(a.activation()), 0);
    } else if (o instanceof OpOptions.Concatenation c) {
      b.addInt(0, c.axis(), 0);
      b.addByte(1, activation(c.activation()), 0);
    } else if (o instanceof OpOptions.StridedSlice s) {
      b.addInt(0, s.beginMask(), 0);
      b.addInt(1, s.endMask(), 0);
      b.addInt(2, s.ellipsisMask(), 0);
      b.addInt(3, s.newAxisMask(), 0);
      b.addInt(4, s.shrinkAxisMask(), 0);
      b.addBoolean(5, s.offset(), false);
    } else if (o instanceof OpOptions.Cast c) {
      b.addByte(0, (byte) c.inType().tfliteCode(), 0);
      b.addByte(1, (byte) c.outType().tfliteCode(), 0);
    } else if (o instanceof OpOptions.Gather g) {
      b.addInt(0, g.axis(), 0);
      b.addInt(1, g.batchDims(), 0);
    } else if (o instanceof OpOptions.Reducer r) {
      b.addBoolean(0, r.keepDims(), false);
    } else if (o instanceof OpOptions.Pack p) {
      b.addInt(0, p.valuesCount(), 0);
      b.addInt(1, p.axis(), 0);
    } else if (o instanceof OpOptions.Unpack p) {
      b.addInt(0, p.num(), 0);
      b.addInt(1, p.axis(), 0);
    } else if (o instanceof OpOptions.Split s) {
      b.addInt(0, s.numSplits(), 0);
    } else if (o instanceof OpOptions.SplitV s) {
      b.addInt(0, s.numSplits(), 0);
    } else if (o instanceof OpOptions.ShapeOp s) {
      b.addByte(0, (byte) s.outType().tfliteCode(), 0);
    } else if (o instanceof OpOptions.ArgMax a) {
      b.addByte(0, (byte) a.outputType().tfliteCode(), 0);
      if (op == BuiltinOp.ARG_MIN) {
        type = 57; // ArgMinOptions: the same layout under its own union tag
      }
    } else if (o instanceof OpOptions.LeakyRelu l) {
      b.addFloat(0, l.alpha(), 0);
    } else if (o instanceof OpOptions.Squeeze) {
      b.addOffset(0, squeezeDims, 0);
    }
    return new int[] {type, b.endTable()};
  }

  private static byte activation(Activation a) {
    return (byte) (a == null ? 0 : a.ordinal());
  }
}
