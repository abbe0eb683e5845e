package io.litertj.optimize.fold;

import io.litertj.ir.Activation;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;

/**
 * The clamp LiteRT applies for a fused activation ({@code CalculateActivationRange} then
 * {@code std::min(std::max(x, lo), hi)}). For FLOAT32 with no activation the range is
 * {@code [-FLT_MAX, FLT_MAX]} and for RELU {@code [0, FLT_MAX]}, so LiteRT's ADD/SUB/MUL/DIV turn
 * infinities into ±FLT_MAX; this clamp does the same. TANH and SIGN_BIT are not ranges: such ops are not folded.
 */
record FusedActivation(double lo, double hi, boolean clamps) {

  static final FusedActivation NONE = new FusedActivation(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);

  static FusedActivation of(OpOptions options, DataType type) {
    Activation a = options instanceof OpOptions.WithActivation w && w.activation() != null
        ? w.activation() : Activation.NONE;
    return switch (a) {
      case NONE -> type == DataType.FLOAT32
          ? new FusedActivation(-Float.MAX_VALUE, Float.MAX_VALUE, true) : NONE;
      case RELU -> new FusedActivation(0, type == DataType.FLOAT32 ? Float.MAX_VALUE : Double.POSITIVE_INFINITY, true);
      case RELU6 -> new FusedActivation(0, 6, true);
      case RELU_N1_TO_1 -> new FusedActivation(-1, 1, true);
      default -> throw new NotFoldable("fused activation " + a + " is not folded");
    };
  }

  float apply(float x) {
    if (!clamps) {
      return x;
    }
    float lo = (float) this.lo;
    float hi = (float) this.hi;
    float v = x < lo ? lo : x; // std::max(x, lo)
    return hi < v ? hi : v; // std::min(v, hi)
  }

  double apply(double x) {
    if (!clamps) {
      return x;
    }
    double v = x < lo ? lo : x;
    return hi < v ? hi : v;
  }

  long apply(long x) {
    if (!clamps) {
      return x;
    }
    if (x < lo) {
      return (long) lo;
    }
    return hi < x ? (long) hi : x;
  }
}
