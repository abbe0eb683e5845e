package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Recognizes a recurrent layer's time loop by what its body computes, not by names or attributes:
 * Keras 3 writes it so, tf_keras's {@code api_implements} functions hold the same loop, and so does
 * a hand-written {@code tf.while_loop}. Every output of the body must be matched exactly (an
 * LSTM or SimpleRNN step, a counter, an invariant or the list write), so a loop that computes
 * anything else, or in another order, stays a WHILE.
 */
final class RecurrentLoopMatcher {

  private final Operator loop;
  private final GraphIndex body;
  private final List<Tensor> bodyIn;
  private final List<Tensor> bodyOut;
  private final List<Tensor> condIn;
  private final Subgraph condGraph;

  private RecurrentLoopMatcher(Operator loop, OpOptions.While w) {
    this.loop = loop;
    this.condGraph = w.cond();
    this.body = GraphIndex.of(w.body());
    this.bodyIn = new ArrayList<>(w.body().inputs().values());
    this.bodyOut = new ArrayList<>(w.body().outputs().values());
    this.condIn = new ArrayList<>(w.cond().inputs().values());
  }

  /** The loop's recurrent reading, or empty when it is not one. */
  static Optional<RecurrentLoop> match(Operator loop) {
    if (loop.op() != BuiltinOp.WHILE || !(loop.options() instanceof OpOptions.While w)) {
      return Optional.empty();
    }
    int n = loop.inputs().size();
    if (w.body().inputs().size() != n || w.body().outputs().size() != n || w.cond().inputs().size() != n
        || w.cond().outputs().size() != 1 || loop.outputs().size() != n) {
      return Optional.empty();
    }
    return new RecurrentLoopMatcher(loop, w).match();
  }

  /**
   * The loop's constant trip count when its cond is {@code counter < N} (or a LOGICAL_AND of such)
   * over counters that start at 0 and grow by 1; -1 otherwise.
   */
  static int steps(Operator loop) {
    if (loop.op() != BuiltinOp.WHILE || !(loop.options() instanceof OpOptions.While w)
        || w.body().inputs().size() != loop.inputs().size() || w.body().outputs().size() != loop.inputs().size()
        || w.cond().inputs().size() != loop.inputs().size() || w.cond().outputs().size() != 1) {
      return -1;
    }
    RecurrentLoopMatcher m = new RecurrentLoopMatcher(loop, w);
    List<Integer> counters = new ArrayList<>();
    for (int i = 0; i < m.bodyIn.size(); i++) {
      if (m.bodyOut.get(i) != m.bodyIn.get(i) && m.isCounter(i)) {
        counters.add(i);
      }
    }
    return m.tripCount(m.condGraph.outputs().values().iterator().next(), counters);
  }

  private Optional<RecurrentLoop> match() {
    int n = bodyIn.size();
    List<Integer> counters = new ArrayList<>();
    List<Integer> invariants = new ArrayList<>();
    List<Integer> states = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (bodyOut.get(i) == bodyIn.get(i)) {
        invariants.add(i);
      } else if (isCounter(i)) {
        counters.add(i);
      } else {
        states.add(i);
      }
    }
    int steps = tripCount(condGraph.outputs().values().iterator().next(), counters);
    if (steps <= 0) {
      return Optional.empty();
    }
    // The one read: GATHER(sequence, t) of an invariant [T, B, I] list, t a counter.
    Operator read = null;
    int sequence = -1;
    int time = -1;
    for (int inv : invariants) {
      for (Operator r : body.readers(bodyIn.get(inv))) {
        if (read != null || r.op() != BuiltinOp.GATHER || r.inputs().size() != 2 || r.input(0) != bodyIn.get(inv)
            || !(r.options() instanceof OpOptions.Gather g) || g.axis() != 0 || g.batchDims() != 0
            || !counters.contains(bodyIn.indexOf(r.input(1)))) {
          return Optional.empty();
        }
        read = r;
        sequence = inv;
        time = bodyIn.indexOf(r.input(1));
      }
    }
    if (read == null) {
      return Optional.empty();
    }
    Shape seq = loop.input(sequence).shape();
    if (seq.rank() != 3 || seq.dim(0) != steps || seq.dim(2) < 0 || loop.input(sequence).type() != DataType.FLOAT32) {
      return Optional.empty();
    }
    // The list write: one state value the body writes h into at t (every step) or at 0 (last only).
    int outputs = -1;
    ListWrite write = null;
    for (int s : states) {
      Optional<ListWrite> w = ListWrite.of(body, bodyOut.get(s), bodyIn.get(s), bodyIn.get(time));
      if (w.isPresent()) {
        if (write != null) {
          return Optional.empty();
        }
        write = w.get();
        outputs = s;
      }
    }
    if (write == null) {
      return Optional.empty();
    }
    int listLength = loop.input(outputs).shape().dim(0);
    boolean everyStep = write.atTime() && listLength == steps;
    if (!everyStep && !(write.constantIndex() == 0 && listLength == 1)) {
      return Optional.empty();
    }
    List<Integer> cellStates = new ArrayList<>(states);
    cellStates.remove(Integer.valueOf(outputs));
    Tensor xt = read.output(0);
    Optional<RecurrentLoop.Cell> cell = switch (cellStates.size()) {
      case 1 -> rnn(cellStates.get(0), xt, write.value());
      case 2 -> lstm(cellStates, xt, write.value());
      default -> Optional.empty();
    };
    if (cell.isEmpty() || !statesFit(cell.get(), seq)) {
      return Optional.empty();
    }
    return Optional.of(new RecurrentLoop(loop, steps, sequence, counters, invariants, outputs, everyStep, cell.get()));
  }

  /** Starts at the constant 0 and the body adds the constant 1. */
  private boolean isCounter(int i) {
    if (!isIntScalar(loop.input(i), 0)) {
      return false;
    }
    Operator add = body.producer(bodyOut.get(i));
    if (add == null || add.op() != BuiltinOp.ADD || add.inputs().size() != 2 || Activations.of(add.options()) != Activation.NONE) {
      return false;
    }
    Tensor in = bodyIn.get(i);
    return add.input(0) == in && isIntScalar(add.input(1), 1) || add.input(1) == in && isIntScalar(add.input(0), 1);
  }

  /**
   * The number of iterations when the cond is {@code counter < N} or a LOGICAL_AND of such, with
   * every counter starting at 0; -1 otherwise.
   */
  private int tripCount(Tensor predicate, List<Integer> counters) {
    Operator p = condGraph.producer(predicate);
    if (p == null) {
      return -1;
    }
    if (p.op() == BuiltinOp.LOGICAL_AND && p.inputs().size() == 2) {
      int a = tripCount(p.input(0), counters);
      int b = tripCount(p.input(1), counters);
      return a < 0 || b < 0 ? -1 : Math.min(a, b);
    }
    if (p.op() == BuiltinOp.LESS && p.inputs().size() == 2 && counters.contains(condIn.indexOf(p.input(0)))
        && p.input(1).isConstant() && p.input(1).type() == DataType.INT32 && p.input(1).shape().numElements() == 1) {
      long bound = p.input(1).constantLongs()[0];
      return bound > 0 && bound <= Integer.MAX_VALUE ? (int) bound : -1;
    }
    return -1;
  }

  /** h' = act(x W^T + h R^T + b), the activation an op of its own or fused into the last ADD. */
  private Optional<RecurrentLoop.Cell> rnn(int hidden, Tensor xt, Tensor written) {
    Tensor hOut = bodyOut.get(hidden);
    if (written != hOut) {
      return Optional.empty();
    }
    int units = bodyIn.get(hidden).shape().rank() == 2 ? bodyIn.get(hidden).shape().dim(1) : -1;
    if (units <= 0) {
      return Optional.empty();
    }
    Activation act;
    Tensor z;
    Operator p = body.producer(hOut);
    Activation standalone = p == null ? null : standaloneActivation(p);
    if (standalone != null) {
      act = standalone;
      z = p.input(0);
    } else if (p != null && p.op() == BuiltinOp.ADD && fusable(Activations.of(p.options()))) {
      act = Activations.of(p.options());
      z = hOut;
    } else {
      return Optional.empty();
    }
    Optional<RecurrentLoop.Affine> affine = AffineSum.of(body, z, xt, bodyIn.get(hidden), units, act != Activation.NONE
        && standalone == null);
    return affine.map(a -> new RecurrentLoop.Rnn(a, act, hidden, units));
  }

  /** c' = f*c + i*act(g), h' = o*act(c'), with f, i, o sigmoids of one SPLIT of the affine map. */
  private Optional<RecurrentLoop.Cell> lstm(List<Integer> pair, Tensor xt, Tensor written) {
    int hidden = bodyOut.get(pair.get(0)) == written ? pair.get(0) : pair.get(1);
    int cellState = hidden == pair.get(0) ? pair.get(1) : pair.get(0);
    if (bodyOut.get(hidden) != written) {
      return Optional.empty();
    }
    Tensor cIn = bodyIn.get(cellState);
    Tensor cOut = bodyOut.get(cellState);
    Operator hMul = producer(bodyOut.get(hidden), BuiltinOp.MUL);
    if (hMul == null) {
      return Optional.empty();
    }
    for (int order = 0; order < 2; order++) {
      Tensor gate = hMul.input(order);
      Operator outAct = body.producer(hMul.input(1 - order));
      Activation act = outAct == null ? null : standaloneActivation(outAct);
      Operator o = sigmoidOfSplit(gate);
      if (act == null || o == null || outAct.input(0) != cOut) {
        continue;
      }
      Operator cAdd = producer(cOut, BuiltinOp.ADD);
      if (cAdd == null) {
        return Optional.empty();
      }
      for (int side = 0; side < 2; side++) {
        Optional<RecurrentLoop.Cell> found = lstmCell(cAdd.input(side), cAdd.input(1 - side), cIn, act, gate, hidden,
            cellState, xt);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** {@code forget} = σ(z_f)*c and {@code update} = σ(z_i)*act(z_g), all from one SPLIT in four. */
  private Optional<RecurrentLoop.Cell> lstmCell(Tensor forget, Tensor update, Tensor cIn, Activation act,
      Tensor outputGate, int hidden, int cellState, Tensor xt) {
    Operator fMul = producer(forget, BuiltinOp.MUL);
    Operator uMul = producer(update, BuiltinOp.MUL);
    if (fMul == null || uMul == null) {
      return Optional.empty();
    }
    Tensor fGate = fMul.input(0) == cIn ? fMul.input(1) : fMul.input(1) == cIn ? fMul.input(0) : null;
    if (fGate == null) {
      return Optional.empty();
    }
    for (int order = 0; order < 2; order++) {
      Tensor iGate = uMul.input(order);
      Operator gAct = body.producer(uMul.input(1 - order));
      if (gAct == null || standaloneActivation(gAct) != act) {
        continue;
      }
      Operator split = body.producer(iGate) == null ? null : sigmoidOfSplit(iGate);
      Tensor g = gAct.input(0);
      Operator gSplit = body.producer(g);
      if (split == null || gSplit != split || sigmoidOfSplit(fGate) != split || sigmoidOfSplit(outputGate) != split) {
        continue;
      }
      int[] rows = {split.outputs().indexOf(body.producer(iGate).input(0)),
          split.outputs().indexOf(body.producer(fGate).input(0)), split.outputs().indexOf(g),
          split.outputs().indexOf(body.producer(outputGate).input(0))};
      if (Arrays.stream(rows).distinct().count() != 4) {
        continue;
      }
      int units = bodyIn.get(hidden).shape().dim(1);
      Optional<RecurrentLoop.Affine> affine = AffineSum.of(body, split.input(1), xt, bodyIn.get(hidden), 4 * units,
          false);
      if (affine.isPresent()) {
        return Optional.of(new RecurrentLoop.Lstm(affine.get(), rows, act, hidden, cellState, units));
      }
    }
    return Optional.empty();
  }

  /** The SPLIT in four along the last axis whose output {@code gate} is the sigmoid of, or null. */
  private Operator sigmoidOfSplit(Tensor gate) {
    Operator sigmoid = body.producer(gate);
    if (sigmoid == null || sigmoid.op() != BuiltinOp.LOGISTIC || sigmoid.inputs().size() != 1) {
      return null;
    }
    Operator split = body.producer(sigmoid.input(0));
    if (split == null || split.op() != BuiltinOp.SPLIT || split.outputs().size() != 4 || split.inputs().size() != 2
        || !split.input(0).isConstant() || split.input(1).shape().rank() != 2) {
      return null;
    }
    long axis = split.input(0).constantLongs()[0];
    return axis == 1 || axis == -1 ? split : null;
  }

  /** The op of that kind with no fused activation computing {@code t}, or null. */
  private Operator producer(Tensor t, BuiltinOp op) {
    Operator p = body.producer(t);
    return p != null && p.op() == op && p.inputs().size() == 2 && Activations.of(p.options()) == Activation.NONE ? p : null;
  }

  /** TANH, RELU or RELU6 as an op of its own: the activations LiteRT's fused kernels apply. */
  private static Activation standaloneActivation(Operator op) {
    if (op.inputs().size() != 1) {
      return null;
    }
    return switch (op.op()) {
      case TANH -> Activation.TANH;
      case RELU -> Activation.RELU;
      case RELU6 -> Activation.RELU6;
      default -> null;
    };
  }

  private static boolean fusable(Activation a) {
    return a == Activation.RELU || a == Activation.RELU6 || a == Activation.TANH;
  }

  /** h and c are [B, U] with the sequence's batch, and start from [B, U] values. */
  private boolean statesFit(RecurrentLoop.Cell cell, Shape seq) {
    List<Integer> values = cell instanceof RecurrentLoop.Lstm l ? List.of(l.hidden(), l.cellState())
        : List.of(cell.hidden());
    for (int v : values) {
      for (Shape s : List.of(bodyIn.get(v).shape(), loop.input(v).shape(), loop.output(v).shape())) {
        if (s.rank() != 2 || s.dim(1) != cell.units()
            || s.dim(0) >= 0 && seq.dim(1) >= 0 && s.dim(0) != seq.dim(1)) {
          return false;
        }
      }
      if (loop.input(v).type() != DataType.FLOAT32 || loop.input(v).isQuantized()) {
        return false;
      }
    }
    return true;
  }

  static boolean isIntScalar(Tensor t, long value) {
    if (t == null || !t.isConstant() || t.type() != DataType.INT32 || t.shape().numElements() != 1) {
      return false;
    }
    return t.constantLongs()[0] == value;
  }

  /** Whether a BOOL constant is true exactly at position {@code index} of its first axis. */
  static boolean trueOnlyAt(Tensor mask, int index) {
    if (!mask.isConstant() || mask.type() != DataType.BOOL || mask.shape().rank() < 1) {
      return false;
    }
    ByteBuffer b = mask.constantBytes();
    if (b.remaining() != mask.shape().numElements() || b.remaining() != mask.shape().dim(0)) {
      return false;
    }
    for (int i = 0; i < b.remaining(); i++) {
      if ((b.get(i) != 0) != (i == index)) {
        return false;
      }
    }
    return true;
  }
}
