package io.litertj.cli;

import io.litertj.ConversionReport;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;

/** The few lines the CLI prints after a successful conversion. */
final class Summary {

  private Summary() {}

  static String of(Path output, ConversionReport report) {
    StringBuilder text = new StringBuilder();
    text.append(String.format("Wrote %s (%,d bytes, %,d of them constants)%n", output, report.modelBytes(),
        report.constantBytes()));
    for (ConversionReport.SignatureSummary s : report.signatures()) {
      text.append(String.format("  signature %s: %d operators%n    inputs:  %s%n    outputs: %s%n", s.key(),
          s.operatorCount(), String.join(", ", s.inputs()), String.join(", ", s.outputs())));
    }
    StringJoiner ops = new StringJoiner(", ");
    for (Map.Entry<String, Integer> e : report.operatorCounts().entrySet()) {
      ops.add(e.getKey() + " x" + e.getValue());
    }
    text.append("  operators: ").append(ops.length() == 0 ? "none" : ops.toString());
    report.quantization().ifPresent(q -> text.append(System.lineSeparator()).append(q.summary()));
    return text.toString();
  }
}
