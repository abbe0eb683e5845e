package io.litertj.report;

import io.litertj.ConversionReport;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.quantize.QuantizationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of a {@link ConversionReport}, with snake_case keys as the official tools write them.
 * Every conversion has the source, the output, the signatures with their inputs and outputs, the
 * operators, the sizes, the time per stage and the warnings; a quantized one adds its options and,
 * when it was measured, the quality on samples kept out of calibration.
 */
public final class ReportJson {

  private ReportJson() {}

  public static String of(ConversionReport report) {
    return Json.write(tree(report));
  }

  static Map<String, Object> tree(ConversionReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("path", r.source());
    source.put("kind", r.sourceKind());
    root.put("source", source);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("path", r.output().orElse(null));
    output.put("bytes", r.modelBytes());
    output.put("constant_bytes", r.constantBytes());
    root.put("output", output);
    List<Object> signatures = new ArrayList<>();
    for (ConversionReport.SignatureSummary s : r.signatures()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", s.key());
      m.put("subgraph", s.subgraph());
      m.put("operators", s.operatorCount());
      m.put("inputs", tensors(s.inputs()));
      m.put("outputs", tensors(s.outputs()));
      signatures.add(m);
    }
    root.put("signatures", signatures);
    root.put("other_signatures", r.otherSignatures());
    root.put("operators", new LinkedHashMap<>(r.operatorCounts()));
    root.put("time_ms", r.timeMillis());
    root.put("quantization", r.quantizationOptions().map(o -> quantization(o, r.quantization().orElse(null)))
        .orElse(null));
    root.put("warnings", r.warnings());
    return root;
  }

  private static List<Object> tensors(List<ConversionReport.TensorSummary> tensors) {
    List<Object> out = new ArrayList<>();
    for (ConversionReport.TensorSummary t : tensors) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.name());
      m.put("type", t.type());
      m.put("shape", t.shape());
      t.scale().ifPresent(s -> m.put("scale", Json.number(s)));
      t.zeroPoint().ifPresent(z -> m.put("zero_point", z));
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> quantization(QuantizationOptions o, QuantizationReport quality) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", lower(o.mode()));
    m.put("inference_input_type", lower(o.inputType()));
    m.put("inference_output_type", lower(o.outputType()));
    m.put("int8_only", o.int8Only());
    m.put("per_channel_dense", o.perChannelDense());
    m.put("keep_float", o.keepFloat());
    m.put("calibration_method", o.needsCalibration() ? lower(o.calibrationMethod()) : null);
    m.put("quality", quality == null ? null : quality(quality));
    return m;
  }

  /** The quality part alone. */
  public static Map<String, Object> quality(QuantizationReport q) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("evaluated_on", q.evaluatedOn().isEmpty() ? null : q.evaluatedOn());
    m.put("samples", q.samples());
    List<Object> outputs = new ArrayList<>();
    for (QuantizationReport.OutputMetrics o : q.outputs()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", o.name());
      e.put("max_abs_error", Json.number(o.maxAbsError()));
      e.put("mean_squared_error", Json.number(o.meanSquaredError()));
      e.put("snr_db", Json.number(o.snrDb()));
      e.put("cosine_similarity", Json.number(o.cosineSimilarity()));
      e.put("top1_agreement", Json.number(o.top1Agreement()));
      outputs.add(e);
    }
    m.put("outputs", outputs);
    List<Object> worst = new ArrayList<>();
    for (QuantizationReport.TensorMetrics t : q.worstTensors()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", t.name());
      e.put("snr_db", Json.number(t.snrDb()));
      e.put("max_abs_error", Json.number(t.maxAbsError()));
      worst.add(e);
    }
    m.put("worst_tensors", worst);
    return m;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
