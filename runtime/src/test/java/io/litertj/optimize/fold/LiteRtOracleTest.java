package io.litertj.optimize.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential tests against LiteRT 2.21 (the test dependency): random ops on random constants,
 * folded by {@link ConstantFolder} and run by the real interpreter (builtin kernels, no
 * delegates). Every fold must equal LiteRT's output bit for bit (NaN payloads aside;
 * transcendental functions within a few ulps; float reductions, summed in another order, within
 * rounding). Cases LiteRT rejects are skipped; cases the folder declines are counted, and only
 * allowed where declining is its documented rule. Skipped when the native library does not load.
 */
class LiteRtOracleTest {

  private static final ConstantFolder FOLDER = new ConstantFolder();

  /** How the outputs are compared. */
  private enum Match {
    EXACT,
    ULPS,
    RELATIVE
  }

  /** Counts per test, to assert that the folder folded what LiteRT computed. */
  private static final class Tally {
    int compared;
    int declined;
    int rejected;
    final List<String> mismatches = new ArrayList<>();

    void assertClean(boolean mayDecline) {
      if (System.getenv("ORACLE_TRACE") != null) {
        System.err.println("tally: compared " + compared + ", declined " + declined + ", rejected by LiteRT " + rejected);
      }
      assertEquals(List.of(), mismatches.subList(0, Math.min(5, mismatches.size())), mismatches.size() + " mismatches");
      assertTrue(compared > 0, "nothing was compared");
      if (!mayDecline) {
        assertEquals(0, declined, "folder declined ops LiteRT computed");
      }
    }
  }

  private final Random random = new Random(20260101);

  @BeforeAll
  static void needsLiteRt() {
    assumeTrue(LiteRtOracle.available(), "LiteRT native library not available");
  }

  // ---------------------------------------------------------------- the check

  private void check(Tally tally, BuiltinOp op, OpOptions options, List<Tensor> inputs, List<DataType> outTypes,
      Match match) {
    List<LiteRtOracle.Output> expected = LiteRtOracle.run(op, options, inputs, outTypes.size(), outTypes);
    String what = op + " " + options + " " + describe(inputs);
    if (expected == null) {
      tally.rejected++;
      return;
    }
    List<Tensor> outs = new ArrayList<>();
    for (LiteRtOracle.Output e : expected) {
      outs.add(new Tensor("out", e.type(), Shape.of(e.dims())));
    }
    List<ConstantData> ours = FOLDER.evaluate(op, inputs, options, outs);
    if (ours == null) {
      tally.declined++;
      if (System.getenv("ORACLE_TRACE") != null) {
        System.err.println("declined: " + what);
      }
      return;
    }
    tally.compared++;
    for (int i = 0; i < outs.size(); i++) {
      String problem = compare(expected.get(i), Fold.raw(ours.get(i)), match);
      if (problem != null) {
        tally.mismatches.add(what + " output " + i + ": " + problem);
      }
    }
  }

  private static String compare(LiteRtOracle.Output e, byte[] actual, Match match) {
    if (e.data().length != actual.length) {
      return "size " + actual.length + " vs LiteRT " + e.data().length;
    }
    if (e.type() == DataType.FLOAT32) {
      ByteBuffer x = ByteBuffer.wrap(e.data()).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer y = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < actual.length / 4; i++) {
        float a = x.getFloat(4 * i);
        float b = y.getFloat(4 * i);
        if (!close(a, b, match)) {
          return "element " + i + ": " + b + " vs LiteRT " + a;
        }
      }
      return null;
    }
    return Arrays.equals(e.data(), actual) ? null : "bytes " + Arrays.toString(actual) + " vs LiteRT " + Arrays.toString(e.data());
  }

  private static boolean close(float a, float b, Match match) {
    if (Float.isNaN(a) || Float.isNaN(b)) {
      return Float.isNaN(a) && Float.isNaN(b);
    }
    if (Float.floatToIntBits(a) == Float.floatToIntBits(b)) {
      return true;
    }
    return switch (match) {
      case EXACT -> false;
      case ULPS -> Math.abs(a - b) <= 4 * Math.ulp(Math.max(Math.abs(a), Math.abs(b))) || Math.abs(a - b) < 1e-7f;
      case RELATIVE -> Math.abs(a - b) <= 1e-5f * Math.max(1f, Math.max(Math.abs(a), Math.abs(b)));
    };
  }

  private static String describe(List<Tensor> inputs) {
    StringBuilder s = new StringBuilder();
    for (Tensor t : inputs) {
      if (t == null) {
        s.append(" -");
        continue;
      }
      s.append(' ').append(t.type()).append(t.shape());
      if (t.data().byteSize() <= 64) {
        s.append('=').append(Arrays.toString(Fold.raw(t.data())));
      }
    }
    return s.toString();
  }

  // ---------------------------------------------------------------- random constants

  private int[] shape(int maxRank, int maxDim) {
    int[] d = new int[random.nextInt(maxRank + 1)];
    for (int i = 0; i < d.length; i++) {
      d[i] = 1 + random.nextInt(maxDim);
    }
    return d;
  }

  /** A shape that broadcasts to {@code out}: leading axes dropped, some dims set to 1. */
  private int[] broadcastable(int[] out) {
    int drop = random.nextInt(out.length + 1);
    int[] d = Arrays.copyOfRange(out, random.nextInt(3) == 0 ? drop : 0, out.length);
    for (int i = 0; i < d.length; i++) {
      if (random.nextInt(3) == 0) {
        d[i] = 1;
      }
    }
    return d;
  }

  private float floatValue() {
    return switch (random.nextInt(14)) {
      case 0 -> 0f;
      case 1 -> -0f;
      case 2 -> Float.NaN;
      case 3 -> random.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
      case 4 -> (random.nextBoolean() ? 1 : -1) * Float.MAX_VALUE / (1 + random.nextInt(3));
      case 5 -> random.nextInt(9) - 4 + (random.nextBoolean() ? 0.5f : 0f);
      case 6 -> (float) (random.nextGaussian() * 1e-30);
      default -> (float) (random.nextGaussian() * 10);
    };
  }

  private long intValue(DataType type) {
    if (random.nextInt(12) == 0) {
      return random.nextBoolean() ? Lane.min(type) : Lane.max(type);
    }
    return random.nextInt(41) - 20;
  }

  private Tensor tensor(DataType type, int[] dims) {
    int n = (int) NdIndex.count(dims);
    ByteBuffer b = ByteBuffer.allocate(n * type.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      switch (type) {
        case FLOAT32 -> b.putFloat(floatValue());
        case FLOAT64 -> b.putDouble(floatValue());
        case INT64 -> b.putLong(intValue(type));
        case INT32 -> b.putInt((int) intValue(type));
        case INT16 -> b.putShort((short) intValue(type));
        case INT8, UINT8 -> b.put((byte) intValue(type));
        case BOOL -> b.put((byte) (random.nextBoolean() ? 1 : 0));
        default -> throw new IllegalArgumentException(type.toString());
      }
    }
    return Tensor.constant("c", type, Shape.of(dims), ConstantData.of(b.array()));
  }

  private static Tensor ints(int... v) {
    return Tensor.constant("i", DataType.INT32, Shape.of(v.length), ConstantData.ofInts(v));
  }

  private static Tensor scalar(int v) {
    return Tensor.constant("s", DataType.INT32, Shape.scalar(), ConstantData.ofInts(v));
  }

  private Activation activation() {
    return new Activation[] {Activation.NONE, Activation.RELU, Activation.RELU6, Activation.RELU_N1_TO_1}[random.nextInt(4)];
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  // ---------------------------------------------------------------- elementwise

  private static final List<BuiltinOp> FUSED = List.of(BuiltinOp.ADD, BuiltinOp.SUB, BuiltinOp.MUL, BuiltinOp.DIV);
  private static final List<BuiltinOp> PLAIN_BINARY = List.of(BuiltinOp.MAXIMUM, BuiltinOp.MINIMUM, BuiltinOp.FLOOR_DIV,
      BuiltinOp.FLOOR_MOD, BuiltinOp.SQUARED_DIFFERENCE, BuiltinOp.POW);

  private OpOptions fusedOptions(BuiltinOp op, Activation a) {
    return switch (op) {
      case ADD -> new OpOptions.Add(a);
      case SUB -> new OpOptions.Sub(a);
      case MUL -> new OpOptions.Mul(a);
      default -> new OpOptions.Div(a);
    };
  }

  private void binary(Tally tally, DataType type, List<BuiltinOp> ops, int cases, boolean intActivations) {
    for (int c = 0; c < cases; c++) {
      BuiltinOp op = pick(ops);
      int[] out = shape(4, 3);
      Tensor a = tensor(type, broadcastable(out));
      Tensor b = tensor(type, random.nextBoolean() ? out : broadcastable(out));
      if (type != DataType.FLOAT32 && (op == BuiltinOp.DIV || op == BuiltinOp.FLOOR_MOD) && overflows(a, b)) {
        continue; // LiteRT dies of SIGFPE on MIN / -1 (the folder declines it)
      }
      OpOptions options = FUSED.contains(op)
          ? fusedOptions(op, type == DataType.FLOAT32 || intActivations ? activation() : Activation.NONE) : null;
      check(tally, op, options, List.of(a, b), List.of(type), op == BuiltinOp.POW ? Match.ULPS : Match.EXACT);
    }
  }

  private static boolean overflows(Tensor a, Tensor b) {
    long min = Lane.min(a.type());
    return Arrays.stream(Operand.of(a, Long.MAX_VALUE).longs()).anyMatch(v -> v == min)
        && Arrays.stream(Operand.of(b, Long.MAX_VALUE).longs()).anyMatch(v -> v == -1);
  }

  @Test
  void floatArithmetic() {
    Tally tally = new Tally();
    List<BuiltinOp> ops = new ArrayList<>(FUSED);
    ops.addAll(PLAIN_BINARY);
    binary(tally, DataType.FLOAT32, ops, 600, true);
    tally.assertClean(true); // declines: subnormal results
    assertTrue(tally.declined < tally.compared / 20, tally.declined + " declined of " + tally.compared);
  }

  @Test
  void int32Arithmetic() {
    Tally tally = new Tally();
    List<BuiltinOp> ops = new ArrayList<>(FUSED);
    ops.addAll(PLAIN_BINARY);
    binary(tally, DataType.INT32, ops, 600, true);
    tally.assertClean(true); // declines: division by zero, negative or overflowing powers
  }

  @Test
  void int64Arithmetic() {
    Tally tally = new Tally();
    binary(tally, DataType.INT64, List.of(BuiltinOp.ADD, BuiltinOp.SUB, BuiltinOp.MUL, BuiltinOp.MAXIMUM,
        BuiltinOp.MINIMUM, BuiltinOp.FLOOR_MOD), 300, true);
    tally.assertClean(true);
  }

  @Test
  void comparisons() {
    Tally tally = new Tally();
    List<BuiltinOp> ops = List.of(BuiltinOp.EQUAL, BuiltinOp.NOT_EQUAL, BuiltinOp.LESS, BuiltinOp.LESS_EQUAL,
        BuiltinOp.GREATER, BuiltinOp.GREATER_EQUAL);
    for (int c = 0; c < 400; c++) {
      // (LiteRT compares INT8/UINT8 as quantized values; without quantization it crashes)
      DataType type = pick(List.of(DataType.FLOAT32, DataType.INT32, DataType.INT64));
      int[] out = shape(4, 3);
      check(tally, pick(ops), null, List.of(tensor(type, broadcastable(out)), tensor(type, out)),
          List.of(DataType.BOOL), Match.EXACT);
    }
    for (int c = 0; c < 100; c++) {
      int[] out = shape(3, 3);
      BuiltinOp op = pick(List.of(BuiltinOp.LOGICAL_AND, BuiltinOp.LOGICAL_OR, BuiltinOp.EQUAL, BuiltinOp.NOT_EQUAL));
      check(tally, op, null, List.of(tensor(DataType.BOOL, out), tensor(DataType.BOOL, broadcastable(out))),
          List.of(DataType.BOOL), Match.EXACT);
      check(tally, BuiltinOp.LOGICAL_NOT, null, List.of(tensor(DataType.BOOL, out)), List.of(DataType.BOOL), Match.EXACT);
    }
    tally.assertClean(false);
  }

  @Test
  void unaryFloatOps() {
    Tally tally = new Tally();
    List<BuiltinOp> exact = List.of(BuiltinOp.NEG, BuiltinOp.ABS, BuiltinOp.SQUARE, BuiltinOp.FLOOR, BuiltinOp.CEIL,
        BuiltinOp.ROUND, BuiltinOp.RELU, BuiltinOp.RELU6, BuiltinOp.RELU_N1_TO_1, BuiltinOp.SQRT, BuiltinOp.RSQRT,
        BuiltinOp.LEAKY_RELU, BuiltinOp.HARD_SWISH, BuiltinOp.ZEROS_LIKE);
    List<BuiltinOp> approximate = List.of(BuiltinOp.EXP, BuiltinOp.LOG, BuiltinOp.SIN, BuiltinOp.COS,
        BuiltinOp.TANH, BuiltinOp.LOGISTIC, BuiltinOp.ELU);
    for (int c = 0; c < 500; c++) {
      boolean isExact = random.nextBoolean();
      BuiltinOp op = pick(isExact ? exact : approximate);
      OpOptions options = op == BuiltinOp.LEAKY_RELU ? new OpOptions.LeakyRelu(random.nextFloat() - 0.3f) : null;
      check(tally, op, options, List.of(tensor(DataType.FLOAT32, shape(3, 4))), List.of(DataType.FLOAT32),
          isExact ? Match.EXACT : Match.ULPS);
    }
    for (int c = 0; c < 60; c++) {
      BuiltinOp op = pick(List.of(BuiltinOp.NEG, BuiltinOp.ABS, BuiltinOp.ZEROS_LIKE));
      check(tally, op, null, List.of(tensor(DataType.INT32, shape(3, 4))), List.of(DataType.INT32), Match.EXACT);
    }
    tally.assertClean(false);
  }

  @Test
  void casts() {
    Tally tally = new Tally();
    List<DataType> types = List.of(DataType.FLOAT32, DataType.FLOAT64, DataType.INT64, DataType.INT32, DataType.INT16,
        DataType.INT8, DataType.UINT8, DataType.BOOL);
    Tally floatToInt = new Tally();
    for (int c = 0; c < 600; c++) {
      DataType from = pick(types);
      DataType to = pick(types);
      boolean toInt = from.isFloatingPoint() && to.isInteger();
      check(toInt ? floatToInt : tally, BuiltinOp.CAST, new OpOptions.Cast(from, to), List.of(tensor(from, shape(2, 5))),
          List.of(to), Match.EXACT);
    }
    tally.assertClean(false);
    floatToInt.assertClean(true); // declines: NaN or out of range, where LiteRT versions differ
  }

  // ---------------------------------------------------------------- reductions

  @Test
  void reductions() {
    Tally tally = new Tally();
    List<BuiltinOp> ops = List.of(BuiltinOp.MEAN, BuiltinOp.SUM, BuiltinOp.REDUCE_PROD, BuiltinOp.REDUCE_MAX,
        BuiltinOp.REDUCE_MIN);
    for (int c = 0; c < 500; c++) {
      BuiltinOp op = pick(ops);
      DataType type = pick(List.of(DataType.FLOAT32, DataType.INT32));
      int[] dims = shape(4, 4);
      if (dims.length == 0) {
        continue;
      }
      int[] axes = new int[random.nextInt(dims.length + 1)];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = random.nextInt(2 * dims.length) - dims.length;
      }
      Tensor x = type == DataType.FLOAT32 ? smallFloats(dims) : tensor(type, dims);
      check(tally, op, new OpOptions.Reducer(random.nextBoolean()), List.of(x, ints(axes)), List.of(type),
          type == DataType.FLOAT32 ? Match.RELATIVE : Match.EXACT);
    }
    tally.assertClean(false);
  }

  /** Finite floats of modest size, so that sums in another order agree to rounding. */
  private Tensor smallFloats(int[] dims) {
    int n = (int) NdIndex.count(dims);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextInt(5) == 0 ? random.nextInt(5) - 2 : (float) random.nextGaussian() * 3;
    }
    return Tensor.constant("x", DataType.FLOAT32, Shape.of(dims), ConstantData.ofFloats(v));
  }

  @Test
  void argMinMax() {
    Tally tally = new Tally();
    for (int c = 0; c < 300; c++) {
      BuiltinOp op = pick(List.of(BuiltinOp.ARG_MAX, BuiltinOp.ARG_MIN));
      int[] dims = shape(4, 4);
      if (dims.length == 0) {
        continue;
      }
      DataType type = pick(List.of(DataType.FLOAT32, DataType.INT32));
      DataType outType = pick(List.of(DataType.INT32, DataType.INT64));
      Tensor x = type == DataType.FLOAT32 && random.nextBoolean() ? smallInts(dims) : tensor(type, dims);
      check(tally, op, new OpOptions.ArgMax(outType),
          List.of(x, scalar(random.nextInt(2 * dims.length) - dims.length)), List.of(outType), Match.EXACT);
    }
    tally.assertClean(true); // declines: inputs with NaN
  }

  /** Floats with many ties. */
  private Tensor smallInts(int[] dims) {
    int n = (int) NdIndex.count(dims);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextInt(3);
    }
    return Tensor.constant("x", DataType.FLOAT32, Shape.of(dims), ConstantData.ofFloats(v));
  }

  // ---------------------------------------------------------------- data movement

  private Tensor iota(DataType type, int[] dims) {
    int n = (int) NdIndex.count(dims);
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = i + 1;
    }
    return Tensor.constant("x", type, Shape.of(dims), Folded.integers(type, dims, v).data());
  }

  @Test
  void stridedSlices() {
    Tally tally = new Tally();
    for (int c = 0; c < 1500; c++) {
      int[] dims = shape(4, 5);
      if (dims.length == 0) {
        continue;
      }
      int count = 1 + random.nextInt(dims.length + 1);
      int[] begin = new int[count];
      int[] end = new int[count];
      int[] strides = new int[count];
      for (int i = 0; i < count; i++) {
        begin[i] = random.nextInt(13) - 6;
        end[i] = random.nextInt(13) - 6;
        strides[i] = random.nextInt(4) == 0 ? -(1 + random.nextInt(3)) : 1 + random.nextInt(2);
      }
      int ellipsis = random.nextInt(5) == 0 ? 1 << random.nextInt(count) : 0;
      int newAxis = random.nextInt(5) == 0 ? random.nextInt(1 << count) : 0;
      OpOptions.StridedSlice o = new OpOptions.StridedSlice(random.nextInt(1 << count), random.nextInt(1 << count),
          ellipsis, newAxis, random.nextInt(3) == 0 ? random.nextInt(1 << count) : 0, false);
      if (random.nextInt(8) == 0 && count == dims.length) {
        // offset: ends are sizes. LiteRT sizes the output from them without checking them against
        // the input (it overruns its buffer otherwise), so only in-range slices are tried.
        for (int i = 0; i < count; i++) {
          begin[i] = random.nextInt(dims[i]);
          end[i] = random.nextInt(dims[i] - begin[i] + 1);
          strides[i] = 1;
        }
        o = new OpOptions.StridedSlice(0, 0, 0, 0, random.nextInt(1 << count), true);
      }
      check(tally, BuiltinOp.STRIDED_SLICE, o, List.of(iota(DataType.INT32, dims), ints(begin), ints(end), ints(strides)),
          List.of(DataType.INT32), Match.EXACT);
    }
    // declines: shrinking an empty range, for which LiteRT writes nothing into its output
    tally.assertClean(true);
    assertTrue(tally.declined < tally.compared / 10, tally.declined + " declined of " + tally.compared);
  }

  @Test
  void gathers() {
    Tally tally = new Tally();
    for (int c = 0; c < 400; c++) {
      int[] dims = shape(4, 4);
      if (dims.length == 0) {
        continue;
      }
      int axis = random.nextInt(dims.length);
      int batchDims = random.nextInt(axis + 1);
      int[] pdims = shape(3, 3);
      if (pdims.length < batchDims) {
        continue;
      }
      System.arraycopy(dims, 0, pdims, 0, batchDims);
      int n = (int) NdIndex.count(pdims);
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = random.nextInt(dims[axis] + (random.nextInt(30) == 0 ? 1 : 0));
      }
      Tensor positions = Tensor.constant("p", DataType.INT32, Shape.of(pdims), ConstantData.ofInts(idx));
      int axisOption = random.nextBoolean() ? axis : axis - dims.length;
      check(tally, BuiltinOp.GATHER, new OpOptions.Gather(axisOption, batchDims),
          List.of(iota(DataType.INT32, dims), positions),
          List.of(DataType.INT32), Match.EXACT);
    }
    tally.assertClean(false);
  }

  @Test
  void layoutOps() {
    Tally tally = new Tally();
    for (int c = 0; c < 200; c++) {
      int[] dims = shape(5, 4);
      if (dims.length == 0) {
        continue; // LiteRT leaves the output of a rank-0 TRANSPOSE unwritten
      }
      List<Integer> axes = new ArrayList<>();
      for (int i = 0; i < dims.length; i++) {
        axes.add(i);
      }
      Collections.shuffle(axes, random);
      DataType type = pick(List.of(DataType.FLOAT32, DataType.INT8, DataType.INT64, DataType.INT16));
      check(tally, BuiltinOp.TRANSPOSE, null, List.of(tensor(type, dims), ints(axes.stream().mapToInt(i -> i).toArray())),
          List.of(type), Match.EXACT);
      int axis = random.nextInt(2 * dims.length + 1) - dims.length - 1;
      check(tally, BuiltinOp.EXPAND_DIMS, null, List.of(tensor(type, dims), scalar(axis)), List.of(type), Match.EXACT);
      check(tally, BuiltinOp.SHAPE, new OpOptions.ShapeOp(DataType.INT32), List.of(tensor(type, dims)),
          List.of(DataType.INT32), Match.EXACT);
    }
    tally.assertClean(false);
  }

  @Test
  void sliceTilePad() {
    Tally tally = new Tally();
    for (int c = 0; c < 300; c++) {
      int[] dims = shape(4, 4);
      Tensor x = iota(DataType.INT32, dims);
      int[] begin = new int[dims.length];
      int[] size = new int[dims.length];
      int[] multiples = new int[dims.length];
      int[] paddings = new int[2 * dims.length];
      for (int a = 0; a < dims.length; a++) {
        begin[a] = random.nextInt(dims[a]);
        size[a] = random.nextInt(4) == 0 ? -1 : random.nextInt(dims[a] - begin[a] + 1);
        multiples[a] = 1 + random.nextInt(2);
        paddings[2 * a] = random.nextInt(3);
        paddings[2 * a + 1] = random.nextInt(3);
      }
      check(tally, BuiltinOp.SLICE, null, List.of(x, ints(begin), ints(size)), List.of(DataType.INT32), Match.EXACT);
      check(tally, BuiltinOp.TILE, null, List.of(x, ints(multiples)), List.of(DataType.INT32), Match.EXACT);
      Tensor pads = Tensor.constant("p", DataType.INT32, Shape.of(dims.length, 2), ConstantData.ofInts(paddings));
      check(tally, BuiltinOp.PAD, null, List.of(x, pads), List.of(DataType.INT32), Match.EXACT);
      check(tally, BuiltinOp.PADV2, null, List.of(x, pads, scalar(-7)), List.of(DataType.INT32), Match.EXACT);
    }
    tally.assertClean(false);
  }

  @Test
  void joinsAndSplits() {
    Tally tally = new Tally();
    for (int c = 0; c < 300; c++) {
      int[] dims = shape(4, 4);
      int n = 1 + random.nextInt(3);
      List<Tensor> parts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        parts.add(tensor(DataType.INT32, dims));
      }
      int packAxis = random.nextInt(2 * dims.length + 2) - dims.length - 1;
      check(tally, BuiltinOp.PACK, new OpOptions.Pack(n, packAxis), parts, List.of(DataType.INT32), Match.EXACT);
      check(tally, BuiltinOp.ADD_N, null, parts, List.of(DataType.INT32), Match.EXACT);
      if (dims.length == 0) {
        continue;
      }
      int axis = random.nextInt(dims.length);
      List<Tensor> pieces = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int[] d = dims.clone();
        d[axis] = 1 + random.nextInt(3);
        pieces.add(tensor(DataType.INT32, d));
      }
      check(tally, BuiltinOp.CONCATENATION, new OpOptions.Concatenation(random.nextBoolean() ? axis : axis - dims.length,
          Activation.NONE), pieces, List.of(DataType.INT32), Match.EXACT);
      Tensor x = iota(DataType.INT32, dims);
      List<DataType> unpacked = Collections.nCopies(dims[axis], DataType.INT32);
      check(tally, BuiltinOp.UNPACK, new OpOptions.Unpack(dims[axis], axis), List.of(x), unpacked, Match.EXACT);
      check(tally, BuiltinOp.SPLIT, new OpOptions.Split(dims[axis]), List.of(scalar(axis), x), unpacked, Match.EXACT);
      int first = random.nextInt(dims[axis] + 1);
      check(tally, BuiltinOp.SPLIT_V, new OpOptions.SplitV(2), List.of(x, ints(first, -1), scalar(axis - dims.length)),
          List.of(DataType.INT32, DataType.INT32), Match.EXACT);
    }
    tally.assertClean(false);
  }

  @Test
  void generatorsAndSelects() {
    Tally tally = new Tally();
    for (int c = 0; c < 200; c++) {
      int start = random.nextInt(21) - 10;
      int delta = random.nextBoolean() ? 1 + random.nextInt(4) : -(1 + random.nextInt(4));
      int limit = start + delta * random.nextInt(6) + random.nextInt(3) - 1;
      check(tally, BuiltinOp.RANGE, null, List.of(scalar(start), scalar(limit), scalar(delta)), List.of(DataType.INT32),
          Match.EXACT);
      float fs = random.nextInt(20) / 4f - 2;
      float fd = (random.nextInt(7) + 1) / 10f * (random.nextBoolean() ? 1 : -1);
      float fl = fs + fd * (random.nextInt(8) + random.nextFloat());
      check(tally, BuiltinOp.RANGE, null, List.of(Fold.f32(fs), Fold.f32(fl), Fold.f32(fd)), List.of(DataType.FLOAT32),
          Match.EXACT);
      int[] dims = shape(3, 3);
      check(tally, BuiltinOp.FILL, null, List.of(ints(dims), Fold.f32(floatValue())), List.of(DataType.FLOAT32), Match.EXACT);
      int[] out = shape(4, 3);
      check(tally, BuiltinOp.SELECT_V2, null, List.of(tensor(DataType.BOOL, broadcastable(out)),
          tensor(DataType.FLOAT32, out), tensor(DataType.FLOAT32, broadcastable(out))), List.of(DataType.FLOAT32), Match.EXACT);
      if (out.length > 0) {
        int[] cond = random.nextBoolean() ? out : new int[] {out[0]};
        check(tally, BuiltinOp.SELECT, null, List.of(tensor(DataType.BOOL, cond), tensor(DataType.INT32, out),
            tensor(DataType.INT32, out)), List.of(DataType.INT32), Match.EXACT);
      }
    }
    tally.assertClean(false);
  }
}
