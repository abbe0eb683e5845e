package io.litertj.quantize;

import java.util.List;
import java.util.Locale;

/**
 * How far a quantized model's results are from the float model's, on the same samples.
 *
 * @param samples      samples compared
 * @param outputs      per model output, in signature order
 * @param worstTensors the ten intermediate tensors with the lowest SNR (model inputs are not among them)
 * @param evaluatedOn  which samples were compared, in words ("20 samples held out of calibration"); may be empty
 */
public record QuantizationReport(int samples, List<OutputMetrics> outputs, List<TensorMetrics> worstTensors,
    String evaluatedOn) {

  public QuantizationReport {
    outputs = List.copyOf(outputs);
    worstTensors = List.copyOf(worstTensors);
    evaluatedOn = evaluatedOn == null ? "" : evaluatedOn;
  }

  public QuantizationReport(int samples, List<OutputMetrics> outputs, List<TensorMetrics> worstTensors) {
    this(samples, outputs, worstTensors, "");
  }

  /** The same report, saying which samples it was measured on. */
  public QuantizationReport evaluatedOn(String description) {
    return new QuantizationReport(samples, outputs, worstTensors, description);
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
    StringBuilder b = new StringBuilder("quantization report on ")
        .append(evaluatedOn.isEmpty() ? samples + " samples" : evaluatedOn).append('\n');
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
}
