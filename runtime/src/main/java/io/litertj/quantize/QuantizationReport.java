package io.litertj.quantize;

import java.util.List;
import java.util.Locale;

/**
 * How far a quantized model's results are from the float model's, on the same samples.
 *
 * @param samples      samples compared
 * @param outputs      per model output, in signature order
 * @param worstTensors the ten intermediate tensors with the lowest SNR
 */
public record QuantizationReport(int samples, List<OutputMetrics> outputs, List<TensorMetrics> worstTensors) {

  public QuantizationReport {
    outputs = List.copyOf(outputs);
    worstTensors = List.copyOf(worstTensors);
  }

  /**
   * Error of one model output.
   *
   * @param top1Agreement fraction of rows whose arg-max agrees; NaN when the output is not a score vector
   */
  public record OutputMetrics(String name, double maxAbsError, double meanSquaredError, double snrDb,
      double cosineSimilarity, double top1Agreement) {}

  /** Error of one intermediate tensor (matched by name between the two models). */
  public record TensorMetrics(String name, double snrDb, double maxAbsError) {}

  /** A few lines for a terminal. */
  public String summary() {
    StringBuilder b = new StringBuilder("quantization report on ").append(samples).append(" samples\n");
    for (OutputMetrics o : outputs) {
      b.append(String.format(Locale.ROOT, "  output %s: SNR %.2f dB, cosine %.6f, max |err| %.4g, MSE %.4g%s%n",
          o.name(), o.snrDb(), o.cosineSimilarity(), o.maxAbsError(), o.meanSquaredError(),
          Double.isNaN(o.top1Agreement()) ? "" : String.format(Locale.ROOT, ", top-1 %.3f", o.top1Agreement())));
    }
    if (!worstTensors.isEmpty()) {
      b.append("  worst tensors:\n");
      for (TensorMetrics t : worstTensors) {
        b.append(String.format(Locale.ROOT, "    %.2f dB  %s%n", t.snrDb(), t.name()));
      }
    }
    return b.toString();
  }

  /** All of it as JSON (for {@code --report FILE.json}). */
  public String toJson() {
    StringBuilder b = new StringBuilder("{\n  \"samples\": ").append(samples).append(",\n  \"outputs\": [");
    for (int i = 0; i < outputs.size(); i++) {
      OutputMetrics o = outputs.get(i);
      b.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(quote(o.name()))
          .append(", \"max_abs_error\": ").append(num(o.maxAbsError()))
          .append(", \"mean_squared_error\": ").append(num(o.meanSquaredError()))
          .append(", \"snr_db\": ").append(num(o.snrDb()))
          .append(", \"cosine_similarity\": ").append(num(o.cosineSimilarity()))
          .append(", \"top1_agreement\": ").append(num(o.top1Agreement())).append('}');
    }
    b.append("\n  ],\n  \"worst_tensors\": [");
    for (int i = 0; i < worstTensors.size(); i++) {
      TensorMetrics t = worstTensors.get(i);
      b.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(quote(t.name()))
          .append(", \"snr_db\": ").append(num(t.snrDb()))
          .append(", \"max_abs_error\": ").append(num(t.maxAbsError())).append('}');
    }
    return b.append("\n  ]\n}\n").toString();
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "null" : Double.isInfinite(v) ? (v > 0 ? "1e999" : "-1e999") : Double.toString(v);
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
