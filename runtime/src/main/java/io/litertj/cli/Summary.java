package io.litertj.cli;

import io.litertj.ConversionReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The few lines the CLI prints after a successful conversion. */
final class Summary {

  private Summary() {}

  static String of(Path output, ConversionReport report) {
    StringBuilder text = new StringBuilder();
    text.append(String.format("Wrote %s (%,d bytes, %,d of them constants)%n", output, report.modelBytes(),
        report.constantBytes()));
    // Signatures of one function share a subgraph: one entry for all their keys.
    Map<Integer, List<ConversionReport.SignatureSummary>> bySubgraph = new LinkedHashMap<>();
    for (ConversionReport.SignatureSummary s : report.signatures()) {
      bySubgraph.computeIfAbsent(s.subgraph(), k -> new ArrayList<>()).add(s);
    }
    for (List<ConversionReport.SignatureSummary> group : bySubgraph.values()) {
      ConversionReport.SignatureSummary s = group.get(0);
      List<String> keys = group.stream().map(ConversionReport.SignatureSummary::key).toList();
      text.append(String.format("  signature%s %s%s: %d operators%n    inputs:  %s%n    outputs: %s%n",
          keys.size() > 1 ? "s" : "", String.join(", ", keys), keys.size() > 1 ? " (one subgraph)" : "",
          s.operatorCount(), join(s.inputs()), join(s.outputs())));
    }
    if (!report.otherSignatures().isEmpty()) {
      text.append(String.format("  not converted: %s (name signatures with --saved_model_signature_key)%n",
          String.join(", ", report.otherSignatures())));
    }
    StringJoiner ops = new StringJoiner(", ");
    for (Map.Entry<String, Integer> e : report.operatorCounts().entrySet()) {
      ops.add(e.getKey() + " x" + e.getValue());
    }
    text.append("  operators: ").append(ops.length() == 0 ? "none" : ops.toString());
    report.quantization().ifPresent(q -> text.append(System.lineSeparator()).append(q.summary().stripTrailing()));
    return text.toString();
  }

  private static String join(List<ConversionReport.TensorSummary> tensors) {
    return String.join(", ", tensors.stream().map(Object::toString).toList());
  }
}
