package io.litertj.testing;

import io.litertj.ConversionException;
import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.dataset.NdArray;
import io.litertj.ir.DataType;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quantizes a float model in every mode, calibrated on the given inputs, and runs the result beside
 * the float model in LiteRT (the quality report). An integer kernel's unmet precondition aborts the
 * process rather than failing a call, so every model the tests convert passes through here. Only a
 * model with nothing in float may be refused.
 */
public final class QuantizesInEveryMode {

  private QuantizesInEveryMode() {}

  public static void check(String name, byte[] floatModel, Map<String, TensorData> inputs) {
    Map<String, NdArray> sample = new LinkedHashMap<>();
    for (Map.Entry<String, TensorData> e : inputs.entrySet()) {
      TensorData t = e.getValue();
      if (t.type() == ElementType.STRING) {
        return; // no dataset format for strings
      }
      int[] dims = Arrays.stream(t.shape()).mapToInt(d -> (int) d).toArray();
      sample.put(e.getKey(), new NdArray(DataType.valueOf(t.type().name()), dims, t.bytes()));
    }
    Path file;
    try {
      file = Files.createTempFile("litertj-quantize-", ".tflite");
      Files.write(file, floatModel);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (QuantizationMode mode : QuantizationMode.values()) {
        try {
          ConversionResult q = LiteRtConverter.fromTflite(file).quantize(QuantizationOptions.of(mode))
              .representativeDataset(List.of(sample, sample)).convert();
          if (q.report().quantization().isEmpty()) {
            throw new AssertionError(name + " " + mode + ": no quality report, so the model did not run");
          }
        } catch (ConversionException e) {
          if (!e.getMessage().contains("already fully quantized")) {
            throw new AssertionError(name + " " + mode + ": " + e.getMessage(), e);
          }
        }
      }
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file
      }
    }
  }
}
