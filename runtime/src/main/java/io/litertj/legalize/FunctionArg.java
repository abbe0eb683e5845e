package io.litertj.legalize;

import io.litertj.ir.Tensor;
import java.util.Objects;

/**
 * How one argument of a function that control flow runs is bound when the function becomes a
 * subgraph: to a constant copied into the subgraph, or to one of the subgraph's inputs.
 *
 * @param value     the constant, or the tensor whose type and shape the input takes
 * @param constant  whether {@code value} is copied in as a constant (no input)
 * @param sameValue whether the input always holds {@code value} itself (an IF argument, a loop
 *                  invariant), so that what is known of its values carries over
 */
public record FunctionArg(Tensor value, boolean constant, boolean sameValue) {

  public FunctionArg {
    Objects.requireNonNull(value, "value");
    if (constant && !value.isConstant()) {
      throw new IllegalArgumentException(value + " is not a constant");
    }
  }

  /** Bound to a copy of constant {@code c}. */
  public static FunctionArg constant(Tensor c) {
    return new FunctionArg(c, true, true);
  }

  /** An input that holds {@code outer}'s value every time the subgraph runs. */
  public static FunctionArg sameAs(Tensor outer) {
    return new FunctionArg(outer, false, true);
  }

  /** An input of {@code template}'s type and shape whose value changes (a loop variable). */
  public static FunctionArg like(Tensor template) {
    return new FunctionArg(template, false, false);
  }

  public boolean isConstant() {
    return constant;
  }
}
