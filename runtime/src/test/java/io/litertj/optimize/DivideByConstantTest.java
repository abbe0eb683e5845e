package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DIV by a constant becomes MUL by its reciprocal, with LiteRT's outputs unchanged; the rest stays DIV. */
class DivideByConstantTest {

  private static final int[] S = dims(2, 3, 4);

  @Test
  void divisionByAConstantBecomesMultiplicationKeepingItsActivation() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    Tensor perChannel = b.constant("c", dims(4), 3f, -0.25f, 7f, 1e-3f);
    b.output("y", b.op(BuiltinOp.DIV, new OpOptions.Div(Activation.RELU), S, x, perChannel));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -5, 5);

    assertEquals(List.of(BuiltinOp.MUL), b.ops());
    assertEquals(new OpOptions.Mul(Activation.RELU), b.only(BuiltinOp.MUL).options());
  }

  @Test
  void aConstantDividedByTheInputOrAZeroDivisorStaysDivision() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", S);
    b.output("y", b.op(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), S, b.constant("k", dims(), 2f), x));
    b.output("z", b.op(BuiltinOp.DIV, new OpOptions.Div(Activation.NONE), S, x, b.constant("zero", dims(), 0f)));

    new Optimizer(List.of(new DivideByConstant())).run(b.g);

    assertEquals(List.of(BuiltinOp.DIV, BuiltinOp.DIV), b.ops());
  }
}
