package io.litertj.cli;


import io.litertj.ConversionException;
import io.litertj.ConversionReport;
import io.litertj.LiteRtConverter;
import io.litertj.calibrate.CalibrationMethod;
import io.litertj.dataset.NpzDataset;
import io.litertj.files.AtomicFiles;
import io.litertj.quantize.IoType;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** The quantization flags of the command line, checked together and applied to a builder. */
record QuantizationFlags(QuantizationMode mode, Path dataset, IoType inputType, IoType outputType, boolean int8Only,
    boolean perTensorDense, List<String> keepFloat, CalibrationMethod method) {

  void apply(LiteRtConverter.Builder builder) {
    if (mode == null) {
      if (dataset != null || inputType != null || outputType != null || int8Only || perTensorDense
          || !keepFloat.isEmpty()) {
        throw ConversionException.builder("quantization options were given without --quantize")
            .hint("add --quantize float16|dynamic_range|int8|int16x8")
            .build();
      }
      return;
    }
    QuantizationOptions options = QuantizationOptions.of(mode)
        .withInt8Only(int8Only)
        .withPerChannelDense(!perTensorDense)
        .withKeepFloat(keepFloat)
        .withCalibrationMethod(method);
    if (inputType != null || outputType != null) {
      options = options.withIoTypes(inputType == null ? IoType.FLOAT32 : inputType,
          outputType == null ? IoType.FLOAT32 : outputType);
    }
    builder.quantize(options);
    if (dataset != null) {
      builder.representativeDataset(NpzDataset.read(dataset));
    }
  }

  /** Writes the report's JSON atomically, as the model is. */
  static void writeReport(ConversionReport report, Path file) {
    String json = report.quantization().map(q -> q.toJson()).orElseThrow(() -> ConversionException
        .builder("no quantization report was made").hint("--report needs --quantize and --representative_dataset")
        .build());
    AtomicFiles.writeString(file, "the report", json);
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
