package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import java.util.List;

/**
 * Ops whose output is made from small arguments: SHAPE (of an input whose dims are known), FILL
 * and RANGE. Their output shapes depend on values; the kernels compute them, and the folder checks
 * them against the shapes the legalizer inferred.
 */
final class GeneratorKernels {

  private GeneratorKernels() {}

  static void register(KernelTable table) {
    table.put(BuiltinOp.SHAPE, call -> List.of(shape(call)));
    table.put(BuiltinOp.FILL, call -> List.of(fill(call)));
    table.put(BuiltinOp.RANGE, call -> List.of(range(call)));
  }

  private static Folded shape(FoldCall call) {
    DataType type = call.outType(0);
    OpOptions.ShapeOp options = call.options(OpOptions.ShapeOp.class);
    if ((type != DataType.INT32 && type != DataType.INT64)
        || (options != null && options.outType() != null && options.outType() != type)) {
      throw new NotFoldable("SHAPE to " + type);
    }
    int[] dims = call.in(0).dims();
    long[] values = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      values[i] = dims[i];
    }
    return Folded.integers(type, new int[] {dims.length}, values);
  }

  /** FILL: dims (INT32/INT64), then a one-element value of the output's type. */
  private static Folded fill(FoldCall call) {
    int[] dims = NdIndex.toInts(call.in(0).indices("dims"), "dims");
    for (int d : dims) {
      if (d < 0) {
        throw new NotFoldable("FILL dims " + NdIndex.show(dims));
      }
    }
    Operand value = call.in(1);
    call.requireOutputType(value);
    if (value.count() != 1) {
      throw new NotFoldable("FILL value has " + value.count() + " elements");
    }
    call.checkSize(NdIndex.count(dims));
    byte[] one = value.raw();
    int n = (int) NdIndex.count(dims);
    byte[] out = new byte[NdIndex.bytes(n, one.length)];
    for (int i = 0; i < n; i++) {
      System.arraycopy(one, 0, out, i * one.length, one.length);
    }
    return Folded.bytes(dims, out);
  }

  /**
   * RANGE as LiteRT computes it: the size from start, limit and delta (integer: ceiling of
   * |limit - start| / |delta|; float: {@code ceil(|(limit - start) / delta|)} in float), then the
   * values by repeatedly adding delta (in float for FLOAT32, not start + i * delta).
   */
  private static Folded range(FoldCall call) {
    DataType type = call.outType(0);
    Operand startOperand = call.in(0);
    Operand limitOperand = call.in(1);
    Operand deltaOperand = call.in(2);
    call.requireOutputType(startOperand, limitOperand, deltaOperand);
    if (startOperand.count() != 1 || limitOperand.count() != 1 || deltaOperand.count() != 1) {
      throw new NotFoldable("RANGE arguments must be scalars");
    }
    return switch (Lane.of(type)) {
      case INT -> {
        long start = startOperand.longs()[0];
        long limit = limitOperand.longs()[0];
        long delta = deltaOperand.longs()[0];
        checkDirection((start >= limit && delta < 0) || (start <= limit && delta > 0));
        long span = limit - start;
        if (delta == Long.MIN_VALUE || span == Long.MIN_VALUE || ((limit ^ start) & (limit ^ span)) < 0) {
          // LiteRT computes limit - start in the type itself: an overflow there is undefined.
          throw new NotFoldable("RANGE from " + start + " to " + limit + " by " + delta + " overflows");
        }
        long step = Math.abs(delta);
        long size = Math.abs(span) / step + (Math.abs(span) % step == 0 ? 0 : 1);
        call.checkSize(size);
        long[] out = new long[(int) size];
        long value = start;
        for (int i = 0; i < out.length; i++) {
          out[i] = value;
          value = ArithmeticKernels.wrap(value + delta, type);
        }
        yield Folded.integers(type, new int[] {out.length}, out);
      }
      case F32 -> {
        float start = Subnormals.check(startOperand.floats()[0]);
        float limit = Subnormals.check(limitOperand.floats()[0]);
        float delta = Subnormals.check(deltaOperand.floats()[0]);
        checkDirection((start >= limit && delta < 0) || (start <= limit && delta > 0));
        double size = Math.ceil(Math.abs((limit - start) / delta));
        call.checkSize((long) size);
        float[] out = new float[(int) size];
        float value = start;
        for (int i = 0; i < out.length; i++) {
          out[i] = Subnormals.check(value);
          value += delta;
        }
        yield Folded.floats(new int[] {out.length}, out);
      }
      case F64 -> {
        double start = startOperand.doubles()[0];
        double limit = limitOperand.doubles()[0];
        double delta = deltaOperand.doubles()[0];
        checkDirection((start >= limit && delta < 0) || (start <= limit && delta > 0));
        double size = Math.ceil(Math.abs((limit - start) / delta));
        call.checkSize((long) size);
        double[] out = new double[(int) size];
        double value = start;
        for (int i = 0; i < out.length; i++) {
          out[i] = value;
          value += delta;
        }
        yield Folded.doubles(new int[] {out.length}, out);
      }
      case BOOL -> throw new NotFoldable("RANGE of BOOL");
    };
  }

  /** LiteRT requires delta != 0 pointing from start toward limit (start == limit gives nothing). */
  private static void checkDirection(boolean ok) {
    if (!ok) {
      throw new NotFoldable("RANGE delta does not lead from start to limit");
    }
  }
}
