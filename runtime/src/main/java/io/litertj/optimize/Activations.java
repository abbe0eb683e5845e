package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import java.util.Map;

/** Reading and replacing the fused activation of an operator's options. */
final class Activations {

  /** Standalone activation ops whose effect is a clamp, which every fusing kernel applies. */
  static final Map<BuiltinOp, Activation> CLAMPS = Map.of(
      BuiltinOp.RELU, Activation.RELU,
      BuiltinOp.RELU6, Activation.RELU6,
      BuiltinOp.RELU_N1_TO_1, Activation.RELU_N1_TO_1);

  private Activations() {}

  /** The op's fused activation; NONE when it has no options or the field is unset. */
  static Activation of(OpOptions options) {
    if (options instanceof OpOptions.WithActivation w && w.activation() != null) {
      return w.activation();
    }
    return Activation.NONE;
  }

  static boolean isClampOrNone(Activation a) {
    return a == Activation.NONE || CLAMPS.containsValue(a);
  }

  /**
   * {@code options} with the activation replaced, or {@code null} if this op's options have no
   * activation field. ADD/SUB/MUL/DIV without options get fresh ones.
   */
  static OpOptions with(BuiltinOp op, OpOptions options, Activation a) {
    if (options == null) {
      return switch (op) {
        case ADD -> new OpOptions.Add(a);
        case SUB -> new OpOptions.Sub(a);
        case MUL -> new OpOptions.Mul(a);
        case DIV -> new OpOptions.Div(a);
        default -> null;
      };
    }
    if (options instanceof OpOptions.Conv2D o) {
      return o.withActivation(a);
    }
    if (options instanceof OpOptions.DepthwiseConv2D o) {
      return o.withActivation(a);
    }
    if (options instanceof OpOptions.FullyConnected o) {
      return o.withActivation(a);
    }
    if (options instanceof OpOptions.Pool2D o) {
      return new OpOptions.Pool2D(o.padding(), o.strideW(), o.strideH(), o.filterW(), o.filterH(), a);
    }
    if (options instanceof OpOptions.Add o) {
      return new OpOptions.Add(a, o.potScaleInt16());
    }
    if (options instanceof OpOptions.Sub o) {
      return new OpOptions.Sub(a, o.potScaleInt16());
    }
    if (options instanceof OpOptions.Mul) {
      return new OpOptions.Mul(a);
    }
    if (options instanceof OpOptions.Div) {
      return new OpOptions.Div(a);
    }
    if (options instanceof OpOptions.TransposeConv o) {
      return new OpOptions.TransposeConv(o.padding(), o.strideW(), o.strideH(), a);
    }
    return null;
  }
}
