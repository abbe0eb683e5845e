package io.litertj.legalize.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.family.TType;

/**
 * TF Java functions for control-flow ops (While's cond and body, If's branches): arguments
 * {@code a0, a1, ...} in order, outputs {@code o0, o1, ...} in order, as TF passes them.
 */
public final class Functions {

  private Functions() {}

  /** One argument: its TF type (DT_VARIANT for element lists) and shape (null: unknown rank). */
  public record Arg(DataType type, Shape shape) {}

  public static Arg arg(DataType type, long... dims) {
    return new Arg(type, Shape.of(dims));
  }

  public static Arg scalar(DataType type) {
    return new Arg(type, Shape.scalar());
  }

  /** An element list (a TensorList handle). */
  public static Arg list() {
    return new Arg(DataType.DT_VARIANT, Shape.scalar());
  }

  /** What a function body sees. */
  public record Body(Ops tf, List<Operand<?>> args) {
    @SuppressWarnings("unchecked")
    public <T extends TType> Operand<T> arg(int i) {
      return (Operand<T>) args.get(i);
    }
  }

  public static ConcreteFunction of(List<Arg> args, Function<Body, List<? extends Operand<?>>> body) {
    return ConcreteFunction.create(tf -> {
      Graph g = (Graph) tf.scope().env();
      List<Operand<?>> placeholders = new ArrayList<>();
      Signature.Builder sig = Signature.builder();
      for (int i = 0; i < args.size(); i++) {
        Arg a = args.get(i);
        var b = g.opBuilder("Placeholder", String.format("a%02d", i), tf.scope()).setAttr("dtype", a.type());
        if (a.shape() != null) {
          b.setAttr("shape", a.shape());
        }
        Output<?> out = b.build().output(0);
        placeholders.add(out);
        sig.input(String.format("a%02d", i), out);
      }
      List<? extends Operand<?>> outs = body.apply(new Body(tf, placeholders));
      for (int i = 0; i < outs.size(); i++) {
        sig.output(String.format("o%02d", i), outs.get(i));
      }
      return sig.build();
    });
  }
}
