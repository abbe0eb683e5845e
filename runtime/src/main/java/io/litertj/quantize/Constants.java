package io.litertj.quantize;

import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Makes the new constant tensors of a rewrite. */
final class Constants {

  private Constants() {}

  static Tensor int8(String name, Shape shape, byte[] values, QuantizationParams q) {
    Tensor t = Tensor.constant(name, DataType.INT8, shape, ConstantData.of(values));
    t.setQuantization(q);
    return t;
  }

  static Tensor int16(String name, Shape shape, short[] values, QuantizationParams q) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short v : values) {
      b.putShort(v);
    }
    Tensor t = Tensor.constant(name, DataType.INT16, shape, ConstantData.of(b.array()));
    t.setQuantization(q);
    return t;
  }

  static Tensor int32(String name, Shape shape, int[] values, QuantizationParams q) {
    Tensor t = Tensor.constant(name, DataType.INT32, shape, ConstantData.ofInts(values));
    t.setQuantization(q);
    return t;
  }

  static Tensor int64(String name, Shape shape, long[] values, QuantizationParams q) {
    Tensor t = Tensor.constant(name, DataType.INT64, shape, ConstantData.ofLongs(values));
    t.setQuantization(q);
    return t;
  }

  static Tensor float16(String name, Shape shape, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putShort(Half.fromFloat(v));
    }
    return Tensor.constant(name, DataType.FLOAT16, shape, ConstantData.of(b.array()));
  }

  /** Per-tensor params or per-axis along {@code axis}, zero points 0. */
  static QuantizationParams symmetric(float[] scales, int axis) {
    return scales.length == 1 && axis < 0
        ? QuantizationParams.perTensor(scales[0], 0)
        : QuantizationParams.perAxis(scales, new long[scales.length], Math.max(axis, 0));
  }
}
