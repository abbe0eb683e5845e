package io.litertj.keras.layers;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerTable;
import io.litertj.keras.reader.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * LSTM, GRU and SimpleRNN. LSTM and SimpleRNN become LiteRT's fused sequence ops
 * ({@link FusedRecurrent}) where its kernels compute what the layer does; otherwise, for GRU (LiteRT
 * has no GRU builtin), and when {@link io.litertj.keras.KerasOptions#unrollRecurrent} asks for it,
 * they are unrolled over the static sequence length into FULLY_CONNECTED, LOGISTIC/TANH, MUL and ADD
 * up to {@link #UNROLLED_STEPS} steps, and become a WHILE over one step ({@link TimeLoop}) beyond, unless
 * unrolling is asked for: no Flex ops, any batch size. Unrolled without initial states, the state
 * starts at zero, so the first step skips the recurrent terms.
 */
public final class RecurrentLayers {

  private RecurrentLayers() {}

  public static void register(LayerTable t) {
    t.register(RecurrentLayers::lstm, "LSTM", "CuDNNLSTM");
    t.register((ctx, in) -> {
      Gru gru = new Gru(ctx);
      return gru.run(RecurrentCall.read(ctx, in, 1, gru.units));
    }, "GRU", "CuDNNGRU");
    t.register(RecurrentLayers::simpleRnn, "SimpleRNN");
  }

  private static List<Tensor> lstm(LayerContext ctx, List<Tensor> in) {
    Lstm lstm = new Lstm(ctx);
    RecurrentCall call = RecurrentCall.read(ctx, in, 2, lstm.units);
    return FusedRecurrent.lstm(ctx, call, lstm.units, lstm.activation, lstm.recurrentActivation)
        .orElseGet(() -> lstm.run(call));
  }

  private static List<Tensor> simpleRnn(LayerContext ctx, List<Tensor> in) {
    SimpleRnn rnn = new SimpleRnn(ctx);
    RecurrentCall call = RecurrentCall.read(ctx, in, 1, rnn.units);
    return FusedRecurrent.simpleRnn(ctx, call, rnn.units, rnn.activation).orElseGet(() -> rnn.run(call));
  }

  /**
   * Longest sequence unrolled; longer ones become a WHILE. An unrolled step is a dozen operators,
   * so 8 steps stay near a hundred, about what a loop's cond and body hold plus its per-step read
   * and write; beyond that the loop is smaller and its size no longer grows with the sequence.
   */
  static final int UNROLLED_STEPS = 8;

  /** The time loop shared by the three cells: slicing, ordering, and the layer's outputs. */
  abstract static class Unrolled {
    /** The layer's context, or while a loop body is emitted, the body's. */
    LayerContext ctx;
    final int units;
    final String activation;
    final String recurrentActivation;

    Unrolled(LayerContext ctx) {
      this.ctx = ctx;
      this.units = ctx.intValue("units", -1);
      this.activation = ctx.has("activation") ? Activations.name(ctx, "activation") : "tanh";
      this.recurrentActivation = ctx.has("recurrent_activation") ? Activations.name(ctx, "recurrent_activation") : "sigmoid";
    }

    /** One step: returns the new state (h first); {@code state} is null at the first step. */
    abstract List<Tensor> step(Tensor x, List<Tensor> state);

    /** How many state tensors the cell carries (h, and c for an LSTM). */
    abstract int stateCount();

    List<Tensor> run(RecurrentCall call) {
      boolean timeMajor = ctx.bool("time_major", false);
      Tensor x = timeMajor ? swapBatchAndTime(call.sequence()) : call.sequence();
      Shape s = x.shape();
      if (s.rank() != 3 || s.dim(1) < 0 || s.dim(2) < 0) {
        throw ctx.error("needs an input [batch, steps, features] with known steps, got " + s,
            "give the model input a fixed sequence length");
      }
      int steps = s.dim(1);
      if (steps > UNROLLED_STEPS && !ctx.options().unrollRecurrent()) {
        return new TimeLoop(this, call, steps).run();
      }
      List<Shape> shapes = Collections.nCopies(steps, Shape.of(s.dim(0), s.dim(2)));
      List<Tensor> xs = new ArrayList<>(ctx.emitMulti(BuiltinOp.UNPACK, List.of(x), shapes, new OpOptions.Unpack(steps, 1)));
      if (ctx.bool("go_backwards", false)) {
        Collections.reverse(xs);
      }
      List<Tensor> state = call.hasInitialStates() ? call.initialStates() : null;
      List<Tensor> hs = new ArrayList<>();
      for (Tensor xt : xs) {
        state = step(xt, state);
        hs.add(state.get(0));
      }
      Tensor out = state.get(0);
      if (ctx.bool("return_sequences", false)) {
        out = ctx.emit(BuiltinOp.PACK, hs, Shape.of(s.dim(0), steps, units), new OpOptions.Pack(steps, 1));
        out = timeMajor ? swapBatchAndTime(out) : out;
      }
      List<Tensor> result = new ArrayList<>(List.of(out));
      if (ctx.bool("return_state", false)) {
        result.addAll(state);
      }
      return result;
    }

    /** [a, b, c] to [b, a, c]: time_major layers take and give [steps, batch, ...]. */
    Tensor swapBatchAndTime(Tensor t) {
      Shape s = t.shape();
      return ctx.emit(BuiltinOp.TRANSPOSE, List.of(t, ctx.int32("perm", 1, 0, 2)),
          Shape.of(s.dim(1), s.dim(0), s.dim(2)), new OpOptions.Transpose());
    }

    Tensor fc(Tensor in, Tensor weights, float[] bias) {
      int n = weights.shape().dim(0);
      return ctx.emit(BuiltinOp.FULLY_CONNECTED, List.of(in, weights, ctx.constant("bias", Shape.of(n), bias)),
          Shape.of(in.shape().dim(0), n), new OpOptions.FullyConnected(Activation.NONE, false, false));
    }

    List<Tensor> split(Tensor z, int parts) {
      return ctx.emitMulti(BuiltinOp.SPLIT, List.of(ctx.int32("axis", 1), z),
          Collections.nCopies(parts, Shape.of(z.shape().dim(0), units)), new OpOptions.Split(parts));
    }

    Tensor act(Tensor x, String name) {
      return Activations.apply(ctx, x, name);
    }

    Tensor mul(Tensor a, Tensor b) {
      return Activations.mul(ctx, a, b);
    }

    Tensor add(Tensor a, Tensor b) {
      return Activations.add(ctx, a, b);
    }

    Tensor sub(Tensor a, Tensor b) {
      return ctx.emit(BuiltinOp.SUB, List.of(a, b), Broadcasting.shape(a.shape(), b.shape()),
          new OpOptions.Sub(Activation.NONE));
    }

    /** LSTM and SimpleRNN weights: kernel, recurrent kernel, and one bias (zeros without one). */
    GateWeights gateWeights(int gates, int features) {
      boolean useBias = ctx.bool("use_bias", true);
      List<Weight> w = ctx.weights(useBias ? 3 : 2);
      Tensor[] k = kernels(gates, w, features);
      float[] bias = useBias ? bias(ctx, w.get(2), gates * units) : new float[gates * units];
      return new GateWeights(k[0], k[1], bias);
    }

    /** Kernel and recurrent kernel, as FULLY_CONNECTED weights, and the bias (zeros without one). */
    Tensor[] kernels(int gates, List<Weight> w, int features) {
      Weight k = ctx.checkShape(w.get(0), features, gates * units);
      Weight r = ctx.checkShape(w.get(1), units, gates * units);
      return new Tensor[] {CoreLayers.fullyConnectedWeights(ctx, k, "kernel"),
          CoreLayers.fullyConnectedWeights(ctx, r, "recurrent_kernel")};
    }
  }

  /**
   * The bias of {@code size}; Keras 2's CuDNNLSTM stores an input and a recurrent bias, which
   * cuDNN adds, so a bias of twice the size is summed.
   */
  static float[] bias(LayerContext ctx, Weight w, int size) {
    if (ctx.className().equals("CuDNNLSTM") && w.shape().length == 1 && w.shape()[0] == 2 * size) {
      float[] b = w.values();
      float[] sum = new float[size];
      for (int i = 0; i < size; i++) {
        sum[i] = b[i] + b[size + i];
      }
      return sum;
    }
    return ctx.checkShape(w, size).values();
  }

  /** A layer's weights, read on the first step (when the input width is known). */
  private record GateWeights(Tensor kernel, Tensor recurrent, float[] bias) {}

  /**
   * LSTM and SimpleRNN: all gates from one kernel, one recurrent kernel and one bias, as
   * {@code x * kernel + bias + h * recurrent} (no recurrent term on the first step).
   */
  private abstract static class SharedKernels extends Unrolled {
    private final int gates;
    private GateWeights weights;

    SharedKernels(LayerContext ctx, int gates) {
      super(ctx);
      this.gates = gates;
    }

    Tensor preactivation(Tensor x, List<Tensor> state) {
      if (weights == null) {
        weights = gateWeights(gates, x.shape().dim(1));
      }
      Tensor z = fc(x, weights.kernel(), weights.bias());
      if (state != null) {
        z = add(z, fc(state.get(0), weights.recurrent(), new float[gates * units]));
      }
      return z;
    }
  }

  /** Keras gate order i, f, c, o. */
  private static final class Lstm extends SharedKernels {
    Lstm(LayerContext ctx) {
      super(ctx, 4);
    }

    @Override
    int stateCount() {
      return 2;
    }

    @Override
    List<Tensor> step(Tensor x, List<Tensor> state) {
      Tensor z = preactivation(x, state);
      List<Tensor> g = split(z, 4);
      Tensor i = act(g.get(0), recurrentActivation);
      Tensor candidate = act(g.get(2), activation);
      Tensor o = act(g.get(3), recurrentActivation);
      Tensor c = mul(i, candidate);
      if (state != null) {
        Tensor f = act(g.get(1), recurrentActivation);
        c = add(mul(f, state.get(1)), c);
      }
      Tensor h = mul(o, act(c, activation));
      return List.of(h, c);
    }
  }

  /** Keras gate order z, r, h; reset_after (the TF2 default) applies the reset gate after the matmul. */
  private static final class Gru extends Unrolled {
    private Tensor kernel;
    private Tensor recurrent;
    private float[] inputBias;
    private float[] recurrentBias;
    private boolean resetAfter;
    private Tensor recurrentZr;
    private Tensor recurrentH;

    Gru(LayerContext ctx) {
      super(ctx);
    }

    @Override
    int stateCount() {
      return 1;
    }

    private void load(int features) {
      // CuDNNGRU has no reset_after key: cuDNN always applies the reset gate after the matmul.
      resetAfter = ctx.className().equals("CuDNNGRU") || ctx.bool("reset_after", ctx.keras3());
      boolean useBias = ctx.bool("use_bias", true);
      List<Weight> w = ctx.weights(useBias ? 3 : 2);
      Tensor[] k = kernels(3, w, features);
      kernel = k[0];
      recurrent = k[1];
      inputBias = new float[3 * units];
      recurrentBias = new float[3 * units];
      if (useBias) {
        float[] b = w.get(2).values();
        if (b.length == 6 * units) {
          inputBias = Arrays.copyOfRange(b, 0, 3 * units);
          recurrentBias = Arrays.copyOfRange(b, 3 * units, 6 * units);
        } else {
          inputBias = ctx.checkShape(w.get(2), 3 * units).values();
        }
      }
      if (!resetAfter) {
        // (r * h) U_h needs U_h apart from U_z, U_r: rows of the [3U, U] FULLY_CONNECTED weights.
        float[] r = transposed(w.get(1).values(), units, 3 * units);
        recurrentZr = ctx.constant("recurrent_zr", Shape.of(2 * units, units), Arrays.copyOfRange(r, 0, 2 * units * units));
        recurrentH = ctx.constant("recurrent_h", Shape.of(units, units),
            Arrays.copyOfRange(r, 2 * units * units, 3 * units * units));
      }
    }

    @Override
    List<Tensor> step(Tensor x, List<Tensor> state) {
      if (kernel == null) {
        load(x.shape().dim(1));
      }
      Tensor hPrev = state == null ? null : state.get(0);
      List<Tensor> xs = split(fc(x, kernel, inputBias), 3);
      Tensor zIn;
      Tensor rIn;
      Tensor hh;
      if (resetAfter) {
        List<Tensor> rs = hPrev == null ? null : split(fc(hPrev, recurrent, recurrentBias), 3);
        zIn = rs == null ? add(xs.get(0), slice(recurrentBias, 0)) : add(xs.get(0), rs.get(0));
        rIn = rs == null ? add(xs.get(1), slice(recurrentBias, 1)) : add(xs.get(1), rs.get(1));
        Tensor r = act(rIn, recurrentActivation);
        Tensor rh = rs == null ? mul(r, slice(recurrentBias, 2)) : mul(r, rs.get(2));
        hh = act(add(xs.get(2), rh), activation);
      } else {
        Tensor zr = hPrev == null ? null : fc(hPrev, recurrentZr, new float[2 * units]);
        List<Tensor> zrs = zr == null ? null : ctx.emitMulti(BuiltinOp.SPLIT, List.of(ctx.int32("axis", 1), zr),
            Collections.nCopies(2, Shape.of(zr.shape().dim(0), units)), new OpOptions.Split(2));
        zIn = zrs == null ? xs.get(0) : add(xs.get(0), zrs.get(0));
        Tensor r = act(zrs == null ? xs.get(1) : add(xs.get(1), zrs.get(1)), recurrentActivation);
        Tensor pre = hPrev == null ? xs.get(2) : add(xs.get(2), fc(mul(r, hPrev), recurrentH, new float[units]));
        hh = act(pre, activation);
      }
      Tensor z = act(zIn, recurrentActivation);
      // h = z * h_prev + (1 - z) * hh = hh + z * (h_prev - hh)
      Tensor h = hPrev == null ? sub(hh, mul(z, hh)) : add(hh, mul(z, sub(hPrev, hh)));
      return List.of(h);
    }

    private Tensor slice(float[] b, int part) {
      return ctx.constant("recurrent_bias", Shape.of(units), Arrays.copyOfRange(b, part * units, (part + 1) * units));
    }

    private static float[] transposed(float[] m, int rows, int cols) {
      float[] out = new float[m.length];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          out[c * rows + r] = m[r * cols + c];
        }
      }
      return out;
    }
  }

  private static final class SimpleRnn extends SharedKernels {
    SimpleRnn(LayerContext ctx) {
      super(ctx, 1);
    }

    @Override
    int stateCount() {
      return 1;
    }

    @Override
    List<Tensor> step(Tensor x, List<Tensor> state) {
      return List.of(act(preactivation(x, state), activation));
    }
  }
}
