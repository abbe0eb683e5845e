package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Replaces WHILE loops that compute an LSTM or a SimpleRNN ({@link RecurrentLoopMatcher}) with
 * UNIDIRECTIONAL_SEQUENCE_LSTM or UNIDIRECTIONAL_SEQUENCE_RNN: one operator for the whole
 * sequence, as for a Keras file's layer. Keras 3 SavedModels hold such loops with a dynamic batch,
 * which the official converter cannot lower at all.
 *
 * <p>The fused kernels keep h (and c) in variable tensors. As for Keras files, an op before the
 * fused one writes them on every invocation: a FILL where the loop started from a FILL of zeros,
 * else a copy of the initial state. The loop's results become: the sequence (every step), its last
 * step (the list of one, and the final h), the cell-state tensor read after the op (the final c),
 * the step count (counters), and the unchanged inputs (invariants).
 */
final class FuseRecurrentLoops {

  private static final Logger LOG = Logger.getLogger(FuseRecurrentLoops.class.getName());

  private FuseRecurrentLoops() {}

  /** Fuses every recognized loop whose cond and body no other operator runs; returns whether any. */
  static boolean run(LiteRtModel model) {
    Map<Subgraph, Integer> calls = PruneLoopValues.callCounts(model);
    boolean any = false;
    for (Subgraph g : model.allSubgraphs()) {
      for (Operator op : new ArrayList<>(g.operators())) {
        if (op.options() instanceof OpOptions.While w && calls.get(w.cond()) == 1 && calls.get(w.body()) == 1) {
          Optional<RecurrentLoop> loop = RecurrentLoopMatcher.match(op);
          if (loop.isPresent()) {
            new Rewrite(g, loop.get()).apply();
            any = true;
          }
        }
      }
    }
    return any;
  }

  /** The replacement of one loop in its subgraph. */
  private static final class Rewrite {
    private final Subgraph g;
    private final RecurrentLoop m;
    private final Operator loop;
    private final TensorNames names;
    private final GraphIndex index;
    private final List<Operator> emitted = new ArrayList<>();
    private final String prefix;
    private final int units;
    private final boolean timeMajor;
    private final Tensor sequence;

    Rewrite(Subgraph g, RecurrentLoop m) {
      this.g = g;
      this.m = m;
      this.loop = m.loop();
      this.names = TensorNames.of(g);
      this.index = GraphIndex.of(g);
      String first = loop.output(0).name();
      this.prefix = (first.contains(":") ? first.substring(0, first.lastIndexOf(':')) : first) + "/fused";
      this.units = m.cell().units();
      // A [B, T, I] input transposed to time-major for the loop is read as it is.
      Tensor timeMajorSequence = loop.input(m.sequence());
      Tensor batchMajor = untransposed(timeMajorSequence);
      this.timeMajor = batchMajor == null;
      this.sequence = timeMajor ? timeMajorSequence : batchMajor;
    }

    void apply() {
      List<Tensor> states = new ArrayList<>();
      states.add(state(m.cell().hidden()));
      if (m.cell() instanceof RecurrentLoop.Lstm l) {
        states.add(state(l.cellState()));
      }
      Tensor seq = m.cell() instanceof RecurrentLoop.Lstm l ? lstm(l, states) : rnn((RecurrentLoop.Rnn) m.cell(),
          states.get(0));
      Map<Tensor, Tensor> results = new IdentityHashMap<>();
      Map<Tensor, Integer> uses = g.useCounts();
      Tensor last = null;
      for (int i = 0; i < loop.outputs().size(); i++) {
        Tensor out = loop.output(i);
        if (!uses.containsKey(out) && !g.outputs().containsValue(out)) {
          continue;
        }
        Tensor value;
        if (m.invariants().contains(i)) {
          value = loop.input(i);
        } else if (m.counters().contains(i)) {
          value = Tensor.constant(names.unique(prefix + "/steps"), DataType.INT32, Shape.scalar(),
              ConstantData.ofInts(m.steps()));
        } else if (i == m.outputs()) {
          value = m.everyStep() ? timeMajorSequence(seq) : lastStep(seq, true);
        } else if (i == m.cell().hidden()) {
          last = last != null ? last : lastStep(seq, false);
          value = last;
        } else {
          // The final c, where the kernel leaves it.
          value = emit(BuiltinOp.RESHAPE, List.of(states.get(1), int32("cell_shape", -1, units)), "final_c",
              DataType.FLOAT32, out.shape(), new OpOptions.Reshape(new int[] {-1, units}));
        }
        results.put(out, value);
      }
      List<Operator> ops = new ArrayList<>();
      for (Operator op : g.operators()) {
        if (op == loop) {
          ops.addAll(emitted);
          continue;
        }
        for (int k = 0; k < op.inputs().size(); k++) {
          Tensor now = results.get(op.input(k));
          if (now != null) {
            op.setInput(k, now);
          }
        }
        ops.add(op);
      }
      g.replaceOperators(ops);
      for (Map.Entry<String, Tensor> e : new ArrayList<>(g.outputs().entrySet())) {
        Tensor now = results.get(e.getValue());
        if (now != null) {
          g.setOutput(e.getKey(), now);
        }
      }
      LOG.fine(() -> g.name() + ": the loop " + loop.output(0).name() + " became "
          + (m.cell() instanceof RecurrentLoop.Lstm ? "UNIDIRECTIONAL_SEQUENCE_LSTM" : "UNIDIRECTIONAL_SEQUENCE_RNN")
          + " over " + m.steps() + " steps");
    }

    private Tensor lstm(RecurrentLoop.Lstm cell, List<Tensor> states) {
      String[] gates = {"input", "forget", "cell", "output"};
      List<Tensor> inputs = new ArrayList<>();
      inputs.add(sequence);
      int features = sequence.shape().dim(2);
      for (int k = 0; k < 4; k++) {
        inputs.add(rows(cell.affine().inputWeights(), cell.gateRows()[k], features, gates[k] + "_kernel"));
      }
      for (int k = 0; k < 4; k++) {
        inputs.add(rows(cell.affine().recurrentWeights(), cell.gateRows()[k], units, gates[k] + "_recurrent_kernel"));
      }
      inputs.addAll(Arrays.asList(null, null, null)); // no peepholes
      for (int k = 0; k < 4; k++) {
        int from = cell.gateRows()[k] * units;
        inputs.add(ConstantMath.floatConstant(names.unique(prefix + "/" + gates[k] + "_bias"), Shape.of(units),
            Arrays.copyOfRange(cell.affine().bias(), from, from + units)));
      }
      inputs.addAll(Arrays.asList(null, null)); // no projection
      inputs.addAll(states);
      inputs.addAll(Arrays.asList(null, null, null, null)); // no layer normalization
      return emit(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, inputs, "lstm", DataType.FLOAT32, sequenceShape(),
          new OpOptions.UnidirectionalSequenceLstm(cell.activation(), 0f, 0f, timeMajor, false, false));
    }

    private Tensor rnn(RecurrentLoop.Rnn cell, Tensor state) {
      int features = sequence.shape().dim(2);
      List<Tensor> inputs = List.of(sequence, rows(cell.affine().inputWeights(), 0, features, "kernel"),
          rows(cell.affine().recurrentWeights(), 0, units, "recurrent_kernel"),
          ConstantMath.floatConstant(names.unique(prefix + "/bias"), Shape.of(units), cell.affine().bias()), state);
      return emit(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN, inputs, "rnn", DataType.FLOAT32, sequenceShape(),
          new OpOptions.SequenceRnn(timeMajor, cell.activation(), false));
    }

    /** Rows {@code block*U .. (block+1)*U} of [G*U, width] weights. */
    private Tensor rows(Tensor weights, int block, int width, String suffix) {
      float[] all = weights.constantFloats();
      float[] out = Arrays.copyOfRange(all, block * units * width, (block + 1) * units * width);
      return ConstantMath.floatConstant(names.unique(prefix + "/" + suffix), Shape.of(units, width), out);
    }

    /**
     * The state tensor for loop value {@code v}, written before the fused op on every invocation:
     * a FILL like the one the loop started from, or a copy of the initial value.
     */
    private Tensor state(int v) {
      Tensor initial = loop.input(v);
      Shape shape = Shape.of(initial.shape().dim(0), units);
      Operator fill = index.producer(initial);
      Tensor state;
      if (fill != null && fill.op() == BuiltinOp.FILL && fill.inputs().size() == 2 && ConstantMath.isAll(fill.input(1), 0f)) {
        state = emit(BuiltinOp.FILL, List.of(fill.input(0), fill.input(1)), "state", DataType.FLOAT32, shape,
            new OpOptions.Fill());
      } else if (ConstantMath.isAll(initial, 0f) && shape.isStatic()) {
        // Zeros of a static batch (the FILL already folded): filled again, which stays exact in int8.
        state = emit(BuiltinOp.FILL, List.of(int32("state_dims", shape.dims()), ConstantMath.floatConstant(
            names.unique(prefix + "/zero"), Shape.scalar(), new float[] {0f})), "state", DataType.FLOAT32, shape,
            new OpOptions.Fill());
      } else {
        state = emit(BuiltinOp.RESHAPE, List.of(initial, int32("state_shape", -1, units)), "state", DataType.FLOAT32,
            shape, new OpOptions.Reshape(new int[] {-1, units}));
      }
      state.setVariable(true);
      return state;
    }

    private Shape sequenceShape() {
      return sequence.shape().withDim(2, units);
    }

    /** The output sequence (or its last step) as the loop's list held it, [T, B, U]. */
    private Tensor timeMajorSequence(Tensor seq) {
      if (timeMajor) {
        return seq;
      }
      Shape s = seq.shape();
      return emit(BuiltinOp.TRANSPOSE, List.of(seq, int32("perm", 1, 0, 2)), "sequence", DataType.FLOAT32,
          Shape.of(s.dim(1), s.dim(0), s.dim(2)), new OpOptions.Transpose());
    }

    /** The last step, [B, U], or [1, B, U] when {@code keepTime} (a list that held only the last step). */
    private Tensor lastStep(Tensor seq, boolean keepTime) {
      int t = timeMajor ? 0 : 1;
      int others = 0b111 & ~(1 << t);
      int[] begin = new int[3];
      begin[t] = -1;
      int batch = seq.shape().dim(timeMajor ? 1 : 0);
      if (keepTime) {
        // [1, B, U] in the loop's time-major layout.
        Tensor step = emit(BuiltinOp.STRIDED_SLICE, List.of(seq, int32("last_begin", begin), int32("last_end", 0, 0, 0),
            int32("last_strides", 1, 1, 1)), "last_step", DataType.FLOAT32,
            timeMajor ? Shape.of(1, batch, units) : Shape.of(batch, 1, units),
            new OpOptions.StridedSlice(others, 0b111, 0, 0, 0, false));
        return timeMajor ? step : timeMajorSequence(step);
      }
      return emit(BuiltinOp.STRIDED_SLICE, List.of(seq, int32("last_begin", begin), int32("last_end", 0, 0, 0),
          int32("last_strides", 1, 1, 1)), "last_h", DataType.FLOAT32, Shape.of(batch, units),
          new OpOptions.StridedSlice(others, others, 0, 0, 1 << t, false));
    }

    /** The [B, T, I] tensor a TRANSPOSE by [1, 0, 2] made {@code t} from, or null. */
    private Tensor untransposed(Tensor t) {
      Operator p = index.producer(t);
      if (p == null || p.op() != BuiltinOp.TRANSPOSE || p.inputs().size() != 2 || !p.input(1).isConstant()
          || !Arrays.equals(p.input(1).constantLongs(), new long[] {1, 0, 2}) || p.input(0).shape().rank() != 3) {
        return null;
      }
      return p.input(0);
    }

    private Tensor emit(BuiltinOp op, List<Tensor> inputs, String name, DataType type, Shape shape,
        OpOptions options) {
      Tensor out = new Tensor(names.unique(prefix + "/" + name), type, shape);
      emitted.add(new Operator(op, inputs, List.of(out), options));
      return out;
    }

    private Tensor int32(String name, int... values) {
      return Tensor.constant(names.unique(prefix + "/" + name), DataType.INT32, Shape.of(values.length),
          ConstantData.ofInts(values));
    }
  }
}
