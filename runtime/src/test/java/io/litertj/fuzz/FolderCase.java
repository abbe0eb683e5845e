package io.litertj.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.optimize.fold.ConstantFolder;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * One fuzzed constant-folding call: an op the folder has a kernel for, up to four operands of any
 * fixed-size type, rank and contents (a few omitted or computed), outputs of any type and rank,
 * and options of the op's type with any values. The folder must fold, giving data of the output's
 * size, or decline with null; anything it throws is a folder bug (the legalizers fold with made-up
 * values too, so an exception there would fail a valid model).
 */
final class FolderCase {

  /** Small enough that every case is fast; sizes beyond it are the folder's own limit's business. */
  private static final ConstantFolder FOLDER = new ConstantFolder(4096);
  private static final List<BuiltinOp> OPS = FOLDER.supportedOps().stream().sorted().toList();
  private static final DataType[] TYPES = {DataType.FLOAT32, DataType.INT32, DataType.INT64, DataType.INT8,
      DataType.UINT8, DataType.INT16, DataType.BOOL, DataType.FLOAT64, DataType.FLOAT16};

  private FolderCase() {}

  static void run(FuzzedDataProvider data) {
    BuiltinOp op = data.pickValue(OPS);
    int inputCount = data.consumeInt(0, 4);
    List<Tensor> inputs = new ArrayList<>();
    for (int i = 0; i < inputCount; i++) {
      inputs.add(data.consumeInt(0, 15) == 0 ? null : operand(data, i));
    }
    int outputCount = data.consumeInt(1, 4);
    List<Tensor> outputs = new ArrayList<>();
    for (int i = 0; i < outputCount; i++) {
      DataType type = data.consumeBoolean() && !inputs.isEmpty() && inputs.get(0) != null ? inputs.get(0).type()
          : data.pickValue(TYPES);
      int rank = data.consumeBoolean() && !inputs.isEmpty() && inputs.get(0) != null
          ? inputs.get(0).shape().rank() : data.consumeInt(0, 4);
      int[] dims = new int[rank];
      for (int d = 0; d < rank; d++) {
        dims[d] = data.consumeInt(-1, 6);
      }
      outputs.add(new Tensor("out" + i, type, Shape.of(dims)));
    }
    OpOptions options = options(op, data);
    List<ConstantData> folded = FOLDER.evaluate(op, inputs, options, outputs);
    if (folded != null) {
      if (folded.size() != outputs.size()) {
        throw new AssertionFailedError(op + " folded to " + folded.size() + " results for " + outputs.size());
      }
      for (int i = 0; i < folded.size(); i++) {
        if (folded.get(i).byteSize() % outputs.get(i).type().byteSize() != 0) {
          throw new AssertionFailedError(op + " result " + i + " of " + folded.get(i).byteSize() + " bytes for "
              + outputs.get(i).type());
        }
        folded.get(i).bytes(); // materializes lazy results (TRANSPOSE), which must not throw either
      }
    }
  }

  private static Tensor operand(FuzzedDataProvider data, int index) {
    DataType type = data.pickValue(TYPES);
    int rank = data.consumeInt(0, 4);
    int[] dims = new int[rank];
    long count = 1;
    for (int d = 0; d < rank; d++) {
      dims[d] = data.consumeInt(0, 6);
      count *= dims[d];
    }
    if (data.consumeInt(0, 15) == 0) {
      return new Tensor("computed" + index, type, Shape.of(dims)); // not constant
    }
    byte[] bytes = new byte[(int) count * type.byteSize()];
    byte[] given = data.consumeBytes(bytes.length);
    System.arraycopy(given, 0, bytes, 0, given.length);
    Shape shape = Shape.of(dims);
    if (rank == 1 && data.consumeInt(0, 7) == 0) {
      shape = Shape.of(-1); // a 1-D constant whose length only its data tells
    }
    return Tensor.constant("c" + index, type, shape, ConstantData.of(bytes));
  }

  /** Options of the type the op's kernel reads, with arbitrary values; sometimes none. */
  private static OpOptions options(BuiltinOp op, FuzzedDataProvider data) {
    if (data.consumeInt(0, 9) == 0) {
      return null;
    }
    Activation act = data.pickValue(Activation.values());
    int a = data.consumeInt(-6, 6);
    int b = data.consumeInt(-6, 6);
    return switch (op.name()) {
      case "ADD" -> new OpOptions.Add(act, false);
      case "SUB" -> new OpOptions.Sub(act, false);
      case "MUL" -> new OpOptions.Mul(act);
      case "DIV" -> new OpOptions.Div(act);
      case "CONCATENATION" -> new OpOptions.Concatenation(a, data.consumeBoolean() ? Activation.NONE : act);
      case "RESHAPE" -> new OpOptions.Reshape(ints(data));
      case "SQUEEZE" -> new OpOptions.Squeeze(ints(data));
      case "GATHER" -> new OpOptions.Gather(a, b);
      case "MEAN", "SUM", "REDUCE_PROD", "REDUCE_MAX", "REDUCE_MIN", "REDUCE_ANY", "REDUCE_ALL" ->
          new OpOptions.Reducer(data.consumeBoolean());
      case "STRIDED_SLICE" -> new OpOptions.StridedSlice(data.consumeInt(0, 31), data.consumeInt(0, 31),
          data.consumeInt(0, 31), data.consumeInt(0, 31), data.consumeInt(0, 31), data.consumeBoolean());
      case "SPLIT" -> new OpOptions.Split(a);
      case "SPLIT_V" -> new OpOptions.SplitV(a);
      case "CAST" -> new OpOptions.Cast(data.pickValue(TYPES), data.pickValue(TYPES));
      case "ARG_MAX" -> new OpOptions.ArgMax(data.pickValue(TYPES));
      case "ARG_MIN" -> new OpOptions.ArgMin(data.pickValue(TYPES));
      case "SHAPE" -> new OpOptions.ShapeOp(data.pickValue(TYPES));
      case "PACK" -> new OpOptions.Pack(a, b);
      case "UNPACK" -> new OpOptions.Unpack(a, b);
      case "LEAKY_RELU" -> new OpOptions.LeakyRelu(data.consumeFloat());
      default -> null;
    };
  }

  private static int[] ints(FuzzedDataProvider data) {
    int[] v = new int[data.consumeInt(0, 5)];
    for (int i = 0; i < v.length; i++) {
      v[i] = data.consumeInt(-2, 8);
    }
    return v;
  }
}
