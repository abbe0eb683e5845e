package io.litertj.quantize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.QuantizationParams;

/** Output params that the integer kernels fix, whatever calibration says. */
public final class FixedOutputParams {

  private FixedOutputParams() {}

  /** The fixed output params of {@code op} at activation type {@code type}, or {@code null} if free. */
  public static QuantizationParams of(BuiltinOp op, DataType type) {
    if (type == DataType.INT16) {
      return switch (op) {
        case LOGISTIC, SOFTMAX, TANH -> QuantizationParams.perTensor(1f / 32768, 0);
        default -> null;
      };
    }
    return switch (op) {
      case LOGISTIC, SOFTMAX -> QuantizationParams.perTensor(1f / 256, -128);
      case TANH, L2_NORMALIZATION -> QuantizationParams.perTensor(1f / 128, 0);
      case LOG_SOFTMAX -> QuantizationParams.perTensor(16f / 256, 127);
      default -> null;
    };
  }
}
