package io.litertj.keras.ops;

import com.fasterxml.jackson.databind.node.IntNode;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * Tensors of one value or a range: ones_like, zeros_like, full_like, full and arange. A shape
 * known at conversion time gives a constant; one with the dynamic batch is filled at run time
 * (FILL over the input's SHAPE, or BROADCAST_TO for an array value).
 */
final class FillOperations {

  /** Largest constant made here (elements); larger fills are computed at run time. */
  private static final int MAX_CONSTANT = 1 << 20;

  private FillOperations() {}

  static void register(Registry r) {
    r.add(n -> like(n, 1), "OnesLike");
    r.add(n -> like(n, 0), "ZerosLike");
    r.add(FillOperations::fullLike, "FullLike");
    r.add(FillOperations::full, "Full");
    r.add(FillOperations::arange, "Arange");
  }

  private static Tensor like(OpNode n, double value) {
    Tensor x = ArithmeticOperations.single(n);
    DataType dtype = n.dtype("dtype");
    DataType type = dtype != null ? dtype : x.type();
    return fill(n, x, Emit.scalar(n, type, value));
  }

  /** full_like(x, fill_value, dtype): the value in dtype (x's by default), of x's shape. */
  private static Tensor fullLike(OpNode n) {
    n.parameters("x", "fill_value");
    Operand xo = n.required("x");
    Tensor x = Emit.as(n, xo, xo.type().dataType());
    Operand v = n.required("fill_value");
    DataType dtype = n.dtype("dtype");
    DataType type = dtype != null ? dtype : x.type();
    Tensor value = Emit.as(n, v, type);
    if (value.shape().rank() == 0) {
      return fill(n, x, value);
    }
    if (Emit.broadcast(n, value.shape(), x.shape()).rank() != x.shape().rank()) {
      throw n.error("fills a tensor of shape " + x.shape() + " with a value of shape " + value.shape(), null);
    }
    return JoinOperations.broadcast(n, value, Emit.shapeOf(n, x), x.shape());
  }

  /** A tensor of x's shape holding the scalar constant {@code value}. */
  private static Tensor fill(OpNode n, Tensor x, Tensor value) {
    Shape shape = x.shape();
    if (value.isConstant() && shape.isStatic() && shape.numElements() <= MAX_CONSTANT) {
      return repeated(n, value, shape);
    }
    return n.ctx().emit(BuiltinOp.FILL, List.of(Emit.shapeOf(n, x), value), value.type(), shape, new OpOptions.Fill());
  }

  /** A constant of {@code shape} with every element equal to the scalar constant {@code value}. */
  private static Tensor repeated(OpNode n, Tensor value, Shape shape) {
    byte[] one = new byte[value.type().byteSize()];
    value.constantBytes().get(one);
    int count = (int) shape.numElements();
    byte[] all = new byte[count * one.length];
    for (int i = 0; i < count; i++) {
      System.arraycopy(one, 0, all, i * one.length, one.length);
    }
    return n.ctx().constant("filled", value.type(), shape, ConstantData.of(all));
  }

  /** full(shape, fill_value, dtype): float32 unless dtype says otherwise. */
  private static Tensor full(OpNode n) {
    n.parameters("fill_value");
    Operand v = n.required("fill_value");
    int[] dims = n.ints("shape");
    if (dims == null) {
      throw n.error("has no shape", null);
    }
    DataType dtype = n.dtype("dtype");
    Tensor value = Emit.as(n, v, dtype != null ? dtype : DataType.FLOAT32);
    Shape shape = Shape.of(dims);
    if (Emit.broadcast(n, value.shape(), shape).rank() != shape.rank()) {
      throw n.error("fills shape " + shape + " with a value of shape " + value.shape(), null);
    }
    if (value.isConstant() && value.shape().rank() == 0 && shape.numElements() <= MAX_CONSTANT) {
      return repeated(n, value, shape);
    }
    return JoinOperations.broadcast(n, value, Emit.ints(n, "shape", dims), shape);
  }

  /**
   * arange(start, stop, step, dtype): a constant when every bound is a literal, else a RANGE of
   * scalar tensors. The type is dtype, or the promoted type of the bounds.
   */
  private static Tensor arange(OpNode n) {
    n.parameters("start", "stop", "step");
    Operand start = n.required("start");
    Operand stop = n.operand("stop");
    Operand step = n.operand("step");
    if (stop == null) {
      stop = start;
      start = Operand.of(Literal.parse(IntNode.valueOf(0)));
    }
    if (step == null) {
      step = Operand.of(Literal.parse(IntNode.valueOf(1)));
    }
    DataType dtype = n.dtype("dtype");
    DataType type = dtype != null ? dtype : KerasType.promote(start.type(), stop.type(), step.type());
    if (type == DataType.BOOL) {
      throw n.error("makes a range of bools", null);
    }
    for (Operand o : List.of(start, stop, step)) {
      if (o.shape().rank() != 0) {
        throw n.error("has a range bound of shape " + o.shape() + "; scalars are needed", null);
      }
    }
    if (!start.isTensor() && !stop.isTensor() && !step.isTensor()) {
      return constantRange(n, type, start.literal(), stop.literal(), step.literal());
    }
    Tensor a = Emit.as(n, start, type);
    Tensor b = Emit.as(n, stop, type);
    Tensor c = Emit.as(n, step, type);
    return Emit.op(n, BuiltinOp.RANGE, List.of(a, b, c), type, type, Shape.of(Shape.DYNAMIC), null);
  }

  private static Tensor constantRange(OpNode n, DataType type, Literal start, Literal stop, Literal step) {
    double a = start.doubleAt(0);
    double b = stop.doubleAt(0);
    double c = step.doubleAt(0);
    if (c == 0) {
      throw n.error("has range step 0", null);
    }
    double count = Math.max(0, Math.ceil((b - a) / c));
    if (count > MAX_CONSTANT) {
      throw n.error("makes a range of " + (long) count + " elements, more than " + MAX_CONSTANT, null);
    }
    int size = (int) count;
    ConstantData data;
    if (type == DataType.FLOAT32) {
      float[] v = new float[size];
      for (int i = 0; i < size; i++) {
        v[i] = (float) (a + i * c);
      }
      data = ConstantData.ofFloats(v);
    } else if (type == DataType.INT64) {
      long[] v = new long[size];
      for (int i = 0; i < size; i++) {
        v[i] = (long) (a + i * c);
      }
      data = ConstantData.ofLongs(v);
    } else {
      int[] v = new int[size];
      for (int i = 0; i < size; i++) {
        v[i] = (int) (a + i * c);
      }
      data = ConstantData.ofInts(v);
    }
    return n.ctx().constant("range", type, Shape.of(size), data);
  }
}
