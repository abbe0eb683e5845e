package io.litertj.quantize;

import io.litertj.calibrate.Calibrator;
import io.litertj.calibrate.LiteRtRunner;
import io.litertj.calibrate.ProbeVariant;
import io.litertj.calibrate.ProgressListener;
import io.litertj.dataset.NdArray;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the float and the quantized model side by side in LiteRT on the same samples and measures
 * the quantized model's error, per output and per intermediate tensor (tensors are matched by
 * name: the quantizer keeps the float tensors' names). Integer tensors are dequantized first;
 * integer model inputs get the samples quantized with their own params.
 */
public final class QualityReporter {

  private static final int WORST = 10;

  private QualityReporter() {}

  /**
   * Compares the models signature by signature on the {@code dataset}'s samples: every signature
   * the samples cover (the first one always). With several, output and tensor names are prefixed
   * with the signature key ({@code "predict/logits"}).
   */
  public static QuantizationReport report(LiteRtModel floatModel, LiteRtModel quantized,
      Iterable<Map<String, NdArray>> dataset, ProgressListener listener) {
    List<Subgraph> compared = new ArrayList<>();
    for (Subgraph fs : floatModel.subgraphs()) {
      if (compared.isEmpty() || (Calibrator.computesInFloat(fs) && Calibrator.covers(dataset, fs))) {
        compared.add(fs);
      }
    }
    Map<String, ErrorStats> outputs = new LinkedHashMap<>();
    Map<String, ErrorStats> tensors = new LinkedHashMap<>();
    int samples = 0;
    for (Subgraph fs : compared) {
      Subgraph qs = quantized.subgraphs().stream().filter(s -> s.name().equals(fs.name())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("the quantized model has no signature '" + fs.name() + "'"));
      String prefix = compared.size() > 1 ? fs.name() + "/" : "";
      int n = compare(floatModel, fs, quantized, qs, Calibrator.samplesFor(floatModel, fs, dataset), prefix, outputs,
          tensors, listener);
      samples = samples == 0 ? n : samples;
    }
    List<QuantizationReport.OutputMetrics> outs = new ArrayList<>();
    outputs.forEach((name, s) -> outs.add(new QuantizationReport.OutputMetrics(name, s.maxAbs(), s.mse(), s.snrDb(),
        s.cosine(), s.top1())));
    List<QuantizationReport.TensorMetrics> worst = new ArrayList<>();
    tensors.forEach((name, s) -> worst.add(new QuantizationReport.TensorMetrics(name, s.snrDb(), s.maxAbs())));
    worst.sort(Comparator.comparingDouble(QuantizationReport.TensorMetrics::snrDb)
        .thenComparing(QuantizationReport.TensorMetrics::name));
    return new QuantizationReport(samples, outs, worst.subList(0, Math.min(WORST, worst.size())));
  }

  /** Runs one signature of both models on the samples, adding to the stats; returns the sample count. */
  private static int compare(LiteRtModel floatModel, Subgraph fs, LiteRtModel quantized, Subgraph qs,
      Iterable<Map<String, NdArray>> samples, String prefix, Map<String, ErrorStats> outputs,
      Map<String, ErrorStats> tensors, ProgressListener listener) {
    Map<String, Tensor> fWatched = new LinkedHashMap<>();
    Map<String, Tensor> qWatched = new LinkedHashMap<>();
    byte[] fBytes = bytes(floatModel, ProbeVariant.build(fs, t -> t.type() == DataType.FLOAT32, fWatched));
    byte[] qBytes = bytes(quantized, ProbeVariant.build(qs, QualityReporter::readable, qWatched));
    Map<String, String> pairs = pairByTensorName(fWatched, qWatched);
    // A model input is the sample itself: its error is the input's rounding, not the model's.
    java.util.Set<String> inputs = new java.util.HashSet<>();
    fs.inputs().values().forEach(t -> inputs.add(t.name()));
    pairs.keySet().removeIf(out -> inputs.contains(fWatched.get(out).name()));
    List<String> measured = fs.outputs().keySet().stream()
        .filter(k -> measurable(fs.outputs().get(k)) && qs.outputs().containsKey(k) && measurable(qs.outputs().get(k)))
        .toList();
    measured.forEach(k -> outputs.put(prefix + k, new ErrorStats()));
    int total = 0;
    for (Map<String, NdArray> ignored : samples) {
      total++;
    }
    int count = 0;
    try (LiteRtRunner f = new LiteRtRunner(fBytes, fs.name()); LiteRtRunner q = new LiteRtRunner(qBytes, qs.name())) {
      for (Map<String, NdArray> sample : samples) {
        f.invoke(sample);
        q.invoke(toInputTypes(sample, qs));
        for (String name : measured) {
          float[] ref = floats(f.outputView(name), fs.outputs().get(name));
          float[] ours = floats(q.outputView(name), qs.outputs().get(name));
          int[] shape = fs.outputs().get(name).shape().dims();
          outputs.get(prefix + name).add(ref, ours, shape.length == 2 ? shape[1] : 0);
        }
        for (Map.Entry<String, String> p : pairs.entrySet()) {
          float[] ref = floats(f.outputView(p.getKey()), fWatched.get(p.getKey()));
          float[] ours = floats(q.outputView(p.getValue()), qWatched.get(p.getValue()));
          tensors.computeIfAbsent(prefix + fWatched.get(p.getKey()).name(), k -> new ErrorStats()).add(ref, ours, 0);
        }
        count++;
        listener.onProgress(prefix.isEmpty() ? "report" : "report " + fs.name(), count, total);
      }
    }
    return count;
  }

  private static boolean readable(Tensor t) {
    return t.type() == DataType.FLOAT32 || (t.isQuantized() && t.quantization().isPerTensor()
        && (t.type() == DataType.INT8 || t.type() == DataType.UINT8 || t.type() == DataType.INT16));
  }

  private static byte[] bytes(LiteRtModel model, Subgraph variant) {
    LiteRtModel m = new LiteRtModel(model.description());
    m.addSubgraph(variant);
    return new TfliteWriter().toBytes(m);
  }

  private static Map<String, String> pairByTensorName(Map<String, Tensor> f, Map<String, Tensor> q) {
    Map<String, String> qByTensor = new HashMap<>();
    q.forEach((out, t) -> qByTensor.putIfAbsent(t.name(), out));
    Map<String, String> pairs = new LinkedHashMap<>();
    f.forEach((out, t) -> {
      String other = qByTensor.get(t.name());
      if (other != null && out.startsWith("__") && other.startsWith("__")) { // outputs are reported apart
        pairs.put(out, other);
      }
    });
    return pairs;
  }

  private static Map<String, NdArray> toInputTypes(Map<String, NdArray> sample, Subgraph s) {
    Map<String, NdArray> out = new LinkedHashMap<>();
    sample.forEach((name, a) -> {
      Tensor t = s.inputs().get(name);
      out.put(name, t == null || t.type() == a.type() ? a : quantize(a, t));
    });
    return out;
  }

  private static NdArray quantize(NdArray a, Tensor t) {
    float[] v = a.floats();
    QuantizationParams q = t.quantization();
    int width = t.type().byteSize();
    long lo = t.type() == DataType.UINT8 ? 0 : t.type() == DataType.INT8 ? -128 : -32768;
    long hi = t.type() == DataType.UINT8 ? 255 : t.type() == DataType.INT8 ? 127 : 32767;
    ByteBuffer b = ByteBuffer.allocate(v.length * width).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      long r = Math.max(lo, Math.min(hi, ActivationParams.roundHalfAway(x / q.scale()) + q.zeroPoint()));
      if (width == 1) {
        b.put((byte) r);
      } else {
        b.putShort((short) r);
      }
    }
    return new NdArray(t.type(), a.shape(), b.array());
  }

  /** Output types the report can measure: floats, quantized or plain integers, booleans (0 or 1). */
  private static boolean measurable(Tensor t) {
    return switch (t.type()) {
      case FLOAT32, INT8, UINT8, INT16, INT32, INT64, BOOL -> true;
      default -> false;
    };
  }

  /** The values as floats: quantized integers dequantized, plain integers and booleans as they are. */
  private static float[] floats(ByteBuffer view, Tensor t) {
    QuantizationParams q = t.isQuantized() ? t.quantization() : null;
    float s = q == null ? 1f : q.scale();
    long zp = q == null ? 0 : q.zeroPoint();
    float[] out;
    switch (t.type()) {
      case FLOAT32 -> {
        out = new float[view.remaining() / 4];
        view.asFloatBuffer().get(out);
      }
      case INT8, UINT8, BOOL -> {
        out = new float[view.remaining()];
        for (int i = 0; i < out.length; i++) {
          int v = t.type() == DataType.INT8 ? view.get(i) : Byte.toUnsignedInt(view.get(i));
          out[i] = (v - zp) * s;
        }
      }
      case INT16 -> {
        out = new float[view.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
          out[i] = (view.getShort(i * 2) - zp) * s;
        }
      }
      case INT32 -> {
        out = new float[view.remaining() / 4];
        for (int i = 0; i < out.length; i++) {
          out[i] = (view.getInt(i * 4) - zp) * s;
        }
      }
      case INT64 -> {
        out = new float[view.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
          out[i] = (view.getLong(i * 8) - zp) * s;
        }
      }
      default -> throw new IllegalArgumentException("cannot measure a " + t.type() + " tensor: " + t.name());
    }
    return out;
  }
}
