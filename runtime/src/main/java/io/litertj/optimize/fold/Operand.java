package io.litertj.optimize.fold;

import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A constant input of an op: its type, static dims and data, decoded on demand. Decoding checks
 * the element limit, so that no kernel reads a huge constant onto the heap by accident.
 */
final class Operand {

  private final DataType type;
  private final int[] dims;
  private final ConstantData data;
  private final long limit;
  private ByteBuffer bytes;

  private Operand(DataType type, int[] dims, ConstantData data, long limit) {
    this.type = type;
    this.dims = dims;
    this.data = data;
    this.limit = limit;
  }

  /** The operand of a constant tensor; its dims must be static (a 1-D dynamic dim is read from its size). */
  static Operand of(Tensor tensor, long limit) {
    DataType type = tensor.type();
    int[] dims = tensor.shape().dims();
    long size = tensor.data().byteSize();
    if (type.byteSize() <= 0) {
      return new Operand(type, requireStatic(tensor, dims), tensor.data(), limit);
    }
    if (!tensor.shape().isStatic()) {
      if (dims.length != 1 || size % type.byteSize() != 0 || size / type.byteSize() > Integer.MAX_VALUE) {
        throw new NotFoldable(tensor + " has a dynamic shape");
      }
      dims = new int[] {(int) (size / type.byteSize())};
    }
    if (NdIndex.count(dims) * type.byteSize() != size) {
      throw new NotFoldable(tensor + " has " + size + " bytes of data");
    }
    return new Operand(type, dims, tensor.data(), limit);
  }

  /** An operand whose dims alone are known (its data, if any, is not read): SHAPE's input. */
  static Operand shapeOf(Tensor tensor) {
    return new Operand(tensor.type(), requireStatic(tensor, tensor.shape().dims()), null, 0);
  }

  private static int[] requireStatic(Tensor tensor, int[] dims) {
    if (!tensor.shape().isStatic()) {
      throw new NotFoldable(tensor + " has a dynamic shape");
    }
    return dims;
  }

  DataType type() {
    return type;
  }

  int[] dims() {
    return dims.clone();
  }

  long count() {
    return NdIndex.count(dims);
  }

  /** The undecoded data, for kernels that only move or relabel it. */
  ConstantData data() {
    return data;
  }

  int elementSize() {
    if (type.byteSize() <= 0) {
      throw new NotFoldable(type + " elements have no fixed size");
    }
    return type.byteSize();
  }

  /** The little-endian bytes; read once. */
  ByteBuffer bytes() {
    if (data == null) {
      throw new NotFoldable("the data of a non-constant input");
    }
    if (count() > limit) {
      throw new NotFoldable("input of " + count() + " elements is above the folding limit of " + limit);
    }
    elementSize();
    if (bytes == null) {
      bytes = data.bytes().slice().order(ByteOrder.LITTLE_ENDIAN);
    }
    return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The raw bytes, for kernels that move elements without reading them. */
  byte[] raw() {
    ByteBuffer b = bytes();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  float[] floats() {
    require(DataType.FLOAT32);
    ByteBuffer b = bytes();
    float[] out = new float[(int) count()];
    b.asFloatBuffer().get(out);
    return out;
  }

  double[] doubles() {
    require(DataType.FLOAT64);
    ByteBuffer b = bytes();
    double[] out = new double[(int) count()];
    b.asDoubleBuffer().get(out);
    return out;
  }

  boolean[] bools() {
    require(DataType.BOOL);
    ByteBuffer b = bytes();
    boolean[] out = new boolean[(int) count()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i) != 0;
    }
    return out;
  }

  /** Values of an integer or BOOL operand, widened to long (UINT8 as unsigned, BOOL as 0/1). */
  long[] longs() {
    ByteBuffer b = bytes();
    long[] out = new long[(int) count()];
    switch (type) {
      case INT8 -> fill(out, i -> b.get(i));
      case UINT8 -> fill(out, i -> b.get(i) & 0xFF);
      case BOOL -> fill(out, i -> b.get(i) != 0 ? 1 : 0);
      case INT16 -> fill(out, i -> b.getShort(2 * i));
      case INT32 -> fill(out, i -> b.getInt(4 * i));
      case INT64 -> b.asLongBuffer().get(out);
      default -> throw new NotFoldable(type + " is not an integer type");
    }
    return out;
  }

  /** Values of an INT32 or INT64 operand used as indices, axes or sizes. */
  long[] indices(String what) {
    if (type != DataType.INT32 && type != DataType.INT64 && type != DataType.INT16) {
      throw new NotFoldable(what + " of type " + type);
    }
    return longs();
  }

  /** The single value of a one-element INT32 or INT64 operand. */
  long scalarIndex(String what) {
    long[] v = indices(what);
    if (v.length != 1) {
      throw new NotFoldable(what + " has " + v.length + " elements, not 1");
    }
    return v[0];
  }

  private void require(DataType expected) {
    if (type != expected) {
      throw new NotFoldable("expected " + expected + ", got " + type);
    }
  }

  private interface IndexedLong {
    long at(int i);
  }

  private static void fill(long[] out, IndexedLong f) {
    for (int i = 0; i < out.length; i++) {
      out[i] = f.at(i);
    }
  }
}
