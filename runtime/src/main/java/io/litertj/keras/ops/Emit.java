package io.litertj.keras.ops;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.math.Broadcast;
import io.litertj.legalize.math.Kernels;
import java.util.Arrays;
import java.util.List;

/**
 * Emission helpers of the operation converters: operands as tensors of a given type (literals as
 * constants, tensors through CAST), elementwise ops with broadcast shapes, and the shape plumbing
 * (RESHAPE, TRANSPOSE, SHAPE) that tolerates the dynamic batch. Every op is checked against the
 * element types LiteRT's kernel takes, so an unsupported type fails here by name, not at run time.
 */
final class Emit {

  private Emit() {}

  /** The operand as a tensor of {@code type}: a literal becomes a constant, a tensor is cast. */
  static Tensor as(OpNode n, Operand o, DataType type) {
    if (o.isTensor()) {
      return cast(n, o.tensor(), type);
    }
    try {
      return n.ctx().constant("const", type, o.shape(), o.literal().data(type));
    } catch (Literal.NotALiteral e) {
      throw n.error("has a constant operand that cannot be " + type + ": " + e.getMessage(), null);
    }
  }

  /** CAST to {@code to}; nothing when the type already matches. */
  static Tensor cast(OpNode n, Tensor x, DataType to) {
    if (x.type() == to) {
      return x;
    }
    return n.ctx().emit(BuiltinOp.CAST, List.of(x), to, x.shape(), new OpOptions.Cast(x.type(), to));
  }

  /** Emits {@code op}, failing unless LiteRT's kernel takes {@code elementType}. */
  static Tensor op(OpNode n, BuiltinOp op, List<Tensor> inputs, DataType elementType, DataType out, Shape shape,
      OpOptions options) {
    if (!Kernels.supports(op, elementType)) {
      throw n.error("computes on " + elementType + " values, but LiteRT's " + op + " kernel takes only "
          + Kernels.accepted(op), "cast the operands to a supported type in the model");
    }
    return n.ctx().emit(op, inputs, out, shape, options);
  }

  /** {@code op(a, b)} of one type, broadcast. */
  static Tensor binary(OpNode n, BuiltinOp op, Tensor a, Tensor b) {
    return op(n, op, List.of(a, b), a.type(), a.type(), broadcast(n, a.shape(), b.shape()), options(op));
  }

  /** A comparison or logical op: a BOOL result of the broadcast shape. */
  static Tensor predicate(OpNode n, BuiltinOp op, Tensor a, Tensor b) {
    return op(n, op, List.of(a, b), a.type(), DataType.BOOL, broadcast(n, a.shape(), b.shape()), null);
  }

  /** {@code op(x)} of x's type and shape. */
  static Tensor unary(OpNode n, BuiltinOp op, Tensor x) {
    return op(n, op, List.of(x), x.type(), x.type(), x.shape(), options(op));
  }

  static OpOptions options(BuiltinOp op) {
    return OpOptions.plain(op);
  }

  /** NumPy broadcasting of the shapes; fails by name when static sizes disagree. */
  static Shape broadcast(OpNode n, Shape... shapes) {
    Shape out = shapes[0];
    for (int i = 1; i < shapes.length; i++) {
      Shape next = Broadcast.pair(out, shapes[i]);
      if (next == null) {
        throw n.error("has operands of shapes " + Arrays.toString(shapes) + " that do not broadcast",
            "give the operands equal sizes, or size 1, in each dimension (aligned on the right)");
      }
      out = next;
    }
    return out;
  }

  /** A scalar constant. */
  static Tensor scalar(OpNode n, DataType type, double value) {
    ConstantData data = switch (type) {
      case FLOAT32 -> ConstantData.ofFloats((float) value);
      case INT32 -> ConstantData.ofInts((int) value);
      case INT64 -> ConstantData.ofLongs((long) value);
      case BOOL -> ConstantData.of(new byte[] {(byte) (value != 0 ? 1 : 0)});
      default -> throw n.error("needs a constant of type " + type + ", which cannot be made", null);
    };
    return n.ctx().constant("scalar", type, Shape.scalar(), data);
  }

  /** A 1-D int32 constant. */
  static Tensor ints(OpNode n, String suffix, int... values) {
    return n.ctx().int32(suffix, values);
  }

  /**
   * RESHAPE to {@code target}, which may keep one dynamic (-1) dimension; nothing when the shape
   * already matches.
   */
  static Tensor reshape(OpNode n, Tensor x, Shape target) {
    if (x.shape().equals(target)) {
      return x;
    }
    if (countDynamic(target) > 1) {
      throw n.error("needs to reshape " + x.shape() + " to " + target + ", with more than one unknown dimension",
          "give the model input a fixed shape apart from the batch");
    }
    int[] dims = target.dims();
    return n.ctx().emit(BuiltinOp.RESHAPE, List.of(x, ints(n, "shape", dims)), x.type(), target,
        new OpOptions.Reshape(dims));
  }

  /** RESHAPE to the run-time shape held by {@code shape} (an int32 vector); declared as {@code declared}. */
  static Tensor reshape(OpNode n, Tensor x, Tensor shape, Shape declared) {
    return n.ctx().emit(BuiltinOp.RESHAPE, List.of(x, shape), x.type(), declared, null);
  }

  /** The run-time shape of {@code x} as an int32 vector: a constant when it is static. */
  static Tensor shapeOf(OpNode n, Tensor x) {
    if (x.shape().isStatic()) {
      return ints(n, "shape", x.shape().dims());
    }
    return n.ctx().emit(BuiltinOp.SHAPE, List.of(x), DataType.INT32, Shape.of(x.shape().rank()),
        new OpOptions.ShapeOp(DataType.INT32));
  }

  /** TRANSPOSE by {@code perm}; nothing for the identity. */
  static Tensor transpose(OpNode n, Tensor x, int[] perm) {
    boolean identity = true;
    int[] out = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      identity &= perm[i] == i;
      out[i] = x.shape().dim(perm[i]);
    }
    if (identity) {
      return x;
    }
    return op(n, BuiltinOp.TRANSPOSE, List.of(x, ints(n, "perm", perm)), x.type(), x.type(), Shape.of(out),
        new OpOptions.Transpose());
  }

  /** The permutation that moves {@code axis} to the end, keeping the others in order. */
  static int[] axisLast(int axis, int rank) {
    int[] perm = new int[rank];
    int k = 0;
    for (int i = 0; i < rank; i++) {
      if (i != axis) {
        perm[k++] = i;
      }
    }
    perm[rank - 1] = axis;
    return perm;
  }

  /** The inverse of a permutation. */
  static int[] inverse(int[] perm) {
    int[] inv = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inv[perm[i]] = i;
    }
    return inv;
  }

  /** The number of elements of static dims, or -1 when one is dynamic. */
  static int product(int[] dims) {
    int p = 1;
    for (int d : dims) {
      if (d < 0) {
        return Shape.DYNAMIC;
      }
      p = Math.multiplyExact(p, d);
    }
    return p;
  }

  static int countDynamic(Shape s) {
    int c = 0;
    for (int d : s.dims()) {
      c += d < 0 ? 1 : 0;
    }
    return c;
  }
}
