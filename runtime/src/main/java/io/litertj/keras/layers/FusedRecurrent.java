package io.litertj.keras.layers;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.reader.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keras LSTM and SimpleRNN as LiteRT's fused UNIDIRECTIONAL_SEQUENCE_LSTM and
 * UNIDIRECTIONAL_SEQUENCE_RNN: one operator for the whole sequence, as the official converter
 * writes a Keras 2 LSTM. {@code unroll=True} is a training-time choice and does not matter here.
 *
 * <p>The kernels keep their state in variable tensors, which LiteRT allocates once, zeroes only
 * when it (re)allocates, and never resizes with the input. The official converter's files therefore
 * carry the state from one invocation into the next and take only the batch they were made for. Here
 * an operator before the fused one writes the state tensor on every invocation: FILL with zeros of
 * shape [batch, units] (the batch read from the input's SHAPE), or a copy of the call's initial
 * state. So each invocation starts from the Keras initial state and the batch stays resizable.
 *
 * <p>go_backwards reverses the input first (Keras then returns the outputs in processing order, as
 * the fused op does); the final h is the last step of the output sequence, and an LSTM's final c is
 * read from its cell-state tensor after the op, where the kernel leaves it.
 */
final class FusedRecurrent {

  private static final Logger LOG = Logger.getLogger(FusedRecurrent.class.getName());

  private final LayerContext ctx;
  private final RecurrentCall call;
  private final int units;
  private final Activation activation;
  private final boolean timeMajor;

  private FusedRecurrent(LayerContext ctx, RecurrentCall call, int units, Activation activation) {
    this.ctx = ctx;
    this.call = call;
    this.units = units;
    this.activation = activation;
    this.timeMajor = ctx.bool("time_major", false);
  }

  /** An LSTM as UNIDIRECTIONAL_SEQUENCE_LSTM, or empty (and why, in the debug log) where it stays unrolled. */
  static Optional<List<Tensor>> lstm(LayerContext ctx, RecurrentCall call, int units, String activation,
      String recurrentActivation) {
    Optional<Activation> act = fusable(ctx, call, activation);
    if (act.isPresent() && !recurrentActivation.equals("sigmoid")) {
      unrolled(ctx, "its recurrent_activation is " + recurrentActivation
          + ", and LiteRT's LSTM kernel computes its gates with sigmoid");
      return Optional.empty();
    }
    return act.map(a -> new FusedRecurrent(ctx, call, units, a).lstm());
  }

  /** A SimpleRNN as UNIDIRECTIONAL_SEQUENCE_RNN, or empty where it stays unrolled. */
  static Optional<List<Tensor>> simpleRnn(LayerContext ctx, RecurrentCall call, int units, String activation) {
    return fusable(ctx, call, activation).map(a -> new FusedRecurrent(ctx, call, units, a).simpleRnn());
  }

  private static Optional<Activation> fusable(LayerContext ctx, RecurrentCall call, String activation) {
    if (ctx.options().unrollRecurrent()) {
      unrolled(ctx, "unrolling was asked for");
      return Optional.empty();
    }
    Shape s = call.sequence().shape();
    if (s.rank() != 3 || s.dim(2) < 0) {
      return Optional.empty(); // the unrolled form names the problem
    }
    Optional<Activation> act = switch (activation) {
      case "tanh" -> Optional.of(Activation.TANH);
      case "relu" -> Optional.of(Activation.RELU);
      case "relu6" -> Optional.of(Activation.RELU6);
      default -> Optional.empty();
    };
    if (act.isEmpty()) {
      unrolled(ctx, "its activation is " + activation + ", and LiteRT's fused kernels apply only tanh, relu or relu6");
    }
    return act;
  }

  private static void unrolled(LayerContext ctx, String why) {
    LOG.fine(() -> "Keras layer " + ctx.name() + " (" + ctx.className() + ") stays unrolled: " + why);
  }

  private int batchAxis() {
    return timeMajor ? 1 : 0;
  }

  private int timeAxis() {
    return timeMajor ? 0 : 1;
  }

  // ---- LSTM

  private List<Tensor> lstm() {
    Tensor x = call.sequence();
    int features = x.shape().dim(2);
    boolean useBias = ctx.bool("use_bias", true);
    List<Weight> w = ctx.weights(useBias ? 3 : 2);
    float[] kernel = ctx.checkShape(w.get(0), features, 4 * units).values();
    float[] recurrent = ctx.checkShape(w.get(1), units, 4 * units).values();
    float[] bias = useBias ? RecurrentLayers.bias(ctx, w.get(2), 4 * units) : new float[4 * units];
    Tensor in = input(x);
    List<Tensor> states = states(in, 2);
    List<Tensor> inputs = new ArrayList<>();
    inputs.add(in);
    String[] gates = {"input", "forget", "cell", "output"}; // Keras's kernel order i, f, c, o, as LiteRT's inputs
    for (int g = 0; g < 4; g++) {
      inputs.add(gateWeights(kernel, features, 4, g, gates[g] + "_kernel"));
    }
    for (int g = 0; g < 4; g++) {
      inputs.add(gateWeights(recurrent, units, 4, g, gates[g] + "_recurrent_kernel"));
    }
    inputs.addAll(Arrays.asList(null, null, null)); // no peepholes
    for (int g = 0; g < 4; g++) {
      inputs.add(ctx.constant(gates[g] + "_bias", Shape.of(units), Arrays.copyOfRange(bias, g * units, (g + 1) * units)));
    }
    inputs.addAll(Arrays.asList(null, null)); // no projection
    inputs.addAll(states);
    inputs.addAll(Arrays.asList(null, null, null, null)); // no layer normalization
    // Keras does not clip the cell state: cell_clip 0 (the official converter writes 10).
    Tensor seq = ctx.emit(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, inputs, sequenceShape(in),
        new OpOptions.UnidirectionalSequenceLstm(activation, 0f, 0f, timeMajor, false, false));
    return outputs(seq, states.get(1));
  }

  /**
   * One gate's [units, rows] weights from Keras's [rows, gates * units] kernel (gate {@code g}'s
   * columns, transposed).
   */
  private Tensor gateWeights(float[] kernel, int rows, int gates, int g, String suffix) {
    int cols = gates * units;
    float[] out = new float[units * rows];
    for (int u = 0; u < units; u++) {
      for (int r = 0; r < rows; r++) {
        out[u * rows + r] = kernel[r * cols + g * units + u];
      }
    }
    return ctx.constant(suffix, Shape.of(units, rows), out);
  }

  // ---- SimpleRNN

  private List<Tensor> simpleRnn() {
    Tensor x = call.sequence();
    int features = x.shape().dim(2);
    boolean useBias = ctx.bool("use_bias", true);
    List<Weight> w = ctx.weights(useBias ? 3 : 2);
    float[] kernel = ctx.checkShape(w.get(0), features, units).values();
    float[] recurrent = ctx.checkShape(w.get(1), units, units).values();
    float[] bias = useBias ? RecurrentLayers.bias(ctx, w.get(2), units) : new float[units];
    Tensor in = input(x);
    List<Tensor> states = states(in, 1);
    List<Tensor> inputs = List.of(in, gateWeights(kernel, features, 1, 0, "kernel"),
        gateWeights(recurrent, units, 1, 0, "recurrent_kernel"), ctx.constant("bias", Shape.of(units), bias),
        states.get(0));
    Tensor seq = ctx.emit(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN, inputs, sequenceShape(in),
        new OpOptions.SequenceRnn(timeMajor, activation, false));
    return outputs(seq, null);
  }

  // ---- shared

  /** The sequence in processing order. */
  private Tensor input(Tensor x) {
    if (!ctx.bool("go_backwards", false)) {
      return x;
    }
    return ctx.emit(BuiltinOp.REVERSE_V2, List.of(x, ctx.int32("time_axis", timeAxis())), x.shape(), null);
  }

  private Shape sequenceShape(Tensor in) {
    return in.shape().withDim(2, units);
  }

  /**
   * The state tensors, written before the fused op on every invocation: zeros of [batch, units], or
   * copies of the call's initial states.
   */
  private List<Tensor> states(Tensor in, int count) {
    Shape shape = Shape.of(in.shape().dim(batchAxis()), units);
    List<Tensor> out = new ArrayList<>();
    Tensor dims = null;
    for (int i = 0; i < count; i++) {
      Tensor state;
      if (call.hasInitialStates()) {
        Tensor init = call.initialStates().get(i);
        state = ctx.emit(BuiltinOp.RESHAPE, List.of(init, ctx.int32("state_shape", -1, units)), init.shape(),
            new OpOptions.Reshape(new int[] {-1, units}));
      } else {
        if (dims == null) {
          dims = stateDims(in);
        }
        state = ctx.emit(BuiltinOp.FILL, List.of(dims, ctx.scalar("zero", 0f)), shape, new OpOptions.Fill());
      }
      state.setVariable(true);
      out.add(state);
    }
    return out;
  }

  /** [batch, units] as an INT32 vector, the batch read from the input at run time. */
  private Tensor stateDims(Tensor in) {
    Tensor shape = ctx.emit(BuiltinOp.SHAPE, List.of(in), DataType.INT32, Shape.of(3), new OpOptions.ShapeOp(DataType.INT32));
    int b = batchAxis();
    Tensor batch = ctx.emit(BuiltinOp.STRIDED_SLICE, List.of(shape, ctx.int32("batch_begin", b),
        ctx.int32("batch_end", b + 1), ctx.int32("batch_stride", 1)), DataType.INT32, Shape.of(1),
        new OpOptions.StridedSlice(0, 0, 0, 0, 0, false));
    return ctx.emit(BuiltinOp.CONCATENATION, List.of(batch, ctx.int32("units", units)), DataType.INT32, Shape.of(2),
        new OpOptions.Concatenation(0, Activation.NONE));
  }

  /** The layer's outputs: the sequence or its last step, then (return_state) h and, for an LSTM, c. */
  private List<Tensor> outputs(Tensor seq, Tensor cellState) {
    boolean returnSequences = ctx.bool("return_sequences", false);
    boolean returnState = ctx.bool("return_state", false);
    Tensor last = returnSequences && !returnState ? null : lastStep(seq);
    List<Tensor> out = new ArrayList<>(List.of(returnSequences ? seq : last));
    if (returnState) {
      out.add(last);
      if (cellState != null) {
        // Read after the fused op, which leaves the final cell state there.
        out.add(ctx.emit(BuiltinOp.RESHAPE, List.of(cellState, ctx.int32("cell_shape", -1, units)),
            cellState.shape(), new OpOptions.Reshape(new int[] {-1, units})));
      }
    }
    return out;
  }

  private Tensor lastStep(Tensor seq) {
    Shape s = seq.shape();
    int t = timeAxis();
    int others = 0b111 & ~(1 << t);
    int[] begin = new int[3];
    begin[t] = -1;
    return ctx.emit(BuiltinOp.STRIDED_SLICE, List.of(seq, ctx.int32("last_begin", begin),
        ctx.int32("last_end", 0, 0, 0), ctx.int32("last_strides", 1, 1, 1)),
        Shape.of(s.dim(batchAxis()), units), new OpOptions.StridedSlice(others, others, 0, 0, 1 << t, false));
  }
}
