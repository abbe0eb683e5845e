package io.litertj.legalize.control;

import static io.litertj.legalize.control.Functions.arg;
import static io.litertj.legalize.control.Functions.scalar;
import static io.litertj.testing.ElementType.FLOAT32;
import static io.litertj.testing.ElementType.INT32;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorflow.proto.DataType.DT_BOOL;
import static org.tensorflow.proto.DataType.DT_FLOAT;
import static org.tensorflow.proto.DataType.DT_INT32;

import io.litertj.legalize.shape.Graphs;
import io.litertj.legalize.shape.OpConformance;
import io.litertj.legalize.shape.OpConformance.Case;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.While;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * While, If and Case graphs written with TF Java (functions built as {@link ConcreteFunction}s),
 * converted, and run in LiteRT against TensorFlow on the same inputs ({@link OpConformance}: also
 * quantized in every mode).
 */
class ControlFlowConformanceTest {

  @TempDir
  Path dir;

  @TestFactory
  Stream<DynamicTest> whileLoops() {
    List<Case> cases = new ArrayList<>();
    cases.add(Case.of("while_static_trip_count_reads_a_captured_variable", m -> m
        .input("x", FLOAT32, -1, 3)
        .variable("w", Graphs.randomFloats(11, 3, 3))
        .outputs(g -> {
          Ops tf = g.tf();
          ConcreteFunction cond = Functions.of(List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 3), arg(DT_FLOAT, 3, 3)),
              f -> List.of(f.tf().math.less(f.<TInt32>arg(0), f.tf().constant(4))));
          ConcreteFunction body = Functions.of(List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 3), arg(DT_FLOAT, 3, 3)),
              f -> List.of(f.tf().math.add(f.<TInt32>arg(0), f.tf().constant(1)),
                  f.tf().math.tanh(f.tf().linalg.matMul(f.<TFloat32>arg(1), f.<TFloat32>arg(2))),
                  f.tf().identity(f.<TFloat32>arg(2))));
          While w = tf.whileOp(List.of(tf.constant(0), g.input("x"), tf.identity(g.<TFloat32>variable("w"))),
              cond, body);
          return Map.of("n", w.output().get(0), "y", w.output().get(1));
        }))
        .ops(Map.of("WHILE", 1, "LESS", 1, "ADD", 1, "FULLY_CONNECTED", 1, "TANH", 1)));
    cases.add(Case.of("while_data_dependent_trip_count", m -> m
        .input("x", FLOAT32, -1, 4)
        .outputs(g -> {
          Ops tf = g.tf();
          ConcreteFunction cond = Functions.of(List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 4)), f -> {
            Operand<TFloat32> v = f.arg(1);
            Operand<TBool> big = f.tf().math.greater(f.tf().reduceSum(f.tf().math.mul(v, v), f.tf().constant(
                new int[] {0, 1})), f.tf().constant(0.01f));
            return List.of(f.tf().math.logicalAnd(big, f.tf().math.less(f.<TInt32>arg(0), f.tf().constant(50))));
          });
          ConcreteFunction body = Functions.of(List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 4)),
              f -> List.of(f.tf().math.add(f.<TInt32>arg(0), f.tf().constant(1)),
                  f.tf().math.mul(f.<TFloat32>arg(1), f.tf().constant(0.5f))));
          var w = tf.statelessWhile(List.of(tf.constant(0), g.input("x")), cond, body);
          return Map.of("n", w.output().get(0), "y", w.output().get(1));
        })));
    cases.add(Case.of("while_loop_value_grows_along_a_dimension", m -> m
        .input("x", FLOAT32, 2, 3)
        .outputs(g -> {
          Ops tf = g.tf();
          // No output_shapes: the converter finds by itself that the first dimension changes.
          ConcreteFunction cond = Functions.of(List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 3), arg(DT_FLOAT, 2, 3)),
              f -> List.of(f.tf().math.less(f.<TInt32>arg(0), f.tf().constant(3))));
          ConcreteFunction body = Functions.of(List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 3), arg(DT_FLOAT, 2, 3)),
              f -> List.of(f.tf().math.add(f.<TInt32>arg(0), f.tf().constant(1)),
                  f.tf().concat(List.of(f.<TFloat32>arg(1), f.tf().math.mul(f.<TFloat32>arg(2),
                      f.tf().dtypes.cast(f.<TInt32>arg(0), TFloat32.class))), f.tf().constant(0)),
                  f.<TFloat32>arg(2)));
          var w = tf.statelessWhile(List.of(tf.constant(0), g.input("x"), g.input("x")), cond, body);
          return Map.of("y", w.output().get(1));
        }))
        .outputShape("y", -1, 3));
    cases.add(Case.of("while_with_an_if_in_its_body", m -> m
        .input("x", FLOAT32, -1, 3)
        .outputs(g -> {
          Ops tf = g.tf();
          ConcreteFunction twice = Functions.of(List.of(arg(DT_FLOAT, -1, 3)),
              f -> List.of(f.tf().math.mul(f.<TFloat32>arg(0), f.tf().constant(2f))));
          ConcreteFunction plusOne = Functions.of(List.of(arg(DT_FLOAT, -1, 3)),
              f -> List.of(f.tf().math.add(f.<TFloat32>arg(0), f.tf().constant(1f))));
          ConcreteFunction cond = Functions.of(List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 3)),
              f -> List.of(f.tf().math.less(f.<TInt32>arg(0), f.tf().constant(5))));
          ConcreteFunction body = Functions.of(List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 3)), f -> {
            Operand<TBool> even = f.tf().math.equal(f.tf().math.floorMod(f.<TInt32>arg(0), f.tf().constant(2)),
                f.tf().constant(0));
            var branch = f.tf().statelessIf(even, List.of(f.<TFloat32>arg(1)), List.of(TFloat32.class), twice, plusOne);
            return List.of(f.tf().math.add(f.<TInt32>arg(0), f.tf().constant(1)), branch.output().get(0));
          });
          var w = tf.statelessWhile(List.of(tf.constant(0), g.input("x")), cond, body);
          return Map.of("y", w.output().get(1));
        })));
    cases.add(Case.of("while_body_swaps_two_loop_values_and_returns_a_constant", m -> m
        .input("x", FLOAT32, -1, 3)
        .input("z", FLOAT32, -1, 3)
        .outputs(g -> {
          Ops tf = g.tf();
          List<Functions.Arg> args = List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 3), arg(DT_FLOAT, -1, 3),
              arg(DT_FLOAT, 2));
          ConcreteFunction cond = Functions.of(args, f -> List.of(f.tf().math.less(f.<TInt32>arg(0), f.tf().constant(3))));
          // (i, a, b, c) -> (i + 1, b, a, [1, 2]): three swaps leave a and b exchanged.
          ConcreteFunction body = Functions.of(args, f -> List.of(f.tf().math.add(f.<TInt32>arg(0), f.tf().constant(1)),
              f.<TFloat32>arg(2), f.<TFloat32>arg(1), f.tf().constant(new float[] {1, 2})));
          var w = tf.statelessWhile(List.of(tf.constant(0), g.input("x"), g.input("z"),
              tf.constant(new float[] {5, 6})), cond, body);
          return Map.of("a", w.output().get(1), "b", w.output().get(2), "c", w.output().get(3));
        })));
    return OpConformance.tests(cases, dir);
  }

  @TestFactory
  Stream<DynamicTest> conditionals() {
    List<Case> cases = new ArrayList<>();
    for (int flag : new int[] {0, 1, -3}) {
      cases.add(Case.of("if_on_an_int32_flag_" + (flag < 0 ? "minus" + -flag : flag), m -> m
          .input("flag", INT32)
          .input("x", FLOAT32, -1, 4)
          .variable("b", Graphs.randomFloats(5, 4))
          .outputs(g -> Map.of("y", ifOnFlag(g.tf(), g.input("flag"), g.input("x"), g.variable("b")))))
          .inputs(r -> r.ints(flag, flag))
          .ops(Map.of("IF", 1, "RELU", 1, "MUL", 1, "SUB", 1, "ADD", 1, "NOT_EQUAL", 1)));
    }
    cases.add(Case.of("if_branches_return_an_argument_and_a_constant", m -> m
        .input("flag", INT32)
        .input("x", FLOAT32, -1, 4)
        .outputs(g -> {
          Ops tf = g.tf();
          List<Functions.Arg> args = List.of(arg(DT_FLOAT, -1, 4));
          ConcreteFunction then = Functions.of(args, f -> List.of(f.<TFloat32>arg(0), f.tf().constant(1f)));
          ConcreteFunction otherwise = Functions.of(args,
              f -> List.of(f.tf().math.neg(f.<TFloat32>arg(0)), f.tf().constant(2f)));
          var branch = tf.statelessIf(tf.math.greater(g.<TInt32>input("flag"), tf.constant(0)), List.of(g.input("x")),
              List.of(TFloat32.class, TFloat32.class), then, otherwise);
          return Map.of("y", branch.output().get(0), "k", branch.output().get(1));
        }))
        .inputs(r -> r.ints(1, 1)));
    cases.add(Case.of("if_on_a_constant_inlines_the_taken_branch", m -> m
        .input("x", FLOAT32, -1, 4)
        .variable("b", Graphs.randomFloats(5, 4))
        .outputs(g -> Map.of("y", ifOnFlag(g.tf(), g.tf().constant(0), g.input("x"), g.variable("b")))))
        .ops(Map.of("SUB", 1)));
    for (int index : new int[] {0, 1, 2, 7, -1}) {
      cases.add(Case.of("case_index_" + (index < 0 ? "minus" + -index : index), m -> m
          .input("index", INT32)
          .input("x", FLOAT32, -1, 4)
          .variable("w", Graphs.randomFloats(9, 4, 4))
          .outputs(g -> {
            Ops tf = g.tf();
            List<Functions.Arg> args = List.of(arg(DT_FLOAT, -1, 4), arg(DT_FLOAT, 4, 4));
            List<ConcreteFunction> branches = List.of(
                Functions.of(args, f -> List.of(f.tf().math.add(f.tf().math.mul(f.<TFloat32>arg(0),
                    f.tf().constant(2f)), f.tf().constant(1f)))),
                Functions.of(args, f -> List.of(f.tf().math.tanh(f.tf().linalg.matMul(f.<TFloat32>arg(0),
                    f.<TFloat32>arg(1))))),
                Functions.of(args, f -> List.of(f.tf().math.sub(f.tf().math.square(f.<TFloat32>arg(0)),
                    f.<TFloat32>arg(0)))));
            var c = tf.statelessCase(g.input("index"), List.of(g.input("x"), tf.identity(g.<TFloat32>variable("w"))),
                List.of(TFloat32.class), branches);
            return Map.of("y", c.output().get(0));
          }))
          .inputs(r -> r.ints(index, index)));
    }
    return OpConformance.tests(cases, dir);
  }

  /** flag != 0 ? relu(x) * 2 + b : x - 1 (flag as TF's If takes an int32: non-zero is true). */
  private static Operand<?> ifOnFlag(Ops tf, Operand<TInt32> flag, Operand<TFloat32> x, Operand<TFloat32> b) {
    List<Functions.Arg> args = List.of(arg(DT_FLOAT, -1, 4), arg(DT_FLOAT, 4));
    ConcreteFunction then = Functions.of(args, f -> List.of(f.tf().math.add(f.tf().math.mul(
        f.tf().nn.relu(f.<TFloat32>arg(0)), f.tf().constant(2f)), f.<TFloat32>arg(1))));
    ConcreteFunction otherwise = Functions.of(args,
        f -> List.of(f.tf().math.sub(f.<TFloat32>arg(0), f.tf().constant(1f))));
    return tf.statelessIf(flag, List.of(x, tf.identity(b)), List.of(TFloat32.class), then, otherwise).output().get(0);
  }
}
