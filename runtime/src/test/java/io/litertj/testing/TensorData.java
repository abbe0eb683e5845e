package io.litertj.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named, dense array as the oracles exchange it: element type, shape and the raw little-endian
 * bytes in row-major order.
 *
 * <p>The arrays are copied in and out, so a {@code TensorData} is immutable. The name may be empty
 * (the factories make unnamed data; see {@link #named(String)}).
 *
 * @param name  the tensor's name, never null, possibly empty
 * @param type  the element type; never {@link ElementType#STRING}
 * @param shape the dimensions, all {@code >= 0}; empty for a scalar
 * @param bytes {@code elementCount() * type.byteSize()} little-endian bytes
 */
public record TensorData(String name, ElementType type, long[] shape, byte[] bytes) {

  /** Checks that the bytes fit the shape, and copies the arrays. */
  public TensorData {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(bytes, "bytes");
    if (!type.hasFixedSize()) {
      throw new IllegalArgumentException("TensorData cannot hold " + type + " elements");
    }
    shape = shape.clone();
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
      }
      count = Math.multiplyExact(count, d);
    }
    if (count * type.byteSize() != bytes.length) {
      throw new IllegalArgumentException(String.format(
          "%s%s needs %d bytes, got %d", type, Arrays.toString(shape), count * type.byteSize(), bytes.length));
    }
    bytes = bytes.clone();
  }

  // ----------------------------------------------------------------- factories

  /** Raw data of any fixed-size type, unnamed. */
  public static TensorData of(ElementType type, long[] shape, byte[] littleEndianBytes) {
    return new TensorData("", type, shape, littleEndianBytes);
  }

  /** FLOAT32 data, unnamed. */
  public static TensorData ofFloats(long[] shape, float... values) {
    ByteBuffer b = allocate(values.length, 4);
    b.asFloatBuffer().put(values);
    return of(ElementType.FLOAT32, shape, b.array());
  }

  /** FLOAT64 data, unnamed. */
  public static TensorData ofDoubles(long[] shape, double... values) {
    ByteBuffer b = allocate(values.length, 8);
    b.asDoubleBuffer().put(values);
    return of(ElementType.FLOAT64, shape, b.array());
  }

  /** FLOAT16 data rounded (to nearest even) from floats, unnamed. */
  public static TensorData ofHalfs(long[] shape, float... values) {
    ByteBuffer b = allocate(values.length, 2);
    for (float v : values) {
      b.putShort(Half.fromFloat(v));
    }
    return of(ElementType.FLOAT16, shape, b.array());
  }

  /** INT32 data, unnamed. */
  public static TensorData ofInts(long[] shape, int... values) {
    ByteBuffer b = allocate(values.length, 4);
    b.asIntBuffer().put(values);
    return of(ElementType.INT32, shape, b.array());
  }

  /** INT64 data, unnamed. */
  public static TensorData ofLongs(long[] shape, long... values) {
    ByteBuffer b = allocate(values.length, 8);
    b.asLongBuffer().put(values);
    return of(ElementType.INT64, shape, b.array());
  }

  /** INT16 data, unnamed. */
  public static TensorData ofShorts(long[] shape, short... values) {
    ByteBuffer b = allocate(values.length, 2);
    b.asShortBuffer().put(values);
    return of(ElementType.INT16, shape, b.array());
  }

  /** INT8 data, unnamed. */
  public static TensorData ofInt8(long[] shape, byte... values) {
    return of(ElementType.INT8, shape, values);
  }

  /** UINT8 data from ints in [0, 255], unnamed. */
  public static TensorData ofUint8(long[] shape, int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 255) {
        throw new IllegalArgumentException("uint8 value out of range at " + i + ": " + values[i]);
      }
      b[i] = (byte) values[i];
    }
    return of(ElementType.UINT8, shape, b);
  }

  /** BOOL data (one byte each, 0 or 1), unnamed. */
  public static TensorData ofBools(long[] shape, boolean... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) (values[i] ? 1 : 0);
    }
    return of(ElementType.BOOL, shape, b);
  }

  /** A FLOAT32 scalar (rank 0), unnamed. */
  public static TensorData scalar(float value) {
    return ofFloats(new long[0], value);
  }

  /** An INT32 scalar (rank 0), unnamed. */
  public static TensorData scalar(int value) {
    return ofInts(new long[0], value);
  }

  /** An INT64 scalar (rank 0), unnamed. */
  public static TensorData scalar(long value) {
    return ofLongs(new long[0], value);
  }

  /** Shorthand for a shape literal: {@code shape(2, 3)}. */
  public static long[] shape(long... dims) {
    return dims;
  }

  // ------------------------------------------------------------------ accessors

  /** The same data under another name. */
  public TensorData named(String newName) {
    return new TensorData(newName, type, shape, bytes);
  }

  /** The same bytes viewed with another shape of the same element count. */
  public TensorData reshaped(long... newShape) {
    return new TensorData(name, type, newShape, bytes);
  }

  /** A copy of the dimensions. */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** A copy of the raw little-endian bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** A read-only little-endian view of the bytes, without copying. */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The number of dimensions; 0 for a scalar. */
  public int rank() {
    return shape.length;
  }

  /** The number of elements (1 for a scalar). */
  public int elementCount() {
    return bytes.length / type.byteSize();
  }

  /** The elements of FLOAT32 data, or of FLOAT16 data widened exactly. */
  public float[] asFloats() {
    float[] out = new float[elementCount()];
    ByteBuffer b = buffer();
    switch (type) {
      case FLOAT32 -> b.asFloatBuffer().get(out);
      case FLOAT16 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = Half.toFloat(b.getShort());
        }
      }
      default -> throw wrongType("asFloats", "FLOAT32 or FLOAT16");
    }
    return out;
  }

  /** The elements of INT32 data, or of INT16, INT8, UINT8 or BOOL data widened. */
  public int[] asInts() {
    int[] out = new int[elementCount()];
    ByteBuffer b = buffer();
    switch (type) {
      case INT32 -> b.asIntBuffer().get(out);
      case INT16 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = b.getShort();
        }
      }
      case INT8 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = b.get();
        }
      }
      case UINT8, BOOL -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = b.get() & 0xff;
        }
      }
      default -> throw wrongType("asInts", "INT32, INT16, INT8, UINT8 or BOOL");
    }
    return out;
  }

  /** The elements of INT64 data, or of any narrower integer or BOOL data widened. */
  public long[] asLongs() {
    if (type == ElementType.INT64) {
      long[] out = new long[elementCount()];
      buffer().asLongBuffer().get(out);
      return out;
    }
    if (!type.isExact()) {
      throw wrongType("asLongs", "an integer type or BOOL");
    }
    return Arrays.stream(asInts()).asLongStream().toArray();
  }

  /** The elements of BOOL data. */
  public boolean[] asBools() {
    if (type != ElementType.BOOL) {
      throw wrongType("asBools", "BOOL");
    }
    boolean[] out = new boolean[bytes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes[i] != 0;
    }
    return out;
  }

  /** Every element as a double, whatever the type (INT64 beyond 2^53 loses precision). */
  public double[] asDoubles() {
    double[] out = new double[elementCount()];
    switch (type) {
      case FLOAT64 -> buffer().asDoubleBuffer().get(out);
      case FLOAT32, FLOAT16 -> {
        float[] f = asFloats();
        for (int i = 0; i < out.length; i++) {
          out[i] = f[i];
        }
      }
      default -> {
        long[] l = asLongs();
        for (int i = 0; i < out.length; i++) {
          out[i] = l[i];
        }
      }
    }
    return out;
  }

  private IllegalStateException wrongType(String method, String expected) {
    return new IllegalStateException(
        method + "() needs " + expected + " data, but '" + name + "' is " + type);
  }

  private static ByteBuffer allocate(int count, int size) {
    return ByteBuffer.allocate(Math.multiplyExact(count, size)).order(ByteOrder.LITTLE_ENDIAN);
  }

  // ------------------------------------------------------------ value semantics

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorData t
        && name.equals(t.name)
        && type == t.type
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(shape), Arrays.hashCode(bytes));
  }

  /** Name, type, shape and the first few elements. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append(name.isEmpty() ? "<unnamed>" : name).append(": ").append(type).append(Arrays.toString(shape));
    int count = elementCount();
    int shown = Math.min(count, 8);
    double[] floats = type.isFloating() ? asDoubles() : null;
    long[] exact = type.isFloating() ? null : asLongs();
    s.append(" [");
    for (int i = 0; i < shown; i++) {
      s.append(i == 0 ? "" : ", ").append(floats != null ? Double.toString(floats[i]) : Long.toString(exact[i]));
    }
    return s.append(count > shown ? ", ...]" : "]").toString();
  }
}
