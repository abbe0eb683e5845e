package io.litertj;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.quantize.QuantizationReport;
import io.litertj.report.ReportJson;
import io.litertj.tflite.ConstantBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a conversion produced: per signature its inputs, outputs and operator count (signatures of
 * one function share a subgraph); the signatures the model has but were not converted; the LiteRT
 * operators used over the whole model; the bytes of constant data (each distinct constant once)
 * and of the written file; the quantization asked for and, checked on samples kept out of
 * calibration, how close the quantized model stays to the float one; how long each stage took;
 * and warnings about options that had no effect.
 *
 * @param source           the model converted, as the caller named it
 * @param sourceKind       {@code saved_model}, {@code keras} or {@code tflite}
 * @param output           the file written, or empty for a conversion in memory
 * @param otherSignatures  signatures of the model that were not converted
 * @param timeMillis       milliseconds per stage ({@code convert}, {@code quantize}, {@code quality_report},
 *                         {@code write}) in the order they ran, then {@code total}
 */
public record ConversionReport(String source, String sourceKind, Optional<String> output,
    List<SignatureSummary> signatures, List<String> otherSignatures, SortedMap<String, Integer> operatorCounts,
    long constantBytes, long modelBytes, Optional<QuantizationOptions> quantizationOptions,
    Optional<QuantizationReport> quantization, Map<String, Long> timeMillis, List<String> warnings) {

  public ConversionReport {
    signatures = List.copyOf(signatures);
    otherSignatures = List.copyOf(otherSignatures);
    operatorCounts = Collections.unmodifiableSortedMap(new TreeMap<>(operatorCounts));
    timeMillis = Collections.unmodifiableMap(new LinkedHashMap<>(timeMillis));
    warnings = List.copyOf(warnings);
  }

  /**
   * One converted signature.
   *
   * @param subgraph the index of the subgraph it runs; signatures of the same function share one
   */
  public record SignatureSummary(String key, int subgraph, List<TensorSummary> inputs, List<TensorSummary> outputs,
      int operatorCount) {
    public SignatureSummary {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  /**
   * A signature input or output; {@code scale} and {@code zeroPoint} are set for a per-tensor
   * quantized one. Printed as {@code name: TYPE[dims]}.
   */
  public record TensorSummary(String name, String type, List<Integer> shape, Optional<Double> scale,
      Optional<Long> zeroPoint) {
    public TensorSummary {
      shape = List.copyOf(shape);
    }

    @Override
    public String toString() {
      return name + ": " + type + shape;
    }
  }

  /** The JSON of {@code --report FILE.json}: valid JSON always (infinity as a string, NaN as null). */
  public String toJson() {
    return ReportJson.of(this);
  }

  /** Signatures, operators and sizes of {@code model}; the rest comes from the run. */
  static ConversionReport of(LiteRtModel model, long modelBytes, Run run) {
    List<SignatureSummary> signatures = new ArrayList<>();
    for (LiteRtModel.Signature s : model.signatures()) {
      Subgraph g = s.subgraph();
      signatures.add(new SignatureSummary(s.key(), model.subgraphs().indexOf(g), describe(g.inputs()),
          describe(g.outputs()), g.operators().size()));
    }
    TreeMap<String, Integer> ops = new TreeMap<>();
    for (Subgraph g : model.allSubgraphs()) { // the ops control flow runs count too
      for (Operator op : g.operators()) {
        ops.merge(op.op().name(), 1, Integer::sum);
      }
    }
    return new ConversionReport(run.source(), run.sourceKind(), run.output(), signatures, run.otherSignatures(), ops,
        ConstantBytes.of(model), modelBytes, run.options(), run.quality(), run.timeMillis(), run.warnings());
  }

  /** What the run knows besides the model. */
  record Run(String source, String sourceKind, Optional<String> output, List<String> otherSignatures,
      Optional<QuantizationOptions> options, Optional<QuantizationReport> quality, Map<String, Long> timeMillis,
      List<String> warnings) {}

  private static List<TensorSummary> describe(Map<String, Tensor> tensors) {
    List<TensorSummary> out = new ArrayList<>();
    tensors.forEach((name, t) -> {
      QuantizationParams q = t.isQuantized() && t.quantization().isPerTensor() ? t.quantization() : null;
      out.add(new TensorSummary(name, t.type().name(), Arrays.stream(t.shape().dims()).boxed().toList(),
          q == null ? Optional.empty() : Optional.of((double) q.scale()),
          q == null ? Optional.empty() : Optional.of(q.zeroPoint())));
    });
    return out;
  }
}
