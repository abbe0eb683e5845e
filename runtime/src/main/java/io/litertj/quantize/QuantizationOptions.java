package io.litertj.quantize;

import io.litertj.calibrate.CalibrationMethod;
import java.util.List;
import java.util.Objects;

/**
 * What to quantize and how. Start from {@link #of(QuantizationMode)} and adjust with the
 * {@code with…} methods.
 *
 * @param mode                  the recipe
 * @param inputType             model input type for full-integer modes (FLOAT32 keeps float I/O)
 * @param outputType            model output type for full-integer modes
 * @param int8Only              full integer: an op without an integer kernel is an error, not a float fallback
 * @param perChannelDense       FULLY_CONNECTED weights per channel (higher operator version) rather than per tensor
 * @param keepFloat             what stays in float: op names ({@code SOFTMAX}), tensor-name globs ({@code *dense*}),
 *                              or {@code regex:EXPR}; the same syntax in the CLI ({@code --keep_float}) and recipes
 * @param dynamicRangeMinElements dynamic range: constants with fewer elements stay float
 * @param calibrationMethod     how activation ranges are chosen
 */
public record QuantizationOptions(QuantizationMode mode, IoType inputType, IoType outputType, boolean int8Only,
    boolean perChannelDense, List<String> keepFloat, int dynamicRangeMinElements, CalibrationMethod calibrationMethod) {

  public QuantizationOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(outputType, "outputType");
    keepFloat = List.copyOf(keepFloat);
    Objects.requireNonNull(calibrationMethod, "calibrationMethod");
    if (dynamicRangeMinElements < 0) {
      throw new IllegalArgumentException("dynamicRangeMinElements must be >= 0");
    }
  }

  /** The official defaults for {@code mode}: float I/O, float fallback, per-channel dense weights, 1024 elements. */
  public static QuantizationOptions of(QuantizationMode mode) {
    return new QuantizationOptions(mode, IoType.FLOAT32, IoType.FLOAT32, false, true, List.of(), 1024,
        CalibrationMethod.MIN_MAX);
  }

  public QuantizationOptions withIoTypes(IoType input, IoType output) {
    return new QuantizationOptions(mode, input, output, int8Only, perChannelDense, keepFloat, dynamicRangeMinElements,
        calibrationMethod);
  }

  public QuantizationOptions withInt8Only(boolean value) {
    return new QuantizationOptions(mode, inputType, outputType, value, perChannelDense, keepFloat,
        dynamicRangeMinElements, calibrationMethod);
  }

  public QuantizationOptions withPerChannelDense(boolean value) {
    return new QuantizationOptions(mode, inputType, outputType, int8Only, value, keepFloat, dynamicRangeMinElements,
        calibrationMethod);
  }

  public QuantizationOptions withKeepFloat(List<String> patterns) {
    return new QuantizationOptions(mode, inputType, outputType, int8Only, perChannelDense, patterns,
        dynamicRangeMinElements, calibrationMethod);
  }

  public QuantizationOptions withDynamicRangeMinElements(int value) {
    return new QuantizationOptions(mode, inputType, outputType, int8Only, perChannelDense, keepFloat, value,
        calibrationMethod);
  }

  public QuantizationOptions withCalibrationMethod(CalibrationMethod value) {
    return new QuantizationOptions(mode, inputType, outputType, int8Only, perChannelDense, keepFloat,
        dynamicRangeMinElements, value);
  }

  /** Whether this mode needs a representative dataset. */
  public boolean needsCalibration() {
    return mode == QuantizationMode.INT8 || mode == QuantizationMode.INT16X8;
  }
}
