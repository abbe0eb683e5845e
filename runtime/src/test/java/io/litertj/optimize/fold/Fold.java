package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/** Builds constant tensors, runs the folder and decodes its results, for the kernel tests. */
final class Fold {

  static final ConstantFolder FOLDER = new ConstantFolder();

  private Fold() {}

  static int[] dims(int... dims) {
    return dims;
  }

  static Tensor f32(int[] dims, float... v) {
    return Tensor.constant("f32", DataType.FLOAT32, Shape.of(dims), ConstantData.ofFloats(v));
  }

  static Tensor f32(float v) {
    return f32(dims(), v);
  }

  static Tensor f64(int[] dims, double... v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(v);
    return Tensor.constant("f64", DataType.FLOAT64, Shape.of(dims), ConstantData.of(b));
  }

  static Tensor i32(int[] dims, int... v) {
    return Tensor.constant("i32", DataType.INT32, Shape.of(dims), ConstantData.ofInts(v));
  }

  static Tensor i32(int v) {
    return i32(dims(), v);
  }

  /** A 1-D INT32 vector. */
  static Tensor vec(int... v) {
    return i32(dims(v.length), v);
  }

  static Tensor i64(int[] dims, long... v) {
    return Tensor.constant("i64", DataType.INT64, Shape.of(dims), ConstantData.ofLongs(v));
  }

  static Tensor bytes(DataType type, int[] dims, int... v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * type.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    for (int x : v) {
      if (type.byteSize() == 1) {
        b.put((byte) x);
      } else {
        b.putShort((short) x);
      }
    }
    return Tensor.constant(type.name(), type, Shape.of(dims), ConstantData.of(b.array()));
  }

  static Tensor bool(int[] dims, boolean... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) (v[i] ? 1 : 0);
    }
    return Tensor.constant("bool", DataType.BOOL, Shape.of(dims), ConstantData.of(b));
  }

  /** An output tensor as the legalizer would create it: type and inferred shape, no data. */
  static Tensor out(DataType type, int... dims) {
    return new Tensor("out", type, Shape.of(dims));
  }

  /** Folds a one-output op; null when the folder declines. */
  static ConstantData fold(BuiltinOp op, OpOptions options, Tensor out, Tensor... inputs) {
    List<ConstantData> r = FOLDER.evaluate(op, Arrays.asList(inputs), options, List.of(out));
    return r == null ? null : r.get(0);
  }

  static List<ConstantData> foldAll(BuiltinOp op, OpOptions options, List<Tensor> outs, Tensor... inputs) {
    return FOLDER.evaluate(op, Arrays.asList(inputs), options, outs);
  }

  static float[] floats(ConstantData d) {
    ByteBuffer b = d.bytes().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  static double[] doubles(ConstantData d) {
    ByteBuffer b = d.bytes().order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[b.remaining() / 8];
    b.asDoubleBuffer().get(out);
    return out;
  }

  static int[] ints(ConstantData d) {
    ByteBuffer b = d.bytes().order(ByteOrder.LITTLE_ENDIAN);
    int[] out = new int[b.remaining() / 4];
    b.asIntBuffer().get(out);
    return out;
  }

  static long[] longs(ConstantData d) {
    ByteBuffer b = d.bytes().order(ByteOrder.LITTLE_ENDIAN);
    long[] out = new long[b.remaining() / 8];
    b.asLongBuffer().get(out);
    return out;
  }

  static byte[] raw(ConstantData d) {
    ByteBuffer b = d.bytes();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  static boolean[] bools(ConstantData d) {
    byte[] b = raw(d);
    boolean[] out = new boolean[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i] != 0;
    }
    return out;
  }
}
