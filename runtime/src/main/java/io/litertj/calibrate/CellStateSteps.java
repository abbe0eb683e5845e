package io.litertj.calibrate;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Lets calibration see an LSTM's cell state at every step. UNIDIRECTIONAL_SEQUENCE_LSTM keeps the
 * cell state in a variable tensor that it rewrites in place, so after an invocation only the last
 * step's value is there; the integer kernel's int16 cell state needs the largest |c| over all steps.
 * In the calibration model (only there), each such LSTM becomes one LSTM per step on the same state
 * tensors: a STRIDED_SLICE takes step t of the input, the step's LSTM reads and updates the states
 * exactly as the whole-sequence kernel does from one step to the next, a RESHAPE copies the cell
 * state out after the step (a probe), and a CONCATENATION puts the steps' outputs back together as
 * the original output tensor, so every other op computes what it computed before. The official
 * calibrator observes the same values with a logging LSTM kernel.
 *
 * <p>Only LSTMs with a float input, a static step count up to {@link #MAX_STEPS} and a float
 * variable cell state are expanded; others keep the quantizer's bound.
 */
final class CellStateSteps {

  private static final Logger LOG = Logger.getLogger(CellStateSteps.class.getName());

  /** Longer sequences keep the bound: the calibration model would hold three ops per step. */
  static final int MAX_STEPS = 2048;
  private static final int INPUT = 0;
  private static final int INPUT_TO_OUTPUT_WEIGHTS = 4;
  private static final int CELL_STATE = 19;

  private final Subgraph expanded;
  /** Cell-state tensor → its copies after each step. */
  private final Map<Tensor, List<Tensor>> copies = new IdentityHashMap<>();
  /** Cell states of LSTMs not expanded: what is probed there is only the last step's value. */
  private final Set<Tensor> unfollowed = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Per-step slices and outputs: not worth probing. */
  private final Set<Tensor> internal = Collections.newSetFromMap(new IdentityHashMap<>());

  private CellStateSteps(Subgraph subgraph) {
    expanded = new Subgraph(subgraph.name());
    subgraph.inputs().forEach(expanded::addInput);
    for (Operator op : subgraph.operators()) {
      int steps = steps(op);
      if (steps > 0) {
        expand(op, steps);
      } else {
        expanded.addOperator(op);
        if (op.op() == BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM && op.inputs().size() > CELL_STATE
            && op.input(CELL_STATE) != null && op.input(CELL_STATE).isVariable()) {
          unfollowed.add(op.input(CELL_STATE));
        }
      }
    }
    subgraph.outputs().forEach(expanded::addOutput);
  }

  /** The subgraph with every LSTM that calibration can follow step by step expanded. */
  static CellStateSteps of(Subgraph subgraph) {
    return new CellStateSteps(subgraph);
  }

  Subgraph subgraph() {
    return expanded;
  }

  /** Whether {@code t} is a per-step slice or output (the copies of the cell state are not). */
  boolean internal(Tensor t) {
    return internal.contains(t);
  }

  /**
   * Puts on each expanded LSTM's cell-state tensor the union of its per-step copies' ranges (and of
   * its own, the final state), and drops the copies' ranges; the other LSTMs' cell states get no
   * range, since the last step's alone would pass for all of them.
   */
  void merge(TensorRanges ranges) {
    unfollowed.forEach(ranges::remove);
    copies.forEach((cell, steps) -> {
      Range union = ranges.get(cell) == null ? Range.EMPTY : ranges.get(cell);
      for (Tensor copy : steps) {
        Range r = ranges.remove(copy);
        if (r != null) {
          union = union.union(r);
        }
      }
      if (!union.isEmpty()) {
        ranges.put(cell, union);
      }
    });
  }

  /** The step count if the op is an LSTM to expand, else 0. */
  private static int steps(Operator op) {
    if (op.op() != BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM || op.inputs().size() <= CELL_STATE
        || !(op.options() instanceof OpOptions.UnidirectionalSequenceLstm o)) {
      return 0;
    }
    Tensor x = op.input(INPUT);
    Tensor cell = op.input(CELL_STATE);
    Tensor weights = op.input(INPUT_TO_OUTPUT_WEIGHTS);
    if (x == null || x.type() != DataType.FLOAT32 || x.shape().rank() != 3 || cell == null || !cell.isVariable()
        || cell.type() != DataType.FLOAT32 || weights == null || weights.shape().rank() != 2) {
      return 0;
    }
    int steps = x.shape().dim(o.timeMajor() ? 0 : 1);
    if (steps > MAX_STEPS) {
      LOG.fine(() -> "the cell state of the LSTM writing '" + op.output(0).name() + "' is not calibrated: its "
          + steps + " steps exceed " + MAX_STEPS + "; the quantizer bounds it");
      return 0;
    }
    return Math.max(steps, 0);
  }

  private void expand(Operator lstm, int steps) {
    boolean timeMajor = ((OpOptions.UnidirectionalSequenceLstm) lstm.options()).timeMajor();
    int axis = timeMajor ? 0 : 1;
    int others = 0b111 & ~(1 << axis);
    Tensor x = lstm.input(INPUT);
    Tensor out = lstm.output(0);
    Tensor cell = lstm.input(CELL_STATE);
    int units = lstm.input(INPUT_TO_OUTPUT_WEIGHTS).shape().dim(0);
    Tensor strides = int32(x.name() + "/step_strides", 1, 1, 1);
    Tensor copyShape = int32(cell.name() + "/copy_shape", -1, units);
    List<Tensor> stepOutputs = new ArrayList<>();
    List<Tensor> cellCopies = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      int[] begin = new int[3];
      int[] end = new int[3];
      begin[axis] = t;
      end[axis] = t + 1;
      Tensor xt = new Tensor(x.name() + "/step_" + t, DataType.FLOAT32, x.shape().withDim(axis, 1));
      expanded.addOperator(new Operator(BuiltinOp.STRIDED_SLICE, List.of(x, int32(xt.name() + "/begin", begin),
          int32(xt.name() + "/end", end), strides), List.of(xt), new OpOptions.StridedSlice(others, others, 0, 0, 0,
          false)));
      List<Tensor> inputs = new ArrayList<>(lstm.inputs());
      inputs.set(INPUT, xt);
      Tensor ot = new Tensor(out.name() + "/step_" + t, DataType.FLOAT32, out.shape().withDim(axis, 1));
      expanded.addOperator(new Operator(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, inputs, List.of(ot), lstm.options()));
      Tensor copy = new Tensor(cell.name() + "/after_step_" + t, DataType.FLOAT32,
          Shape.of(cell.shape().rank() == 2 ? cell.shape().dim(0) : -1, units));
      expanded.addOperator(new Operator(BuiltinOp.RESHAPE, List.of(cell, copyShape), List.of(copy),
          new OpOptions.Reshape(new int[] {-1, units})));
      internal.add(xt);
      internal.add(ot);
      stepOutputs.add(ot);
      cellCopies.add(copy);
    }
    expanded.addOperator(new Operator(BuiltinOp.CONCATENATION, stepOutputs, List.of(out),
        new OpOptions.Concatenation(axis, Activation.NONE)));
    copies.put(cell, cellCopies);
  }

  private static Tensor int32(String name, int... values) {
    return Tensor.constant(name, DataType.INT32, Shape.of(values.length), ConstantData.ofInts(values));
  }
}
