package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import java.util.List;

/**
 * MEAN, SUM, REDUCE_PROD, REDUCE_MAX and REDUCE_MIN over an axes tensor (negative axes counted
 * from the end, repeats ignored, a scalar input returned as is), with {@code keep_dims}. As in
 * LiteRT's reference kernels: elements are accumulated in row-major order, FLOAT32 in float;
 * MAX/MIN start from the type's lowest/highest finite value (so an empty or all-infinite float
 * reduction gives ±FLT_MAX); MEAN of integers sums in 64 bits and divides truncating toward zero;
 * MEAN of nothing is NaN (0 for integers).
 */
final class ReduceKernels {

  private ReduceKernels() {}

  private enum Reduction {
    MEAN,
    SUM,
    PROD,
    MAX,
    MIN
  }

  static void register(KernelTable table) {
    table.put(BuiltinOp.MEAN, call -> List.of(reduce(call, Reduction.MEAN)));
    table.put(BuiltinOp.SUM, call -> List.of(reduce(call, Reduction.SUM)));
    table.put(BuiltinOp.REDUCE_PROD, call -> List.of(reduce(call, Reduction.PROD)));
    table.put(BuiltinOp.REDUCE_MAX, call -> List.of(reduce(call, Reduction.MAX)));
    table.put(BuiltinOp.REDUCE_MIN, call -> List.of(reduce(call, Reduction.MIN)));
  }

  private static Folded reduce(FoldCall call, Reduction r) {
    Operand in = call.in(0);
    DataType type = call.outType(0);
    call.requireOutputType(in);
    OpOptions.Reducer options = call.options(OpOptions.Reducer.class);
    boolean keepDims = options != null && options.keepDims();
    int[] dims = in.dims();
    boolean[] reduced = reducedAxes(call.in(1), dims.length);
    int[] keptDims = dims.clone();
    int outRank = 0;
    for (int a = 0; a < dims.length; a++) {
      if (reduced[a]) {
        keptDims[a] = 1;
      }
      outRank += reduced[a] && !keepDims ? 0 : 1;
    }
    int[] outDims = new int[outRank];
    for (int a = 0, k = 0; a < dims.length; a++) {
      if (!reduced[a] || keepDims) {
        outDims[k++] = keptDims[a];
      }
    }
    call.checkSize(in.count());
    // For each input element, the output element it goes to.
    int[] keptStrides = NdIndex.strides(keptDims);
    long[] strides = new long[dims.length];
    for (int a = 0; a < dims.length; a++) {
      strides[a] = reduced[a] ? 0 : keptStrides[a];
    }
    int[] target = NdIndex.map(dims, 0, strides);
    int outCount = (int) NdIndex.count(outDims);
    long perOutput = outCount == 0 ? 0 : in.count() / outCount;
    return switch (Lane.of(type)) {
      case F32 -> Folded.floats(outDims,
          Subnormals.checkAll(floats(r, Subnormals.checkAll(in.floats()), target, outCount, perOutput)));
      case F64 -> Folded.doubles(outDims,
          Subnormals.checkAll(doubles(r, Subnormals.checkAll(in.doubles()), target, outCount, perOutput)));
      case INT -> Folded.integers(type, outDims, longs(r, type, in.longs(), target, outCount, perOutput));
      case BOOL -> throw new NotFoldable(call.op() + " on BOOL");
    };
  }

  private static boolean[] reducedAxes(Operand axes, int rank) {
    boolean[] reduced = new boolean[rank];
    if (rank == 0) {
      return reduced; // LiteRT ignores the axes of a scalar
    }
    for (long a : axes.indices("reduction axes")) {
      reduced[NdIndex.axis(a, rank)] = true;
    }
    return reduced;
  }

  private static float[] floats(Reduction r, float[] x, int[] target, int outCount, long perOutput) {
    float[] acc = new float[outCount];
    float init = switch (r) {
      case PROD -> 1f;
      case MAX -> -Float.MAX_VALUE;
      case MIN -> Float.MAX_VALUE;
      default -> 0f;
    };
    java.util.Arrays.fill(acc, init);
    for (int i = 0; i < x.length; i++) {
      int o = target[i];
      float v = x[i];
      acc[o] = Subnormals.check(switch (r) {
        case MEAN, SUM -> acc[o] + v;
        case PROD -> acc[o] * v;
        case MAX -> v > acc[o] ? v : acc[o];
        case MIN -> v < acc[o] ? v : acc[o];
      });
    }
    if (r == Reduction.MEAN) {
      for (int o = 0; o < outCount; o++) {
        acc[o] = perOutput == 0 ? Float.NaN : acc[o] / (float) perOutput;
      }
    }
    return acc;
  }

  private static double[] doubles(Reduction r, double[] x, int[] target, int outCount, long perOutput) {
    double[] acc = new double[outCount];
    double init = switch (r) {
      case PROD -> 1.0;
      case MAX -> -Double.MAX_VALUE;
      case MIN -> Double.MAX_VALUE;
      default -> 0.0;
    };
    java.util.Arrays.fill(acc, init);
    for (int i = 0; i < x.length; i++) {
      int o = target[i];
      double v = x[i];
      acc[o] = Subnormals.check(switch (r) {
        case MEAN, SUM -> acc[o] + v;
        case PROD -> acc[o] * v;
        case MAX -> v > acc[o] ? v : acc[o];
        case MIN -> v < acc[o] ? v : acc[o];
      });
    }
    if (r == Reduction.MEAN) {
      for (int o = 0; o < outCount; o++) {
        acc[o] = perOutput == 0 ? Double.NaN : acc[o] / perOutput;
      }
    }
    return acc;
  }

  private static long[] longs(Reduction r, DataType type, long[] x, int[] target, int outCount, long perOutput) {
    long[] acc = new long[outCount];
    long init = switch (r) {
      case PROD -> 1;
      case MAX -> Lane.min(type);
      case MIN -> Lane.max(type);
      default -> 0;
    };
    java.util.Arrays.fill(acc, init);
    for (int i = 0; i < x.length; i++) {
      int o = target[i];
      long v = x[i];
      acc[o] = switch (r) {
        case MEAN -> acc[o] + v; // a 64-bit sum, as LiteRT's integer MEAN
        case SUM -> ArithmeticKernels.wrap(acc[o] + v, type);
        case PROD -> ArithmeticKernels.wrap(acc[o] * v, type);
        case MAX -> Math.max(v, acc[o]);
        case MIN -> Math.min(v, acc[o]);
      };
    }
    if (r == Reduction.MEAN) {
      for (int o = 0; o < outCount; o++) {
        acc[o] = perOutput == 0 ? 0 : acc[o] / perOutput;
      }
    }
    return acc;
  }
}
