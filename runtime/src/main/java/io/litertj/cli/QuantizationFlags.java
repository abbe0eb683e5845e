package io.litertj.cli;

import io.litertj.LiteRtConverter;
import io.litertj.calibrate.CalibrationMethod;
import io.litertj.dataset.NpzDataset;
import io.litertj.quantize.IoType;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** The quantization flags of the command line (checked by {@link OptionChecks}), applied to a builder. */
record QuantizationFlags(QuantizationMode mode, Path dataset, Path evaluation, IoType inputType, IoType outputType,
    boolean int8Only, boolean perTensorDense, List<String> keepFloat, CalibrationMethod method) {

  void apply(LiteRtConverter.Builder builder) {
    if (mode == null) {
      return;
    }
    QuantizationOptions options = QuantizationOptions.of(mode)
        .withInt8Only(int8Only)
        .withPerChannelDense(!perTensorDense)
        .withKeepFloat(keepFloat)
        .withCalibrationMethod(method)
        .withIoTypes(inputType == null ? IoType.FLOAT32 : inputType, outputType == null ? IoType.FLOAT32 : outputType);
    builder.quantize(options);
    if (dataset != null) {
      builder.representativeDataset(NpzDataset.read(dataset));
    }
    if (evaluation != null) {
      builder.evaluationDataset(NpzDataset.read(evaluation));
    }
  }

  /** Case-insensitive lower-case names, as tflite_convert spells its enums. */
  static final class ModeConverter implements CommandLine.ITypeConverter<QuantizationMode> {
    @Override
    public QuantizationMode convert(String value) {
      return parse(QuantizationMode.class, value);
    }
  }

  static final class IoConverter implements CommandLine.ITypeConverter<IoType> {
    @Override
    public IoType convert(String value) {
      return parse(IoType.class, value);
    }
  }

  static final class MethodConverter implements CommandLine.ITypeConverter<CalibrationMethod> {
    @Override
    public CalibrationMethod convert(String value) {
      return parse(CalibrationMethod.class, value);
    }
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + allowed);
    }
  }
}
