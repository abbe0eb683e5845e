package io.litertj.dataset;

import io.litertj.ir.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense array: element type, shape and little-endian row-major bytes. One model input of one
 * sample, or a whole {@code .npy} array.
 */
public record NdArray(DataType type, int[] shape, byte[] data) {

  public NdArray {
    Objects.requireNonNull(type, "type");
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    if (type.byteSize() <= 0 || n * type.byteSize() != data.length) {
      throw new IllegalArgumentException(type + Arrays.toString(shape) + " needs " + n * type.byteSize()
          + " bytes, but got " + data.length);
    }
  }

  /** A float32 array of the given shape. */
  public static NdArray ofFloats(float[] values, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new NdArray(DataType.FLOAT32, shape, b.array());
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  public long elementCount() {
    return data.length / type.byteSize();
  }

  /** The values as floats; only for FLOAT32 arrays. */
  public float[] floats() {
    if (type != DataType.FLOAT32) {
      throw new IllegalStateException("array is " + type + ", not FLOAT32");
    }
    float[] out = new float[data.length / 4];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** Element {@code index} along axis 0, keeping a leading dimension of 1 (one sample as a batch of one). */
  public NdArray slice0(int index) {
    if (shape.length == 0 || index < 0 || index >= shape[0]) {
      throw new IndexOutOfBoundsException("index " + index + " of " + Arrays.toString(shape));
    }
    int stride = data.length / shape[0];
    int[] s = shape.clone();
    s[0] = 1;
    return new NdArray(type, s, Arrays.copyOfRange(data, index * stride, (index + 1) * stride));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NdArray a && type == a.type && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, Arrays.hashCode(shape), Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return type + Arrays.toString(shape);
  }
}
