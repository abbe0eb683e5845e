package io.litertj.legalize.math;

import static io.litertj.legalize.shape.Graphs.raw;

import io.litertj.legalize.shape.OpConformance.Case;
import io.litertj.testing.ElementType;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;

/** Builders of the small one-op graphs the math conformance tests run. */
final class MathCases {

  static final Consumer<OperationBuilder> NO_ATTRS = b -> {};

  private MathCases() {}

  static long[] s(long... dims) {
    return dims;
  }

  /** {@code y = op(x)}. */
  static Case unary(String name, String op, ElementType type, long[] shape, Consumer<OperationBuilder> attrs) {
    return Case.of(name, m -> m.input("x", type, shape)
        .output("y", g -> raw(g, op, List.of(g.input("x")), attrs)));
  }

  static Case unary(String name, String op, ElementType type, long[] shape) {
    return unary(name, op, type, shape, NO_ATTRS);
  }

  /** {@code y = op(a, b)} on two inputs. */
  static Case binary(String name, String op, ElementType type, long[] a, long[] b) {
    return Case.of(name, m -> m.input("a", type, a).input("b", type, b)
        .output("y", g -> raw(g, op, List.of(g.input("a"), g.input("b")), NO_ATTRS)));
  }

  /** {@code y = op(x, c)} with a constant right operand. */
  static Case withConstant(String name, String op, ElementType type, long[] x, TensorData c) {
    return Case.of(name, m -> m.input("x", type, x)
        .output("y", g -> raw(g, op, List.of(g.input("x"), g.constant(c)), NO_ATTRS)));
  }

  /** {@code y = op(x, w)} with a variable (a constant once converted) and attributes. */
  static Case withVariable(String name, String op, long[] x, TensorData w, Consumer<OperationBuilder> attrs) {
    return Case.of(name, m -> m.input("x", ElementType.FLOAT32, x).variable("w", w)
        .output("y", g -> raw(g, op, List.of(g.input("x"), g.variable("w")), attrs)));
  }

  /** {@code y = op(x, axes)} with constant INT32 axes. */
  static Case reduce(String name, String op, ElementType type, long[] x, int[] axes, boolean keepDims) {
    return Case.of(name, m -> m.input("x", type, x)
        .output("y", g -> raw(g, op, List.of(g.input("x"), g.tf().constant(axes)),
            b -> b.setAttr("keep_dims", keepDims))));
  }

  /** {@code y = op([inputs...])} over one list input made of inputs i0, i1, ... of one type and shape. */
  static Case nary(String name, String op, ElementType type, long[] shape, int count,
      Consumer<OperationBuilder> attrs) {
    List<Input> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inputs.add(in("i" + i, type, shape));
    }
    return listOp(name, op, inputs, attrs);
  }

  /** {@code y = op([inputs...])}: the inputs form the op's one list input (AddN, Einsum). */
  static Case listOp(String name, String op, List<Input> inputs, Consumer<OperationBuilder> attrs) {
    return Case.of(name, m -> {
      inputs.forEach(in -> m.input(in.name(), in.type(), in.shape()));
      m.output("y", g -> listOp(g, op, inputs.stream().map(in -> g.input(in.name()).asOutput())
          .toArray(Output[]::new), attrs));
    });
  }

  /** A raw op whose one input is the list {@code inputs}. */
  static Operand<?> listOp(SavedModels.Context g, String op, Output<?>[] inputs, Consumer<OperationBuilder> attrs) {
    OperationBuilder b = g.graph().opBuilder(op, g.tf().scope().makeUnique(op), g.tf().scope());
    b.addInputList(inputs);
    attrs.accept(b);
    return b.build().output(0);
  }

  /** A graph with named inputs of given types and shapes and one raw op over them. */
  static Case ops(String name, String op, List<Input> inputs, Consumer<OperationBuilder> attrs) {
    return Case.of(name, m -> {
      for (Input in : inputs) {
        m.input(in.name(), in.type(), in.shape());
      }
      m.output("y", g -> {
        List<Operand<?>> ins = new ArrayList<>();
        for (Input in : inputs) {
          ins.add(g.input(in.name()));
        }
        return raw(g, op, ins, attrs);
      });
    });
  }

  /** An input declaration for {@link #ops}. */
  record Input(String name, ElementType type, long[] shape) {}

  static Input in(String name, ElementType type, long... shape) {
    return new Input(name, type, shape);
  }
}
