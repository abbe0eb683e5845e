package io.litertj.quantize;

import io.litertj.ConversionException;
import io.litertj.calibrate.Range;
import io.litertj.calibrate.TensorRanges;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Full integer ({@code static_wi8_ai8}, or {@code static_wi8_ai16} with INT16 activations):
 * rewrites a calibrated float subgraph in place, with float I/O (QUANTIZE after each input,
 * DEQUANTIZE before each output; {@link IoTypeRewriter} changes that afterwards).
 *
 * <p>Walks the operators in order. An op with an integer kernel gets integer activations
 * (in place: its float outputs become INT8/INT16 with params from calibration, fixed params, or
 * its input's params for same-scale ops), per-channel int8 weights and int32/int64 bias. An op
 * without one (or kept float by the user) stays float; integer tensors it reads get a DEQUANTIZE,
 * and float tensors an integer op reads get a QUANTIZE, each made once per tensor.
 */
final class FullIntegerRewriter {

  private static final Logger LOG = Logger.getLogger(FullIntegerRewriter.class.getName());

  private final DataType act;
  private final TensorRanges ranges;
  private final KeepFloat keepFloat;
  private final boolean intOnly;
  private final boolean perChannelDense;

  private final Map<Tensor, Tensor> intTwin = new IdentityHashMap<>();
  private final Map<Tensor, Tensor> floatTwin = new IdentityHashMap<>();
  private final Map<Tensor, Boolean> isInt = new IdentityHashMap<>();
  private final List<Operator> out = new ArrayList<>();
  /** LSTMs made integer ({@link IntegerLstm}), with their output params. */
  private final Map<Operator, QuantizationParams> integerLstms = new IdentityHashMap<>();
  /** The QUANTIZE ops that store a written state into an integer state tensor. */
  private final Map<Operator, Boolean> stateStores = new IdentityHashMap<>();
  /** Ops left in float (no kernel, or kept by the user), for the log. */
  private final List<String> floatOps = new ArrayList<>();
  /** Fused recurrent ops left in float for want of an integer kernel, with why. */
  private final List<String> recurrentNotes = new ArrayList<>();

  FullIntegerRewriter(DataType activations, TensorRanges ranges, KeepFloat keepFloat, boolean intOnly,
      boolean perChannelDense) {
    this.act = activations;
    this.ranges = ranges;
    this.keepFloat = keepFloat;
    this.intOnly = intOnly;
    this.perChannelDense = perChannelDense;
  }

  /** Ops left in float, for the log and the report. */
  List<String> floatOps() {
    return List.copyOf(floatOps);
  }

  void rewrite(Subgraph subgraph) {
    planIntegerLstms(subgraph);
    for (Operator op : subgraph.operators()) {
      if (integerLstms.containsKey(op)) {
        IntegerLstm.quantize(op, intOf(op.input(0)), integerLstms.get(op));
        isInt.put(op.output(0), true);
        out.add(op);
      } else if (stateStores.containsKey(op)) {
        // LiteRT requantizes int8 only to int8: the store reads the written state in float.
        if (Boolean.TRUE.equals(isInt.get(op.input(0)))) {
          op.setInput(0, floatOf(op.input(0)));
        }
        out.add(op);
      } else if (!hasFloatActivation(op)) {
        out.add(op);
      } else if (quantizable(op)) {
        quantize(op);
      } else {
        String why = OpTable.whyFloat(op.op(), act);
        floatOps.add(op.op() + " -> " + op.output(0).name());
        if (why != null && !keepFloat.matches(op)) {
          recurrentNotes.add(op.op() + " -> '" + op.output(0).name() + "' stays float: " + why);
        }
        keepFloat(op);
      }
    }
    for (Map.Entry<String, Tensor> e : subgraph.outputs().entrySet()) {
      Tensor t = e.getValue();
      if (Boolean.TRUE.equals(isInt.get(t))) {
        subgraph.setOutput(e.getKey(), floatOf(t));
      }
    }
    subgraph.replaceOperators(out);
    if (!floatOps.isEmpty()) {
      LOG.info(() -> "kept in float: " + floatOps);
    }
    // A recurrent layer left in float is most of such a model's work: say so where users look.
    recurrentNotes.forEach(note -> LOG.warning(() -> (act == DataType.INT16 ? "16x8" : "int8") + " quantization: "
        + note));
  }

  private boolean quantizable(Operator op) {
    if (keepFloat.matches(op) || writesState(op) || readsIntegerState(op)) {
      return false;
    }
    int wi = OpTable.weightIndex(op.op());
    if (wi >= 0 && wi < op.inputs().size() && op.input(wi) != null && !op.input(wi).isConstant()) {
      // Integer kernels take per-channel symmetric weights fixed at conversion; weights computed
      // at run time have none, so the op stays float.
      if (intOnly) {
        throw ConversionException.builder("op " + op.op() + " (output '" + op.output(0).name() + "') has weights "
            + "computed at run time, which LiteRT's integer kernels cannot take")
            .opType(op.op().name()).hint("allow float fallback, or keep it float with --keep_float " + op.op()).build();
      }
      return false;
    }
    if (COMPARISONS.contains(op.op()) && !comparisonScalesBelowOne(op)) {
      if (intOnly) {
        throw ConversionException.builder("op " + op.op() + " (output '" + op.output(0).name() + "') compares "
            + "values whose range spans 255 or more, which LiteRT's int8 comparison cannot take")
            .opType(op.op().name()).hint("allow float fallback, or keep it float with --keep_float " + op.op()).build();
      }
      return false;
    }
    if (!OpTable.hasKernel(op.op(), act)) {
      if (intOnly) {
        String why = OpTable.whyFloat(op.op(), act);
        throw ConversionException.builder("op " + op.op() + " (output '" + op.output(0).name() + "') has no "
            + act + " kernel in LiteRT" + (why == null ? "" : ": " + why)).opType(op.op().name())
            .hint("allow float fallback, or keep it float with --keep_float " + op.op()).build();
      }
      return false;
    }
    return true;
  }

  /**
   * Picks the LSTMs that become integer and makes their state tensors integer first: the output
   * state gets the output's params, the cell state int16 params. A FILL of zeros before each
   * invocation then fills the zero point; any other writer (a copy of the initial state) writes a
   * float tensor, which a QUANTIZE right after it stores into the state.
   */
  private void planIntegerLstms(Subgraph subgraph) {
    List<Operator> ops = new ArrayList<>(subgraph.operators());
    for (Operator op : subgraph.operators()) {
      if (keepFloat.matches(op) || !IntegerLstm.eligible(op, act, ranges)) {
        continue;
      }
      // The output state shares the output's params, so they also cover an initial h.
      Range r = range(op.output(0));
      Range h0 = initialStateRange(ops, op.input(IntegerLstm.OUTPUT_STATE));
      QuantizationParams output = h0 == null ? ActivationParams.of(act, r.min(), r.max())
          : ActivationParams.of(act, Math.min(r.min(), h0.min()), Math.max(r.max(), h0.max()));
      Range c0 = initialStateRange(ops, op.input(IntegerLstm.CELL_STATE));
      double initialCell = c0 == null ? 0 : Math.max(Math.abs(c0.min()), Math.abs(c0.max()));
      integerLstms.put(op, output);
      makeStateInteger(ops, op.input(IntegerLstm.OUTPUT_STATE), act, output);
      makeStateInteger(ops, op.input(IntegerLstm.CELL_STATE), DataType.INT16, IntegerLstm.cellParams(op, initialCell,
          ranges.get(op.input(IntegerLstm.CELL_STATE))));
    }
    if (!integerLstms.isEmpty()) {
      subgraph.replaceOperators(ops);
    }
  }

  /** The calibrated range of what the state's writer copies in (an initial state), or null for zeros. */
  private Range initialStateRange(List<Operator> ops, Tensor state) {
    for (Operator writer : ops) {
      if (writer.outputs().contains(state)) {
        return writer.op() == BuiltinOp.FILL || writer.inputs().isEmpty() || writer.input(0) == null ? null
            : ranges.get(writer.input(0));
      }
    }
    return null;
  }

  private void makeStateInteger(List<Operator> ops, Tensor state, DataType type, QuantizationParams q) {
    for (int i = 0; i < ops.size(); i++) {
      Operator writer = ops.get(i);
      int slot = writer.outputs().indexOf(state);
      if (slot >= 0 && isZeroFill(writer)) {
        // FILL has int8 and int16 kernels: it writes the zero point directly.
        Tensor zero = writer.input(1);
        writer.setInput(1, type == DataType.INT16
            ? Constants.int16(zero.name() + "_" + type.name().toLowerCase(), Shape.scalar(), new short[] {(short) q.zeroPoint()}, q)
            : Constants.int8(zero.name() + "_" + type.name().toLowerCase(), Shape.scalar(), new byte[] {(byte) q.zeroPoint()}, q));
        break;
      }
      if (slot >= 0) {
        Tensor written = new Tensor(state.name() + "_float", DataType.FLOAT32, state.shape());
        writer.setOutput(slot, written);
        Operator store = new Operator(BuiltinOp.QUANTIZE, List.of(written), List.of(state), new OpOptions.Quantize());
        stateStores.put(store, true);
        ops.add(i + 1, store);
        break;
      }
    }
    state.setType(type);
    state.setQuantization(q);
    isInt.put(state, true);
  }

  private static boolean isZeroFill(Operator op) {
    if (op.op() != BuiltinOp.FILL || op.inputs().size() != 2 || op.input(1) == null || !op.input(1).isConstant()
        || op.input(1).type() != DataType.FLOAT32) {
      return false;
    }
    float[] v = op.input(1).constantFloats();
    return v.length == 1 && v[0] == 0f;
  }

  /** Whether the op reads an integer state tensor and is not the LSTM that owns it: it reads it in float. */
  private boolean readsIntegerState(Operator op) {
    if (integerLstms.containsKey(op)) {
      return false;
    }
    for (Tensor t : op.inputs()) {
      if (t != null && t.isVariable() && Boolean.TRUE.equals(isInt.get(t))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the op writes a variable (state) tensor that a float fused op reads in place: the
   * writer stays float, since a DEQUANTIZE between them would hand the fused op a tensor that is
   * not its state.
   */
  private static boolean writesState(Operator op) {
    for (Tensor t : op.outputs()) {
      if (t != null && t.isVariable()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the op computes on values of the float model: a float input or output, a float
   * constant beside inputs that earlier ops already made integer (LESS(x, 0.0) has a BOOL output,
   * and its constant must be quantized with x or the kernel sees INT8 against FLOAT32), or such an
   * integer activation alone (WHERE, CAST: without a kernel for it, it must read the float value).
   */
  private boolean hasFloatActivation(Operator op) {
    for (Tensor t : op.inputs()) {
      if (t != null && (t.type() == DataType.FLOAT32 || Boolean.TRUE.equals(isInt.get(t)))) {
        return true;
      }
    }
    for (Tensor t : op.outputs()) {
      if (t != null && t.type() == DataType.FLOAT32) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- integer ops

  private void quantize(Operator op) {
    BuiltinOp kind = op.op();
    int wi = OpTable.weightIndex(kind);
    int bi = OpTable.biasIndex(kind);
    for (int i = 0; i < op.inputs().size(); i++) {
      Tensor in = op.input(i);
      if (in == null || in.type() != DataType.FLOAT32 || i == wi || i == bi) {
        continue;
      }
      op.setInput(i, in.isConstant() ? quantizeConstant(op, in) : intOf(in));
    }
    if (wi >= 0 && wi < op.inputs().size() && op.input(wi) != null && op.input(wi).type() == DataType.FLOAT32) {
      quantizeWeightsAndBias(op, wi, bi);
    }
    for (Tensor o : op.outputs()) {
      if (o != null && o.type() == DataType.FLOAT32) {
        o.setQuantization(outputParams(op, o));
        o.setType(act);
        isInt.put(o, true);
      }
    }
    if (OpTable.allSameScale(kind)) {
      requantizeInputs(op);
    }
    if (kind == BuiltinOp.ADD || kind == BuiltinOp.SUB) {
      usePotScaleForInt16(op);
      keepOutputRescaleBelowOne(op);
    } else if (kind == BuiltinOp.SQUARED_DIFFERENCE) {
      keepOutputRescaleBelowOne(op);
    }
    out.add(op);
  }

  /**
   * LiteRT's quantized ADD and SUB bring both inputs to twice the larger input scale, shifted left
   * by 20 bits (int8) or 15 (int16), then to the output scale with a multiplier that must be below
   * one: a failed check there aborts the whole process, it is not an error status. So the output
   * scale must exceed {@code 2 * max(input scales) / 2^shift}; for SQUARED_DIFFERENCE (int8, shift
   * 7) the square of that. An input that calibrated to all zeros (scale 1, as the official
   * converter gives it) beside a narrow output can break it; the output's range is then widened
   * just enough.
   */
  private void keepOutputRescaleBelowOne(Operator op) {
    Tensor o = op.output(0);
    if (o == null || o.type() != act || !o.isQuantized()) {
      return;
    }
    double maxInput = 0;
    for (int i = 0; i < 2 && i < op.inputs().size(); i++) {
      Tensor in = op.input(i);
      if (in != null && in.isQuantized()) {
        maxInput = Math.max(maxInput, in.quantization().scale());
      }
    }
    double least;
    if (op.op() == BuiltinOp.SQUARED_DIFFERENCE) {
      least = (2 * maxInput) * (2 * maxInput) / (1 << 14);
    } else {
      least = 2 * maxInput / (1 << (act == DataType.INT16 ? 15 : 20));
    }
    QuantizationParams q = o.quantization();
    if (q.scale() > least * (1 + 1e-6)) {
      return;
    }
    double widen = least * 1.01 / q.scale(); // 1% over the bound: float rounding cannot bring it back
    Range r = ranges.get(o);
    float min = (float) ((r == null ? -1 : Math.min(r.min(), 0f)) * widen);
    float max = (float) ((r == null ? 1 : Math.max(r.max(), 0f)) * widen);
    if (min == 0 && max == 0) { // an all-zero output: give it the bound's scale directly
      max = (float) (least * 1.01 * (act == DataType.INT16 ? 32767 : 255));
    }
    QuantizationParams wider = ActivationParams.of(act, min, max);
    LOG.fine(() -> op.op() + " -> " + o.name() + ": output scale " + q.scale() + " widened to " + wider.scale()
        + " (LiteRT needs more than " + least + ")");
    o.setQuantization(wider);
  }

  private QuantizationParams outputParams(Operator op, Tensor o) {
    QuantizationParams fixed = FixedOutputParams.of(op.op(), act);
    if (fixed != null) {
      return fixed;
    }
    Tensor data = op.input(OpTable.dataInput(op.op()));
    if (OpTable.outputSameAsInput(op.op()) && data != null && data.isQuantized()) {
      return data.quantization();
    }
    Range r = range(o);
    return ActivationParams.of(act, r.min(), r.max());
  }

  /** Concatenation-like ops: every input must carry the output's params; differing ones are requantized. */
  private void requantizeInputs(Operator op) {
    QuantizationParams target = op.output(0).quantization();
    for (int i = 0; i < op.inputs().size(); i++) {
      Tensor in = op.input(i);
      if (in == null || in.type() != act || sameParams(in.quantization(), target)) {
        continue;
      }
      Tensor re = new Tensor(in.name() + "_requantized", act, in.shape());
      re.setQuantization(target);
      out.add(new Operator(BuiltinOp.QUANTIZE, List.of(in), List.of(re), new OpOptions.Quantize()));
      op.setInput(i, re);
    }
  }

  private static boolean sameParams(QuantizationParams a, QuantizationParams b) {
    return a != null && b != null && a.scale() == b.scale() && a.zeroPoint() == b.zeroPoint();
  }

  /**
   * Params for a non-weight constant: its own range; the output's params for ops whose inputs and
   * output share them (a constant operand of CONCATENATION or SELECT needs no requantizing); the
   * input's params where the op needs them shared (PADV2's pad value); and for an all-zero constant, the params of the op's quantized
   * activation input (zero is exact in any params, and a scale of 1 would be far off the other
   * input's, which LiteRT's rescaling kernels handle badly or not at all).
   */
  private QuantizationParams constantParams(Operator op, Tensor c, float[] v) {
    Tensor o = op.outputs().isEmpty() ? null : op.output(0);
    if (OpTable.allSameScale(op.op()) && o != null && o.type() == DataType.FLOAT32 && ranges.get(o) != null) {
      return ActivationParams.of(act, ranges.get(o).min(), ranges.get(o).max()); // what the output will get
    }
    Tensor data = op.input(OpTable.dataInput(op.op()));
    if ((OpTable.outputSameAsInput(op.op()) || OpTable.allSameScale(op.op())) && data != null
        && data.isQuantized() && data != c) {
      return data.quantization();
    }
    float min = 0;
    float max = 0;
    for (float x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    if (min == 0 && max == 0) {
      for (Tensor in : op.inputs()) {
        if (in == null || in == c || in.isConstant()) {
          continue;
        }
        if (in.isQuantized() && in.quantization().isPerTensor()) {
          return in.quantization();
        }
        if (in.type() == DataType.FLOAT32 && ranges.get(in) != null) { // not quantized yet: what it will get
          return ActivationParams.of(act, ranges.get(in).min(), ranges.get(in).max());
        }
      }
    }
    return ActivationParams.of(act, min, max);
  }

  private static final java.util.Set<BuiltinOp> COMPARISONS = java.util.EnumSet.of(BuiltinOp.LESS, BuiltinOp.GREATER,
      BuiltinOp.LESS_EQUAL, BuiltinOp.GREATER_EQUAL, BuiltinOp.EQUAL, BuiltinOp.NOT_EQUAL);

  /**
   * LiteRT's int8 comparisons turn each input's scale itself into a multiplier that must be below
   * one (a failed check aborts the process): an input whose range spans 255 or more cannot be
   * compared in int8. Such a comparison stays float.
   */
  private boolean comparisonScalesBelowOne(Operator op) {
    for (Tensor in : op.inputs()) {
      if (in == null) {
        continue;
      }
      float scale;
      if (in.isQuantized() && in.type() == act) {
        scale = in.quantization().scale();
      } else if (in.isConstant() && in.type() == DataType.FLOAT32) {
        scale = constantParams(op, in, in.constantFloats()).scale();
      } else if (in.type() == DataType.FLOAT32 && ranges.get(in) != null) {
        Range r = ranges.get(in);
        scale = ActivationParams.of(act, r.min(), r.max()).scale();
      } else {
        continue;
      }
      if (scale >= 1) {
        return false;
      }
    }
    return true;
  }

  private void usePotScaleForInt16(Operator op) {
    // 16x8 ADD/SUB with general scales needs pot_scale_int16 = false (the general kernel).
    if (act == DataType.INT16) {
      if (op.options() instanceof OpOptions.Add a) {
        op.setOptions(new OpOptions.Add(a.activation(), false));
      } else if (op.options() instanceof OpOptions.Sub s) {
        op.setOptions(new OpOptions.Sub(s.activation(), false));
      }
    }
  }

  /** A float constant read by an integer op that is not a weight: per-tensor params from its own values. */
  private Tensor quantizeConstant(Operator op, Tensor c) {
    float[] v = c.constantFloats();
    QuantizationParams q = constantParams(op, c, v);
    float scale = q.scale();
    long zp = q.zeroPoint();
    long lo = act == DataType.INT16 ? -32768 : -128;
    long hi = act == DataType.INT16 ? 32767 : 127;
    long[] values = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      values[i] = Math.max(lo, Math.min(hi, ActivationParams.roundHalfAway(v[i] / scale) + zp));
    }
    Tensor t;
    if (act == DataType.INT16) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      for (long x : values) {
        b.putShort((short) x);
      }
      t = Tensor.constant(c.name(), DataType.INT16, c.shape(), io.litertj.ir.ConstantData.of(b.array()));
      t.setQuantization(q);
    } else {
      byte[] bytes = new byte[v.length];
      for (int i = 0; i < v.length; i++) {
        bytes[i] = (byte) values[i];
      }
      t = Constants.int8(c.name(), c.shape(), bytes, q);
    }
    return t;
  }

  private void quantizeWeightsAndBias(Operator op, int wi, int bi) {
    Tensor w = op.input(wi);
    if (!w.isConstant()) {
      throw new ConversionException("op " + op.op() + " (output '" + op.output(0).name()
          + "') has non-constant weights '" + w.name() + "'; full-integer quantization needs constant weights");
    }
    float[] values = w.constantFloats();
    int[] shape = w.shape().dims();
    int axis = OpTable.weightAxis(op.op(), perChannelDense);
    float[] scales = WeightQuantizer.scales(values, shape, axis);
    Tensor bias = bi >= 0 && bi < op.inputs().size() ? op.input(bi) : null;
    float inputScale = op.input(OpTable.activationIndex(op.op())).quantization().scale();
    float[] b = bias != null && bias.isConstant() && bias.type() == DataType.FLOAT32 ? bias.constantFloats() : null;
    if (b != null && act == DataType.INT8) {
      scales = BiasQuantizer.widenForInt32(b, inputScale, scales);
    }
    op.setInput(wi, Constants.int8(w.name(), w.shape(), WeightQuantizer.quantize(values, shape, axis, scales),
        Constants.symmetric(scales, axis)));
    if (b != null) {
      float[] bs = BiasQuantizer.scales(inputScale, scales, b.length);
      requireRepresentable(op, w, bias, inputScale, scales, bs);
      QuantizationParams q = Constants.symmetric(bs, bs.length == 1 ? -1 : 0);
      op.setInput(bi, act == DataType.INT16
          ? Constants.int64(bias.name(), bias.shape(), BiasQuantizer.quantizeInt64(b, bs), q)
          : Constants.int32(bias.name(), bias.shape(), BiasQuantizer.quantizeInt32(b, bs), q));
    }
  }

  /**
   * The bias scale is input scale × weight scale, a float: with weights and activations of extreme
   * magnitude (1e37 and 1e35, say) it overflows to infinity, or underflows to 0, and no integer
   * kernel can use it. That is the model's values, not a choice we could make differently.
   */
  private static void requireRepresentable(Operator op, Tensor w, Tensor bias, float inputScale, float[] weightScales,
      float[] biasScales) {
    for (int c = 0; c < biasScales.length; c++) {
      float s = biasScales[c];
      if (!(s > 0) || Float.isInfinite(s)) {
        float ws = weightScales[weightScales.length == 1 ? 0 : c];
        throw ConversionException.builder("full-integer quantization of " + op.op() + " (output '"
                + op.output(0).name() + "') needs a bias scale of input scale " + inputScale + " x weight scale "
                + ws + " = " + s + " for '" + bias.name() + "', which a float cannot hold: the weights '" + w.name()
                + "' or the input's range are too extreme to quantize")
            .opType(op.op().name())
            .hint("check the weights for damaged or exploding values, or keep this op in float (--keep_float "
                + op.op().name() + ")")
            .build();
      }
    }
  }

  // ---------------------------------------------------------------- float ops

  private void keepFloat(Operator op) {
    for (int i = 0; i < op.inputs().size(); i++) {
      Tensor in = op.input(i);
      if (in != null && Boolean.TRUE.equals(isInt.get(in))) {
        op.setInput(i, floatOf(in));
      }
    }
    out.add(op);
  }

  // ---------------------------------------------------------------- twins

  /** The integer form of an activation: itself if integer already, else a QUANTIZE of it (made once). */
  private Tensor intOf(Tensor t) {
    if (Boolean.TRUE.equals(isInt.get(t))) {
      return t;
    }
    return intTwin.computeIfAbsent(t, f -> {
      Range r = range(f);
      Tensor q = new Tensor(f.name() + "_" + act.name().toLowerCase(), act, f.shape());
      q.setQuantization(ActivationParams.of(act, r.min(), r.max()));
      isInt.put(q, true);
      out.add(new Operator(BuiltinOp.QUANTIZE, List.of(f), List.of(q), new OpOptions.Quantize()));
      return q;
    });
  }

  /** The float form of an integer activation: a DEQUANTIZE of it (made once). */
  private Tensor floatOf(Tensor t) {
    return floatTwin.computeIfAbsent(t, q -> {
      Tensor f = new Tensor(q.name() + "_dequantized", DataType.FLOAT32, q.shape());
      out.add(new Operator(BuiltinOp.DEQUANTIZE, List.of(q), List.of(f), new OpOptions.Dequantize()));
      return f;
    });
  }

  private Range range(Tensor t) {
    Range r = ranges.get(t);
    if (r == null) {
      throw new ConversionException("no calibration range for tensor '" + t.name()
          + "': the representative dataset did not reach it (is its subgraph's input in the dataset?)");
    }
    return r;
  }
}
