package io.litertj.legalize.lists;

import static io.litertj.legalize.control.Functions.arg;
import static io.litertj.legalize.control.Functions.list;
import static io.litertj.legalize.control.Functions.scalar;
import static io.litertj.testing.ElementType.FLOAT32;
import static org.tensorflow.proto.DataType.DT_FLOAT;
import static org.tensorflow.proto.DataType.DT_INT32;

import io.litertj.legalize.control.Functions;
import io.litertj.legalize.control.GraphFunctions;
import io.litertj.testing.SavedModels;
import io.litertj.legalize.shape.Graphs;
import io.litertj.legalize.shape.OpConformance;
import io.litertj.legalize.shape.OpConformance.Case;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * TensorList graphs written with TF Java, straight-line and inside While loops, converted to dense
 * tensors and run in LiteRT against TensorFlow ({@link OpConformance}: also quantized in every
 * mode). Dynamic dimensions are fed as 3.
 */
class TensorListConformanceTest {

  @TempDir
  Path dir;

  @TestFactory
  Stream<DynamicTest> tensorLists() {
    List<Case> cases = new ArrayList<>();
    cases.add(Case.of("tensor_list_written_then_stacked_read_and_measured", m -> m
        .input("x", FLOAT32, -1, 3)
        .outputs(g -> {
          Ops tf = g.tf();
          Operand<TFloat32> x = g.input("x");
          Operand<TInt32> element = tf.constant(new int[] {-1, 3});
          Operand<? extends TType> l = tf.tensorListReserve(element, tf.constant(3), TFloat32.class);
          l = tf.tensorListSetItem(l, tf.constant(0), x);
          l = tf.tensorListSetItem(l, tf.constant(2), tf.math.tanh(x));
          l = tf.tensorListSetItem(l, tf.constant(1), tf.math.mul(x, tf.constant(2f)));
          Map<String, Operand<?>> out = new LinkedHashMap<>();
          out.put("stacked", tf.tensorListStack(l, element, TFloat32.class));
          out.put("item", tf.tensorListGetItem(l, tf.constant(1), element, TFloat32.class));
          out.put("length", tf.tensorListLength(l));
          out.put("element_shape", tf.tensorListElementShape(l, TInt32.class));
          return out;
        }))
        // Each write selects (the element's first size is dynamic); the positions fold, so the masks do.
        .ops(Map.of("SELECT_V2", 3, "EXPAND_DIMS", 3, "MUL", 1, "TANH", 1, "GATHER", 1)));
    cases.add(Case.of("tensor_list_from_a_tensor_gathered_read_and_measured", m -> m
        .input("x", FLOAT32, -1, 3)
        .outputs(g -> {
          Ops tf = g.tf();
          Operand<TFloat32> x = g.input("x");
          Operand<TInt32> element = tf.constant(new int[] {3});
          Operand<? extends TType> l = tf.tensorListFromTensor(x, element);
          Operand<? extends TType> unknown = tf.tensorListFromTensor(tf.math.neg(x), tf.constant(-1));
          Map<String, Operand<?>> out = new LinkedHashMap<>();
          out.put("gathered", tf.tensorListGather(l, tf.constant(new int[] {2, 0}), element, TFloat32.class));
          out.put("item", tf.tensorListGetItem(l, tf.constant(1), element, TFloat32.class));
          out.put("length", tf.tensorListLength(l));
          out.put("element_shape", tf.tensorListElementShape(l, TInt32.class));
          out.put("unknown_element_shape", tf.tensorListElementShape(unknown, TInt32.class));
          out.put("unknown_item", tf.tensorListGetItem(unknown, tf.constant(2), tf.constant(-1), TFloat32.class));
          return out;
        })));
    cases.add(Case.of("tensor_list_of_unknown_element_shape_written_in_a_loop_dynamic_batch", m -> m
        .input("x", FLOAT32, -1, 5, 3)
        .variable("w", Graphs.randomFloats(3, 3, 3))
        .outputs(g -> Map.of("sequence", rnn(g, g.input("x"), g.variable("w"))))));
    cases.add(Case.of("tensor_list_sized_at_run_time_written_in_a_loop", m -> m
        .input("x", FLOAT32, -1, 3)
        .outputs(g -> {
          Ops tf = g.tf();
          Operand<TFloat32> x = g.input("x");
          Operand<TInt32> n = tf.squeeze(tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1})));
          Operand<TInt32> element = tf.constant(new int[] {3});
          Operand<? extends TType> in = tf.tensorListFromTensor(x, element);
          Operand<? extends TType> out = tf.tensorListReserve(element, n, TFloat32.class);
          List<Functions.Arg> args = List.of(scalar(DT_INT32), scalar(DT_INT32), list(), list());
          FunctionDef cond = GraphFunctions.of("sized_cond", args,
              f -> List.of(f.tf().math.less(f.<TInt32>arg(0), f.<TInt32>arg(1))));
          FunctionDef body = GraphFunctions.of("sized_body", args, f -> {
            Ops b = f.tf();
            Operand<TInt32> t = f.arg(0);
            Operand<TFloat32> item = b.tensorListGetItem(f.arg(3), t, b.constant(new int[] {3}), TFloat32.class);
            Operand<TFloat32> scaled = b.math.mul(item, b.dtypes.cast(t, TFloat32.class));
            return List.of(b.math.add(t, b.constant(1)), b.identity(f.<TInt32>arg(1)),
                b.tensorListSetItem(f.arg(2), t, scaled), b.identity(f.arg(3)));
          });
          var w = GraphFunctions.whileOp(g, List.of(tf.constant(0), n, out, in), cond, body);
          return Map.of("y", tf.tensorListStack(w.output(2), element, TFloat32.class));
        })));
    return OpConformance.tests(cases, dir);
  }

  /**
   * A hand-written RNN over x [batch, 5, 3] (time second): the inputs unstacked into a list, the
   * states written into a list of unknown element shape, stacked back to [batch, 5, 3].
   */
  private static Operand<?> rnn(SavedModels.Context g, Operand<TFloat32> x, Operand<TFloat32> w) {
    Ops tf = g.tf();
    Operand<TFloat32> xt = tf.linalg.transpose(x, tf.constant(new int[] {1, 0, 2}));
    Operand<? extends TType> in = tf.tensorListFromTensor(xt, tf.constant(new int[] {-1, 3}));
    Operand<? extends TType> out = tf.tensorListReserve(tf.constant(-1), tf.constant(5), TFloat32.class);
    Operand<TFloat32> h0 = tf.math.mul(tf.tensorListGetItem(in, tf.constant(0), tf.constant(new int[] {-1, 3}),
        TFloat32.class), tf.constant(0f));
    List<Functions.Arg> args = List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 3), list(), list(), arg(DT_FLOAT, 3, 3));
    FunctionDef cond = GraphFunctions.of("rnn_cond", args,
        f -> List.of(f.tf().math.less(f.<TInt32>arg(0), f.tf().constant(5))));
    FunctionDef body = GraphFunctions.of("rnn_body", args, f -> {
      Ops b = f.tf();
      Operand<TInt32> t = f.arg(0);
      Operand<TFloat32> xs = b.tensorListGetItem(f.arg(3), t, b.constant(new int[] {-1, 3}), TFloat32.class);
      Operand<TFloat32> h = b.math.tanh(b.math.add(xs, b.linalg.matMul(f.<TFloat32>arg(1), f.<TFloat32>arg(4))));
      return List.of(b.math.add(t, b.constant(1)), h, b.tensorListSetItem(f.arg(2), t, h), b.identity(f.arg(3)),
          b.identity(f.<TFloat32>arg(4)));
    });
    var loop = GraphFunctions.whileOp(g, List.of(tf.constant(0), h0, out, in, tf.identity(w)), cond, body);
    Operand<TFloat32> stacked = tf.tensorListStack(loop.output(2), tf.constant(new int[] {-1, 3}),
        TFloat32.class);
    return tf.linalg.transpose(stacked, tf.constant(new int[] {1, 0, 2}));
  }
}
