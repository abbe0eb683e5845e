package io.litertj.legalize.shape;

import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/** Small helpers for writing test graphs with TF Java. */
public final class Graphs {

  private Graphs() {}

  public static Operand<TInt32> ints(SavedModels.Context g, int... values) {
    return g.tf().constant(values);
  }

  public static Operand<TInt32> intMatrix(SavedModels.Context g, int[][] values) {
    return g.tf().constant(values);
  }

  public static Operand<TInt64> longs(SavedModels.Context g, long... values) {
    return g.tf().constant(values);
  }

  public static Operand<TInt32> scalar(SavedModels.Context g, int value) {
    return g.tf().constant(value);
  }

  /** A list input (N*T) of an op built with {@link #raw}. */
  public record InputList(List<Operand<?>> values) {}

  public static InputList list(Operand<?>... values) {
    return new InputList(List.of(values));
  }

  /**
   * A TF op by type name, for ops TF Java's {@code Ops} builds differently (output 0). Inputs are
   * operands or {@link InputList}s.
   */
  @SuppressWarnings("unchecked")
  public static <T extends TType> Operand<T> raw(SavedModels.Context g, String type, List<?> inputs,
      Consumer<OperationBuilder> attrs) {
    return (Operand<T>) rawOp(g, type, inputs, attrs).output(0);
  }

  /** As {@link #raw}, returning the operation for multi-output ops. */
  public static Operation rawOp(SavedModels.Context g, String type, List<?> inputs,
      Consumer<OperationBuilder> attrs) {
    OperationBuilder b = g.graph().opBuilder(type, g.tf().scope().makeUnique(type), g.tf().scope());
    for (Object in : inputs) {
      if (in instanceof InputList l) {
        b.addInputList(l.values().stream().map(Operand::asOutput).toArray(Output[]::new));
      } else {
        b.addInput(((Operand<?>) in).asOutput());
      }
    }
    attrs.accept(b);
    return b.build();
  }

  @SuppressWarnings("unchecked")
  public static <T extends TType> Operand<T> output(Operation op, int index) {
    return (Operand<T>) (Output<T>) op.output(index);
  }

  /** Seeded floats in [-1, 1) for weights. */
  public static TensorData randomFloats(long seed, long... shape) {
    SplittableRandom random = new SplittableRandom(seed);
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] values = new float[Math.toIntExact(n)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return TensorData.ofFloats(shape, values);
  }

  /** Seeded floats in [low, high) (e.g. positive variances). */
  public static TensorData randomFloats(long seed, double low, double high, long... shape) {
    SplittableRandom random = new SplittableRandom(seed);
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] values = new float[Math.toIntExact(n)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(low, high);
    }
    return TensorData.ofFloats(shape, values);
  }
}
