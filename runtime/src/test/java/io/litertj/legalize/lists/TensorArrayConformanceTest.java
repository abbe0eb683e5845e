package io.litertj.legalize.lists;

import static io.litertj.testing.ElementType.FLOAT32;

import io.litertj.legalize.shape.OpConformance;
import io.litertj.legalize.shape.OpConformance.Case;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.TensorArray;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * TF1 TensorArrayV3 graphs (handle plus flow) written with TF Java, on dense lists, run in LiteRT
 * against TensorFlow ({@link OpConformance}: also quantized in every mode).
 */
class TensorArrayConformanceTest {

  @TempDir
  Path dir;

  @TestFactory
  Stream<DynamicTest> tensorArrays() {
    return OpConformance.tests(List.of(
        Case.of("tensor_array_written_read_gathered_and_sized", m -> m
            .input("x", FLOAT32, -1, 3)
            .outputs(g -> {
              Ops tf = g.tf();
              Operand<TFloat32> x = g.input("x");
              TensorArray ta = tf.tensorArray(tf.constant(3), TFloat32.class, TensorArray.elementShape(Shape.of(-1, 3)),
                  TensorArray.clearAfterRead(false));
              Operand<TFloat32> flow = ta.flow();
              flow = tf.tensorArrayWrite(ta.handle(), tf.constant(1), tf.math.tanh(x), flow);
              flow = tf.tensorArrayWrite(ta.handle(), tf.constant(0), x, flow);
              flow = tf.tensorArrayWrite(ta.handle(), tf.constant(2), tf.math.square(x), flow);
              Map<String, Operand<?>> out = new LinkedHashMap<>();
              out.put("read", tf.tensorArrayRead(ta.handle(), tf.constant(1), flow, TFloat32.class));
              out.put("gathered", tf.tensorArrayGather(ta.handle(), tf.constant(new int[] {2, 0, 1}), flow,
                  TFloat32.class));
              out.put("size", tf.tensorArraySize(ta.handle(), flow));
              return out;
            })),
        Case.of("tensor_array_unstacked_and_partly_scattered_unknown_element_shape", m -> m
            .input("x", FLOAT32, 4, -1)
            .outputs(g -> {
              Ops tf = g.tf();
              Operand<TFloat32> x = g.input("x");
              TensorArray whole = tf.tensorArray(tf.constant(4), TFloat32.class);
              Operand<TFloat32> wholeFlow = tf.tensorArrayScatter(whole.handle(), tf.constant(new int[] {0, 1, 2, 3}),
                  x, whole.flow());
              TensorArray part = tf.tensorArray(tf.constant(3), TFloat32.class, TensorArray.elementShape(Shape.of(-1)));
              Operand<TInt32> rows = tf.constant(new int[] {2, 0, 1});
              Operand<TFloat32> partFlow = tf.tensorArrayScatter(part.handle(), rows,
                  tf.gather(x, tf.constant(new int[] {3, 1, 0}), tf.constant(0)), part.flow());
              Map<String, Operand<?>> out = new LinkedHashMap<>();
              out.put("row", tf.tensorArrayRead(whole.handle(), tf.constant(2), wholeFlow, TFloat32.class));
              out.put("scattered", tf.tensorArrayGather(part.handle(), tf.constant(new int[] {0, 1, 2}), partFlow,
                  TFloat32.class));
              return out;
            }))), dir);
  }
}
