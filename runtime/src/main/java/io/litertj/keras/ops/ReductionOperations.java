package io.litertj.keras.ops;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Reductions over {@code axis} (None, an int or a list; {@code keepdims}): mean, sum, max, min,
 * prod, any, all, argmax, argmin, and the scans cumsum. Types follow the TF backend: mean of
 * integers is float32, sum and prod of bools int32, max and min of bools are any and all.
 */
final class ReductionOperations {

  private ReductionOperations() {}

  static void register(Registry r) {
    r.add(ReductionOperations::mean, "Mean");
    r.add(ReductionOperations::sum, "Sum");
    r.add(n -> extreme(n, BuiltinOp.REDUCE_MAX, BuiltinOp.MAXIMUM, true), "Max");
    r.add(n -> extreme(n, BuiltinOp.REDUCE_MIN, BuiltinOp.MINIMUM, true), "Min");
    r.add(n -> extreme(n, BuiltinOp.REDUCE_MAX, BuiltinOp.MAXIMUM, false), "Amax");
    r.add(n -> extreme(n, BuiltinOp.REDUCE_MIN, BuiltinOp.MINIMUM, false), "Amin");
    r.add(ReductionOperations::prod, "Prod");
    r.add(n -> anyAll(n, BuiltinOp.REDUCE_MAX), "Any");
    r.add(n -> anyAll(n, BuiltinOp.REDUCE_MIN), "All");
    r.add(n -> argExtreme(n, BuiltinOp.ARG_MAX), "Argmax");
    r.add(n -> argExtreme(n, BuiltinOp.ARG_MIN), "Argmin");
    r.add(ReductionOperations::cumsum, "Cumsum");
  }

  /** The reduced axes, sorted and counted from the front; every axis for None. */
  static int[] axes(OpNode n, int rank) {
    int[] given = n.ints("axis");
    TreeSet<Integer> set = new TreeSet<>();
    if (given == null) {
      for (int i = 0; i < rank; i++) {
        set.add(i);
      }
    } else {
      for (int a : given) {
        if (!set.add(n.axis(a, rank))) {
          throw n.error("reduces axis " + a + " twice", null);
        }
      }
    }
    return set.stream().mapToInt(Integer::intValue).toArray();
  }

  static Shape reducedShape(Shape in, int[] axes, boolean keepDims) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < in.rank(); i++) {
      final int axis = i;
      boolean reduced = Arrays.stream(axes).anyMatch(a -> a == axis);
      if (!reduced) {
        out.add(in.dim(i));
      } else if (keepDims) {
        out.add(1);
      }
    }
    return Shape.of(out.stream().mapToInt(Integer::intValue).toArray());
  }

  /** One reducer over the node's axis and keepdims. */
  private static Tensor reduce(OpNode n, BuiltinOp op, Tensor x) {
    int[] axes = axes(n, x.shape().rank());
    boolean keepDims = n.bool("keepdims", false);
    if (axes.length == 0) {
      return x; // reducing over no axis leaves the tensor as it is
    }
    return Emit.op(n, op, List.of(x, Emit.ints(n, "axes", axes)), x.type(), x.type(),
        reducedShape(x.shape(), axes, keepDims), new OpOptions.Reducer(keepDims));
  }

  private static Tensor mean(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    return reduce(n, BuiltinOp.MEAN, Emit.cast(n, x, DataType.FLOAT32));
  }

  private static Tensor sum(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    return reduce(n, BuiltinOp.SUM, Emit.cast(n, x, x.type() == DataType.BOOL ? DataType.INT32 : x.type()));
  }

  private static Tensor prod(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    DataType dtype = n.dtype("dtype");
    DataType type = dtype != null ? dtype : x.type() == DataType.BOOL ? DataType.INT32 : x.type();
    return reduce(n, BuiltinOp.REDUCE_PROD, Emit.cast(n, x, type));
  }

  /**
   * REDUCE_MAX / REDUCE_MIN, then {@code initial} as a MAXIMUM / MINIMUM. Booleans reduce as int32
   * (any / all) and come back as bool.
   */
  private static Tensor extreme(OpNode n, BuiltinOp reducer, BuiltinOp pairwise, boolean hasInitial) {
    Tensor x = ArithmeticOperations.single(n);
    boolean bool = x.type() == DataType.BOOL;
    Tensor v = Emit.cast(n, x, bool ? DataType.INT32 : x.type());
    Tensor out = reduce(n, reducer, v);
    if (hasInitial && !n.config("initial").isMissingNode() && !n.config("initial").isNull()) {
      Literal initial;
      try {
        initial = Literal.parse(n.config("initial"));
      } catch (Literal.NotALiteral e) {
        throw n.error("has initial: " + e.getMessage(), null);
      }
      out = Emit.binary(n, pairwise, out, Emit.as(n, Operand.of(initial), out.type()));
    }
    return bool ? Emit.cast(n, out, DataType.BOOL) : out;
  }

  /** any / all of values cast to bool, as the max / min of 0s and 1s. */
  private static Tensor anyAll(OpNode n, BuiltinOp reducer) {
    n.parameters("x");
    Tensor bools = Emit.as(n, n.required("x"), DataType.BOOL);
    return Emit.cast(n, reduce(n, reducer, Emit.cast(n, bools, DataType.INT32)), DataType.BOOL);
  }

  /**
   * ARG_MAX / ARG_MIN as int32. Axis None flattens first; keepdims puts the reduced axis back. Like
   * Keras (after JAX), -0.0 counts as smaller than 0.0: it is replaced by the smallest negative
   * normal float, which LiteRT's kernels then order as Keras does.
   */
  private static Tensor argExtreme(OpNode n, BuiltinOp op) {
    Tensor x = ArithmeticOperations.single(n);
    JsonAxis axis = JsonAxis.of(n);
    boolean keepDims = n.bool("keepdims", false);
    Shape original = x.shape();
    if (x.type() == DataType.FLOAT32) {
      x = negativeZeroBelowZero(n, x);
    }
    int a;
    if (axis.none()) {
      x = Emit.reshape(n, x, Shape.of(Emit.product(original.dims())));
      a = 0;
    } else {
      a = n.axis(axis.value(), original.rank());
    }
    int[] dims = x.shape().dims();
    int[] out = new int[dims.length - 1];
    for (int i = 0, k = 0; i < dims.length; i++) {
      if (i != a) {
        out[k++] = dims[i];
      }
    }
    OpOptions options = op == BuiltinOp.ARG_MAX ? new OpOptions.ArgMax(DataType.INT32)
        : new OpOptions.ArgMin(DataType.INT32);
    Tensor index = Emit.op(n, op, List.of(x, Emit.ints(n, "axis", a)), x.type(), DataType.INT32, Shape.of(out),
        options);
    if (!keepDims) {
      return index;
    }
    if (axis.none()) {
      int[] ones = new int[original.rank()];
      Arrays.fill(ones, 1);
      return Emit.reshape(n, index, Shape.of(ones));
    }
    return ShapeOperations.expandDims(n, index, a);
  }

  /** {@code where(x == 0 and 1/x < 0, -tiny, x)}: only -0.0 changes. */
  private static Tensor negativeZeroBelowZero(OpNode n, Tensor x) {
    Tensor zero = Emit.scalar(n, DataType.FLOAT32, 0);
    Tensor isZero = Emit.predicate(n, BuiltinOp.EQUAL, x, zero);
    Tensor inverse = Emit.binary(n, BuiltinOp.DIV, Emit.scalar(n, DataType.FLOAT32, 1), x);
    Tensor negative = Emit.predicate(n, BuiltinOp.LESS, inverse, zero);
    Tensor negativeZero = Emit.predicate(n, BuiltinOp.LOGICAL_AND, isZero, negative);
    Tensor tiny = Emit.scalar(n, DataType.FLOAT32, -Float.MIN_NORMAL);
    return Emit.op(n, BuiltinOp.SELECT_V2, List.of(negativeZero, tiny, x), DataType.FLOAT32, DataType.FLOAT32,
        x.shape(), null);
  }

  /** CUMSUM along axis (None flattens); {@code dtype} casts first, bools sum as int32. */
  private static Tensor cumsum(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    DataType dtype = n.dtype("dtype");
    x = Emit.cast(n, x, dtype != null ? dtype : x.type() == DataType.BOOL ? DataType.INT32 : x.type());
    JsonAxis axis = JsonAxis.of(n);
    int a;
    if (axis.none()) {
      x = Emit.reshape(n, x, Shape.of(Emit.product(x.shape().dims())));
      a = 0;
    } else {
      a = n.axis(axis.value(), x.shape().rank());
    }
    return Emit.op(n, BuiltinOp.CUMSUM, List.of(x, n.ctx().constant("axis", DataType.INT32, Shape.scalar(),
        ConstantData.ofInts(a))), x.type(), x.type(), x.shape(), new OpOptions.Cumsum(false, false));
  }

  /** An {@code axis} setting that must be None or one int. */
  record JsonAxis(boolean none, int value) {
    static JsonAxis of(OpNode n) {
      int[] a = n.ints("axis");
      if (a == null) {
        return new JsonAxis(true, 0);
      }
      if (a.length != 1 || n.config("axis").isArray()) {
        throw n.error("has axis=" + n.config("axis") + "; one axis is needed", null);
      }
      return new JsonAxis(false, a[0]);
    }
  }
}
