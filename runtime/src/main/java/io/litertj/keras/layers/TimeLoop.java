package io.litertj.keras.layers;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A recurrent layer's time loop as a WHILE, for cells with no fused builtin (GRU) over more than
 * {@link RecurrentLayers#UNROLLED_STEPS} steps: the cond is {@code t < steps}; the body reads step t
 * of the time-major sequence (GATHER), runs the cell's step once, and writes h at t into the
 * [steps, batch, units] output sequence (DYNAMIC_UPDATE_SLICE). The file's size does not grow with
 * the sequence, and the batch stays dynamic. Loop values: t, the states, the output sequence (when
 * the layer returns it) and the input sequence.
 */
final class TimeLoop {

  private final RecurrentLayers.Unrolled cell;
  private final LayerContext ctx;
  private final RecurrentCall call;
  private final int steps;
  private final int units;
  private final boolean timeMajor;
  private final boolean returnSequences;

  TimeLoop(RecurrentLayers.Unrolled cell, RecurrentCall call, int steps) {
    this.cell = cell;
    this.ctx = cell.ctx;
    this.call = call;
    this.steps = steps;
    this.units = cell.units;
    this.timeMajor = ctx.bool("time_major", false);
    this.returnSequences = ctx.bool("return_sequences", false);
  }

  List<Tensor> run() {
    Tensor seq = timeMajor ? call.sequence() : cell.swapBatchAndTime(call.sequence());
    if (ctx.bool("go_backwards", false)) {
      seq = ctx.emit(BuiltinOp.REVERSE_V2, List.of(seq, ctx.int32("time_axis", 0)), seq.shape(), null);
    }
    int batch = seq.shape().dim(1);
    Shape state = Shape.of(batch, units);
    Tensor batchDim = null;
    List<Tensor> initial = new ArrayList<>();
    initial.add(ctx.constant("t0", DataType.INT32, Shape.scalar(), ConstantData.ofInts(0)));
    for (int i = 0; i < cell.stateCount(); i++) {
      if (call.hasInitialStates()) {
        initial.add(call.initialStates().get(i));
      } else {
        batchDim = batchDim != null ? batchDim : batchDim(seq);
        initial.add(zeros(state, batchDim));
      }
    }
    if (returnSequences) {
      batchDim = batchDim != null ? batchDim : batchDim(seq);
      initial.add(zeros(Shape.of(steps, batch, units), ctx.int32("steps", steps), batchDim));
    }
    initial.add(seq);

    Subgraph body = new Subgraph(ctx.placeholder("while_body", DataType.INT32, Shape.scalar()).name());
    Subgraph cond = new Subgraph(ctx.placeholder("while_cond", DataType.INT32, Shape.scalar()).name());
    LayerContext bodyCtx = ctx.in(body, "body");
    LayerContext condCtx = ctx.in(cond, "cond");
    List<Tensor> bodyIn = inputs(body, bodyCtx, initial);
    List<Tensor> condIn = inputs(cond, condCtx, initial);

    List<Tensor> bodyOut = body(bodyCtx, bodyIn);
    for (int i = 0; i < bodyOut.size(); i++) {
      body.addOutput(bodyIn.get(i).name(), bodyOut.get(i));
    }
    Tensor more = condCtx.emit(BuiltinOp.LESS, List.of(condIn.get(0), intScalar(condCtx, "steps", steps)),
        DataType.BOOL, Shape.scalar(), null);
    cond.addOutput("more", more);

    List<Tensor> results = ctx.emitTyped(BuiltinOp.WHILE, initial, initial.stream().map(Tensor::type).toList(),
        initial.stream().map(Tensor::shape).toList(), new OpOptions.While(cond, body));
    List<Tensor> states = results.subList(1, 1 + cell.stateCount());
    Tensor out = states.get(0);
    if (returnSequences) {
      Tensor sequence = results.get(1 + cell.stateCount());
      out = timeMajor ? sequence : cell.swapBatchAndTime(sequence);
    }
    List<Tensor> layerOutputs = new ArrayList<>(List.of(out));
    if (ctx.bool("return_state", false)) {
      layerOutputs.addAll(states);
    }
    return layerOutputs;
  }

  /** t + 1, the states after one step, the sequence with h written at t, and the input unchanged. */
  private List<Tensor> body(LayerContext b, List<Tensor> in) {
    Tensor t = in.get(0);
    Tensor xs = in.get(in.size() - 1);
    Shape xShape = xs.shape();
    Tensor xt = b.emit(BuiltinOp.GATHER, List.of(xs, t), Shape.of(xShape.dim(1), xShape.dim(2)),
        new OpOptions.Gather(0, 0));
    List<Tensor> states = new ArrayList<>(in.subList(1, 1 + cell.stateCount()));
    List<Tensor> next;
    cell.ctx = b; // the cell's step emits into the body
    try {
      next = cell.step(xt, states);
    } finally {
      cell.ctx = ctx;
    }
    List<Tensor> out = new ArrayList<>();
    out.add(b.emit(BuiltinOp.ADD, List.of(t, intScalar(b, "one", 1)), DataType.INT32, Shape.scalar(),
        new OpOptions.Add(Activation.NONE)));
    out.addAll(next);
    if (returnSequences) {
      Tensor sequence = in.get(1 + cell.stateCount());
      Tensor h = next.get(0);
      Tensor update = b.emit(BuiltinOp.EXPAND_DIMS, List.of(h, b.int32("axis0", 0)),
          Shape.of(1, h.shape().dim(0), units), new OpOptions.ExpandDims());
      Tensor at = b.emit(BuiltinOp.RESHAPE, List.of(t, b.int32("one_index", 1)), DataType.INT32, Shape.of(1),
          new OpOptions.Reshape(new int[] {1}));
      Tensor start = b.emit(BuiltinOp.CONCATENATION, List.of(at, b.int32("rest", 0, 0)), DataType.INT32, Shape.of(3),
          new OpOptions.Concatenation(0, Activation.NONE));
      out.add(b.emit(BuiltinOp.DYNAMIC_UPDATE_SLICE, List.of(sequence, update, start), sequence.shape(),
          new OpOptions.DynamicUpdateSlice()));
    }
    out.add(xs);
    return out;
  }

  /** A subgraph input per loop value, of its type and shape. */
  private static List<Tensor> inputs(Subgraph s, LayerContext c, List<Tensor> values) {
    List<Tensor> in = new ArrayList<>();
    for (Tensor v : values) {
      Tensor t = c.placeholder("value", v.type(), v.shape());
      s.addInput(t.name(), t);
      in.add(t);
    }
    return in;
  }

  /** The batch as an INT32 [1], read from the time-major sequence at run time. */
  private Tensor batchDim(Tensor seq) {
    Tensor shape = ctx.emit(BuiltinOp.SHAPE, List.of(seq), DataType.INT32, Shape.of(3),
        new OpOptions.ShapeOp(DataType.INT32));
    return ctx.emit(BuiltinOp.STRIDED_SLICE, List.of(shape, ctx.int32("batch_begin", 1), ctx.int32("batch_end", 2),
        ctx.int32("batch_stride", 1)), DataType.INT32, Shape.of(1), new OpOptions.StridedSlice(0, 0, 0, 0, 0, false));
  }

  /** Zeros of {@code shape}: [leading..., batch, units] filled at run time. */
  private Tensor zeros(Shape shape, Tensor... leadingAndBatch) {
    List<Tensor> parts = new ArrayList<>(List.of(leadingAndBatch));
    parts.add(ctx.int32("units", units));
    Tensor dims = ctx.emit(BuiltinOp.CONCATENATION, parts, DataType.INT32, Shape.of(shape.rank()),
        new OpOptions.Concatenation(0, Activation.NONE));
    return ctx.emit(BuiltinOp.FILL, List.of(dims, ctx.scalar("zero", 0f)), shape, new OpOptions.Fill());
  }

  private static Tensor intScalar(LayerContext c, String name, int value) {
    return c.constant(name, DataType.INT32, Shape.scalar(), ConstantData.ofInts(value));
  }
}
