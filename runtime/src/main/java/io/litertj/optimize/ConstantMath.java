package io.litertj.optimize;

import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.function.DoubleBinaryOperator;

/**
 * Float arithmetic on constant tensors for the folding passes. Results are always new heap
 * tensors: a constant's data may be a read-only view of a memory-mapped checkpoint, shared by
 * other operators, so it is never written.
 */
public final class ConstantMath {

  private ConstantMath() {}

  /** A plain FLOAT32 constant: static shape, not quantized. Only these are folded. */
  public static boolean isPlainFloat(Tensor t) {
    return t != null && t.isConstant() && t.type() == DataType.FLOAT32 && t.quantization() == null
        && t.shape().isStatic();
  }

  /** Whether {@code t} is a plain float constant every value of which is {@code value}. */
  public static boolean isAll(Tensor t, float value) {
    if (!isPlainFloat(t)) {
      return false;
    }
    for (float v : t.constantFloats()) {
      if (v != value) {
        return false;
      }
    }
    return true;
  }

  /** A new FLOAT32 constant holding {@code values}. */
  public static Tensor floatConstant(String name, Shape shape, float[] values) {
    return Tensor.constant(name, DataType.FLOAT32, shape, ConstantData.ofFloats(values));
  }

  /**
   * The values of {@code c} as one value per output channel, if {@code c} broadcasts along the
   * last axis only: a scalar, or shape {@code [1, ..., 1, n]} with n = 1 or {@code channels}, of
   * rank at most {@code resultRank} (so broadcasting does not add dimensions). Otherwise
   * {@code null}.
   */
  public static float[] perChannel(Tensor c, int channels, int resultRank) {
    if (!isPlainFloat(c) || channels <= 0) {
      return null;
    }
    int[] dims = c.shape().dims();
    if (dims.length > resultRank) {
      return null;
    }
    for (int i = 0; i < dims.length - 1; i++) {
      if (dims[i] != 1) {
        return null;
      }
    }
    int last = dims.length == 0 ? 1 : dims[dims.length - 1];
    if (last != 1 && last != channels) {
      return null;
    }
    float[] values = c.constantFloats();
    float[] out = new float[channels];
    for (int i = 0; i < channels; i++) {
      out[i] = values[last == 1 ? 0 : i];
    }
    return out;
  }

  /** {@code op(a[i], b[i])} in float, as LiteRT would compute the folded op. */
  public static float[] elementwise(float[] a, float[] b, DoubleBinaryOperator op) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
    }
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) op.applyAsDouble(a[i], b[i]);
    }
    return out;
  }

  /**
   * {@code values} (row-major, shape {@code dims}) with each element combined with
   * {@code factors[k]}, k its index along {@code axis}.
   */
  public static float[] alongAxis(float[] values, int[] dims, int axis, float[] factors, DoubleBinaryOperator op) {
    if (dims[axis] != factors.length) {
      throw new IllegalArgumentException("axis " + axis + " has " + dims[axis] + " elements, not " + factors.length);
    }
    int inner = 1;
    for (int i = axis + 1; i < dims.length; i++) {
      inner *= dims[i];
    }
    int n = factors.length;
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) op.applyAsDouble(values[i], factors[(i / inner) % n]);
    }
    return out;
  }
}
