package io.litertj.legalize.control;

import static io.litertj.legalize.control.Functions.arg;
import static io.litertj.legalize.control.Functions.list;
import static io.litertj.legalize.control.Functions.scalar;
import static io.litertj.testing.ElementType.FLOAT32;
import static org.tensorflow.proto.DataType.DT_FLOAT;
import static org.tensorflow.proto.DataType.DT_INT32;

import io.litertj.ConversionReport;
import io.litertj.legalize.shape.Graphs;
import io.litertj.legalize.shape.OpConformance;
import io.litertj.legalize.shape.OpConformance.Case;
import io.litertj.testing.SavedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * Recurrent time loops written by hand with TF Java (a While over TensorLists, as Keras and
 * {@code tf.while_loop} write them), run in LiteRT against TensorFlow and quantized in every mode.
 * LSTM and SimpleRNN steps become the fused sequence ops, whatever their gate order; a loop that
 * computes anything else, or runs fewer steps than the sequence has, stays a WHILE; such a loop's
 * list of its last step is read from the loop's final h instead of being written every step.
 */
class RecurrentLoopConformanceTest {

  private static final int STEPS = 5;
  private static final int FEATURES = 3;
  private static final int UNITS = 4;

  @TempDir
  Path dir;

  /** Which block of the four gate blocks of z each gate reads. */
  private record Gates(int input, int forget, int cell, int output) {}

  /** How one LSTM loop is written. */
  private record Lstm(Gates gates, boolean everyStep, boolean peephole, int bound, boolean initialStates) {}

  @TestFactory
  Stream<DynamicTest> recurrentLoops() {
    List<Case> cases = new ArrayList<>();
    cases.add(lstmCase("lstm_loop_every_step_dynamic_batch_becomes_one_fused_lstm",
        new Lstm(new Gates(0, 1, 2, 3), true, false, STEPS, false), fused("UNIDIRECTIONAL_SEQUENCE_LSTM")));
    cases.add(lstmCase("lstm_loop_gates_reordered_last_step_only_initial_states_becomes_one_fused_lstm",
        new Lstm(new Gates(2, 0, 3, 1), false, false, STEPS, true), fused("UNIDIRECTIONAL_SEQUENCE_LSTM")));
    cases.add(lstmCase("lstm_loop_with_a_peephole_stays_a_loop",
        new Lstm(new Gates(0, 1, 2, 3), true, true, STEPS, false), staysLoop()));
    cases.add(lstmCase("peephole_loop_writing_only_its_last_step_drops_the_list_write",
        new Lstm(new Gates(0, 1, 2, 3), false, true, STEPS, false), report -> {
          staysLoop().accept(report);
          Map<String, Integer> ops = report.operatorCounts();
          if (ops.containsKey("SELECT_V2") || ops.containsKey("DYNAMIC_UPDATE_SLICE")) {
            throw new AssertionError("the list of the last step is still written every step: " + ops);
          }
        }));
    cases.add(lstmCase("lstm_loop_of_fewer_steps_than_the_sequence_stays_a_loop",
        new Lstm(new Gates(0, 1, 2, 3), true, false, STEPS - 2, false), staysLoop()));
    cases.add(new Case("simple_rnn_loop_static_batch_becomes_one_fused_rnn", m -> m
        .input("x", FLOAT32, 2, STEPS, FEATURES)
        .variable("w", Graphs.randomFloats(11, FEATURES, UNITS))
        .variable("r", Graphs.randomFloats(12, UNITS, UNITS))
        .variable("b", Graphs.randomFloats(13, UNITS))
        .outputs(g -> rnn(g)), r -> r, fused("UNIDIRECTIONAL_SEQUENCE_RNN"), Map.of()));
    return OpConformance.tests(cases, dir);
  }

  private static Case lstmCase(String name, Lstm how, Consumer<ConversionReport> check) {
    return new Case(name, m -> {
      m.input("x", FLOAT32, -1, STEPS, FEATURES)
          .variable("w", Graphs.randomFloats(1, FEATURES, 4 * UNITS))
          .variable("r", Graphs.randomFloats(2, UNITS, 4 * UNITS))
          .variable("b", Graphs.randomFloats(3, 4 * UNITS))
          .variable("p", Graphs.randomFloats(4, UNITS));
      if (how.initialStates()) {
        m.input("h0", FLOAT32, -1, UNITS).input("c0", FLOAT32, -1, UNITS);
      }
      m.outputs(g -> lstm(g, how));
    }, r -> r, check, Map.of());
  }

  private static Consumer<ConversionReport> fused(String op) {
    return report -> {
      Map<String, Integer> ops = report.operatorCounts();
      if (ops.getOrDefault(op, 0) != 1 || ops.containsKey("WHILE")) {
        throw new AssertionError("expected one " + op + " and no WHILE, got " + ops);
      }
    };
  }

  private static Consumer<ConversionReport> staysLoop() {
    return report -> {
      Map<String, Integer> ops = report.operatorCounts();
      if (ops.getOrDefault("WHILE", 0) != 1 || ops.containsKey("UNIDIRECTIONAL_SEQUENCE_LSTM")) {
        throw new AssertionError("expected the loop to stay a WHILE, got " + ops);
      }
    };
  }

  /**
   * z = x_t W + h R + b split in four; c' = f*c + i*tanh(g) (+ a peephole p*c in f when asked);
   * h' = o*tanh(c'); h' written at t (or into a list of one at 0).
   */
  private static Map<String, Operand<?>> lstm(SavedModels.Context g, Lstm how) {
    Ops tf = g.tf();
    Operand<TFloat32> x = g.input("x");
    Operand<TFloat32> xt = tf.linalg.transpose(x, tf.constant(new int[] {1, 0, 2}));
    Operand<TInt32> element = tf.constant(new int[] {-1, FEATURES});
    Operand<TInt32> outElement = tf.constant(new int[] {-1, UNITS});
    Operand<? extends TType> in = tf.tensorListFromTensor(xt, element);
    Operand<? extends TType> out = tf.tensorListReserve(outElement, tf.constant(how.everyStep() ? STEPS : 1),
        TFloat32.class);
    Operand<TFloat32> h0;
    Operand<TFloat32> c0;
    if (how.initialStates()) {
      h0 = g.input("h0");
      c0 = g.input("c0");
    } else {
      Operand<TInt32> batch = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
      h0 = tf.fill(tf.concat(List.of(batch, tf.constant(new int[] {UNITS})), tf.constant(0)), tf.constant(0f));
      c0 = h0;
    }
    List<Functions.Arg> args = List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, UNITS), arg(DT_FLOAT, -1, UNITS), list(),
        list(), arg(DT_FLOAT, FEATURES, 4 * UNITS), arg(DT_FLOAT, UNITS, 4 * UNITS), arg(DT_FLOAT, 4 * UNITS),
        arg(DT_FLOAT, UNITS));
    FunctionDef cond = GraphFunctions.of("lstm_cond", args,
        f -> List.of(f.tf().math.less(f.<TInt32>arg(0), f.tf().constant(how.bound()))));
    FunctionDef body = GraphFunctions.of("lstm_body", args, f -> {
      Ops b = f.tf();
      Operand<TInt32> t = f.arg(0);
      Operand<TFloat32> h = f.arg(1);
      Operand<TFloat32> c = f.arg(2);
      Operand<TFloat32> step = b.tensorListGetItem(f.arg(4), t, b.constant(new int[] {-1, FEATURES}), TFloat32.class);
      Operand<TFloat32> z = b.math.add(b.math.add(b.linalg.matMul(step, f.<TFloat32>arg(5)),
          b.linalg.matMul(h, f.<TFloat32>arg(6))), f.<TFloat32>arg(7));
      var parts = b.split(b.constant(1), z, 4L).output();
      Gates k = how.gates();
      Operand<TFloat32> forgetIn = parts.get(k.forget());
      if (how.peephole()) {
        forgetIn = b.math.add(forgetIn, b.math.mul(c, f.<TFloat32>arg(8)));
      }
      Operand<TFloat32> cNext = b.math.add(b.math.mul(b.math.sigmoid(forgetIn), c),
          b.math.mul(b.math.sigmoid(parts.get(k.input())), b.math.tanh(parts.get(k.cell()))));
      Operand<TFloat32> hNext = b.math.mul(b.math.sigmoid(parts.get(k.output())), b.math.tanh(cNext));
      Operand<TInt32> at = how.everyStep() ? t : b.constant(0);
      return List.of(b.math.add(t, b.constant(1)), hNext, cNext, b.tensorListSetItem(f.arg(3), at, hNext),
          b.identity(f.arg(4)), b.identity(f.<TFloat32>arg(5)), b.identity(f.<TFloat32>arg(6)),
          b.identity(f.<TFloat32>arg(7)), b.identity(f.<TFloat32>arg(8)));
    });
    Operation loop = GraphFunctions.whileOp(g, List.of(tf.constant(0), h0, c0, out, in, tf.identity(g.variable("w")),
        tf.identity(g.variable("r")), tf.identity(g.variable("b")), tf.identity(g.variable("p"))), cond, body);
    Operand<TFloat32> stacked = tf.tensorListStack(loop.output(3), outElement, TFloat32.class);
    Map<String, Operand<?>> outputs = new LinkedHashMap<>();
    outputs.put("sequence", tf.linalg.transpose(stacked, tf.constant(new int[] {1, 0, 2})));
    outputs.put("h", tf.identity(loop.<TFloat32>output(1)));
    outputs.put("c", tf.identity(loop.<TFloat32>output(2)));
    return outputs;
  }

  /** h' = tanh(x_t W + h R + b) over a static batch of 2, every h' written at t. */
  private static Map<String, Operand<?>> rnn(SavedModels.Context g) {
    Ops tf = g.tf();
    Operand<TFloat32> xt = tf.linalg.transpose(g.<TFloat32>input("x"), tf.constant(new int[] {1, 0, 2}));
    Operand<TInt32> element = tf.constant(new int[] {2, FEATURES});
    Operand<TInt32> outElement = tf.constant(new int[] {2, UNITS});
    Operand<? extends TType> in = tf.tensorListFromTensor(xt, element);
    Operand<? extends TType> out = tf.tensorListReserve(outElement, tf.constant(STEPS), TFloat32.class);
    List<Functions.Arg> args = List.of(scalar(DT_INT32), arg(DT_FLOAT, 2, UNITS), list(), list(),
        arg(DT_FLOAT, FEATURES, UNITS), arg(DT_FLOAT, UNITS, UNITS), arg(DT_FLOAT, UNITS));
    FunctionDef cond = GraphFunctions.of("rnn_cond", args,
        f -> List.of(f.tf().math.less(f.<TInt32>arg(0), f.tf().constant(STEPS))));
    FunctionDef body = GraphFunctions.of("rnn_body", args, f -> {
      Ops b = f.tf();
      Operand<TInt32> t = f.arg(0);
      Operand<TFloat32> step = b.tensorListGetItem(f.arg(3), t, b.constant(new int[] {2, FEATURES}), TFloat32.class);
      Operand<TFloat32> hNext = b.math.tanh(b.math.add(b.math.add(b.linalg.matMul(step, f.<TFloat32>arg(4)),
          b.linalg.matMul(f.<TFloat32>arg(1), f.<TFloat32>arg(5))), f.<TFloat32>arg(6)));
      return List.of(b.math.add(t, b.constant(1)), hNext, b.tensorListSetItem(f.arg(2), t, hNext),
          b.identity(f.arg(3)), b.identity(f.<TFloat32>arg(4)), b.identity(f.<TFloat32>arg(5)),
          b.identity(f.<TFloat32>arg(6)));
    });
    Operation loop = GraphFunctions.whileOp(g, List.of(tf.constant(0), tf.zeros(tf.constant(new int[] {2, UNITS}),
        TFloat32.class), out, in, tf.identity(g.variable("w")), tf.identity(g.variable("r")),
        tf.identity(g.variable("b"))), cond, body);
    Operand<TFloat32> stacked = tf.tensorListStack(loop.output(2), outElement, TFloat32.class);
    return Map.of("sequence", tf.linalg.transpose(stacked, tf.constant(new int[] {1, 0, 2})),
        "h", tf.identity(loop.<TFloat32>output(1)));
  }
}
