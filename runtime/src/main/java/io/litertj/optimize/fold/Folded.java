package io.litertj.optimize.fold;

import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One folded output: the dims the kernel computed and the little-endian data. */
record Folded(int[] dims, ConstantData data) {

  Folded {
    dims = dims.clone();
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  static Folded floats(int[] dims, float[] values) {
    return new Folded(dims, ConstantData.ofFloats(values));
  }

  static Folded doubles(int[] dims, double[] values) {
    ByteBuffer b = allocate(values.length, 8);
    b.asDoubleBuffer().put(values);
    return new Folded(dims, ConstantData.of(b));
  }

  static Folded bools(int[] dims, boolean[] values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) (values[i] ? 1 : 0);
    }
    return new Folded(dims, ConstantData.of(out));
  }

  /** Integer (or BOOL) values of {@code type}, wrapped to its width as a C++ static_cast does. */
  static Folded integers(DataType type, int[] dims, long[] values) {
    ByteBuffer b = allocate(values.length, type.byteSize());
    switch (type) {
      case INT8, UINT8 -> {
        for (long v : values) {
          b.put((byte) v);
        }
      }
      case BOOL -> {
        for (long v : values) {
          b.put((byte) (v != 0 ? 1 : 0));
        }
      }
      case INT16 -> {
        for (long v : values) {
          b.putShort((short) v);
        }
      }
      case INT32 -> {
        for (long v : values) {
          b.putInt((int) v);
        }
      }
      case INT64 -> b.asLongBuffer().put(values);
      default -> throw new NotFoldable(type + " is not an integer type");
    }
    b.clear();
    return new Folded(dims, ConstantData.of(b));
  }

  /** Values of a floating-point or integer type given as the matching lane's array. */
  static Folded of(DataType type, int[] dims, Object lane) {
    return switch (Lane.of(type)) {
      case F32 -> floats(dims, (float[]) lane);
      case F64 -> doubles(dims, (double[]) lane);
      case INT -> integers(type, dims, (long[]) lane);
      case BOOL -> bools(dims, (boolean[]) lane);
    };
  }

  static Folded bytes(int[] dims, byte[] data) {
    return new Folded(dims, ConstantData.of(data));
  }

  private static ByteBuffer allocate(int count, int elementSize) {
    return ByteBuffer.allocate(NdIndex.bytes(count, elementSize)).order(ByteOrder.LITTLE_ENDIAN);
  }
}
