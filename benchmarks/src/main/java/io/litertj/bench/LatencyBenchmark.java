package io.litertj.bench;

import io.litertj.LiteRtConverter;
import io.litertj.calibrate.LiteRtRunner;
import io.litertj.dataset.NdArray;
import io.litertj.dataset.NpzDataset;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.quantize.IoType;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.tflite.TfliteReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our files against the official converter's, in one LiteRT run: for every shared model with an
 * official float or int8 reference, the same source is converted by us (int8 calibrated on the
 * folder's calibration set, with int8 I/O as the official int8 files have), and both files run on
 * one thread, interleaved, on the first held-out sample. Prints per model the median latency of
 * each, their ratio, the size ratio and, for int8, each file's SNR against the float reference
 * (the source's own outputs, or the official float file's where the folder has none), then the
 * geometric mean of the latency ratios.
 *
 * <p>Arguments: the shared models folder (default {@code ../shared/models}), the measured runs per
 * file (default 30, after 10 warm-up runs), and optionally a part of the model names to measure.
 */
public final class LatencyBenchmark {

  /** One model: where its source and references are, and how to read its samples. */
  private record Case(String name, Path source, String signature, Path officialFloat, Path officialInt8,
      Path inputs, Path expected, Path calibration) {}

  private record Row(String model, String mode, double oursMs, double officialMs, long oursBytes, long officialBytes,
      double oursSnr, double officialSnr) {}

  private LatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args.length > 0 ? args[0] : "../shared/models");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    String only = args.length > 2 ? args[2] : "";
    if (!Files.isDirectory(shared)) {
      System.out.println("latency benchmark: " + shared + " is absent; skipped");
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (Case c : cases(shared)) {
      if (!Files.exists(c.source()) || !c.name().contains(only)) {
        continue;
      }
      try {
        if (c.officialFloat() != null && Files.exists(c.officialFloat())) {
          byte[] ours = convert(c, null);
          rows.add(measure(c, "float32", ours, Files.readAllBytes(c.officialFloat()), runs));
        }
        if (c.officialInt8() != null && Files.exists(c.officialInt8())) {
          byte[] ours = convert(c, QuantizationOptions.of(QuantizationMode.INT8).withIoTypes(IoType.INT8, IoType.INT8));
          rows.add(measure(c, "int8", ours, Files.readAllBytes(c.officialInt8()), runs));
        }
      } catch (RuntimeException e) {
        System.out.println(c.name() + ": not measured: " + e.getMessage());
      }
    }
    print(rows, runs);
  }

  private static List<Case> cases(Path shared) {
    List<Case> out = new ArrayList<>();
    for (String m : List.of("gen_keras3_modern_cnn/mobilenet_v3_large_075", "gen_keras3_modern_cnn/convnext_mini",
        "gen_keras3_transformer/text_encoder", "gen_keras3_transformer/tiny_vit", "gen_keras3_attention",
        "gen_keras3_op_layers/ops_arith", "gen_keras3_op_layers/ops_reduce", "gen_keras3_op_layers/ops_select")) {
      Path d = shared.resolve(m);
      out.add(new Case(m, d.resolve("saved_model"), "serving_default", d.resolve("reference/model_float32.tflite"),
          d.resolve("reference/model_int8.tflite"), d.resolve("inputs.npz"), d.resolve("outputs.npz"),
          d.resolve("calibration.npz")));
    }
    Path lstm = shared.resolve("gen_keras2_style_fused_lstm");
    out.add(new Case("gen_keras2_style_fused_lstm (batch 1)", lstm.resolve("saved_model"), "serving_batch1",
        lstm.resolve("reference/model_batch1_float32.tflite"), lstm.resolve("reference/model_batch1_int8.tflite"),
        lstm.resolve("inputs_batch1.npz"), lstm.resolve("outputs_batch1.npz"), lstm.resolve("calibration.npz")));
    for (String m : List.of("lstm_stack", "gru", "simplernn_relu", "bilstm_tokens", "lstm_go_backwards",
        "lstm_return_state")) {
      Path d = shared.resolve("gen_keras3_rnn").resolve(m);
      out.add(new Case("gen_keras3_rnn/" + m + " (batch 1)", d.resolve("saved_model_batch1"), "serving_default",
          d.resolve("reference/model_batch1_float32.tflite"), null, d.resolve("inputs_batch1.npz"),
          d.resolve("outputs_batch1.npz"), null));
    }
    Path resnet = shared.resolve("mlperf_tiny_resnet8_h5");
    out.add(new Case("mlperf_tiny_resnet8", resnet.resolve("pretrainedResnet.h5"), null,
        resnet.resolve("reference_same_weights/model_float32.tflite"),
        resnet.resolve("reference_same_weights/model_int8_io_int8.tflite"),
        resnet.resolve("reference_same_weights/evaluation_100.npz"), null,
        resnet.resolve("reference_same_weights/calibration_100.npz")));
    Path kws = shared.resolve("mlperf_tiny_kws_dscnn_tf2");
    out.add(new Case("mlperf_tiny_kws_dscnn", kws, "serving_default",
        kws.resolve("reference_same_weights/model_float32.tflite"),
        kws.resolve("reference_same_weights/model_int8_io_int8.tflite"),
        kws.resolve("reference_same_weights/evaluation_100.npz"), null,
        kws.resolve("reference_same_weights/calibration_100.npz")));
    return out;
  }

  private static byte[] convert(Case c, QuantizationOptions quantization) {
    LiteRtConverter.Builder b = c.signature() == null ? LiteRtConverter.fromKeras(c.source())
        : LiteRtConverter.fromSavedModel(c.source()).signatureKeys(c.signature());
    if (quantization != null) {
      b = b.quantize(quantization).representativeDataset(renamed(NpzDataset.read(c.calibration()), b, c))
          .qualityReport(false);
    }
    return b.convert().bytes();
  }

  /**
   * The calibration samples under the converted model's input names (a Keras file names its input
   * after its InputLayer; the single array of a one-input folder is taken whatever its name).
   */
  private static Iterable<Map<String, NdArray>> renamed(NpzDataset dataset, LiteRtConverter.Builder b, Case c) {
    if (dataset.arrays().size() != 1 || c.signature() != null) {
      return dataset;
    }
    String name = inputNames(LiteRtConverter.fromKeras(c.source()).convert().bytes()).get(0);
    NdArray all = dataset.arrays().values().iterator().next();
    List<Map<String, NdArray>> samples = new ArrayList<>();
    for (int i = 0; i < all.shape()[0]; i++) {
      samples.add(Map.of(name, all.slice0(i)));
    }
    return samples;
  }

  private static Row measure(Case c, String mode, byte[] ours, byte[] official, int runs) {
    Map<String, NdArray> inputs = NpzDataset.read(c.inputs()).arrays();
    double snrA = mode.equals("int8") ? snr(c, ours, inputs) : Double.NaN;
    double snrB = mode.equals("int8") ? snr(c, official, inputs) : Double.NaN;
    Map<String, NdArray> sample = sample(inputs, 0);
    Timed a = new Timed(ours, sample);
    Timed b = new Timed(official, sample);
    try (a; b) {
      double warm = 0;
      for (int i = 0; i < 10; i++) {
        warm += a.invoke() + b.invoke();
      }
      // Small models take microseconds: at least half a second of pairs, so the medians settle.
      int n = (int) Math.min(20_000, Math.max(runs, Math.ceil(500 / Math.max(warm / 10, 1e-3))));
      double[] ta = new double[n];
      double[] tb = new double[n];
      for (int i = 0; i < n; i++) {
        ta[i] = a.invoke();
        tb[i] = b.invoke();
      }
      return new Row(c.name(), mode, median(ta), median(tb), ours.length, official.length, snrA, snrB);
    }
  }

  private static Map<String, NdArray> sample(Map<String, NdArray> inputs, int i) {
    Map<String, NdArray> sample = new LinkedHashMap<>();
    inputs.forEach((k, v) -> sample.put(k, v.slice0(i)));
    return sample;
  }

  /**
   * SNR over every held-out sample (up to 8), each run once in a fresh interpreter: an official
   * fused-LSTM file keeps its state from one invocation to the next.
   */
  private static double snr(Case c, byte[] model, Map<String, NdArray> inputs) {
    int n = Math.min(8, inputs.values().iterator().next().shape()[0]);
    double signal = 0;
    double noise = 0;
    for (int i = 0; i < n; i++) {
      Map<String, NdArray> sample = sample(inputs, i);
      float[] reference = reference(c, sample, i);
      float[] got;
      try (Timed t = new Timed(model, sample)) {
        t.invoke();
        got = t.outputFloats();
      }
      for (int k = 0; k < Math.min(reference.length, got.length); k++) {
        signal += (double) reference[k] * reference[k];
        double d = reference[k] - got[k];
        noise += d * d;
      }
    }
    return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
  }

  /** The float reference for sample {@code i}: the source's own outputs, else the official float file's. */
  private static float[] reference(Case c, Map<String, NdArray> sample, int i) {
    try {
      if (c.expected() != null && Files.exists(c.expected())) {
        NdArray all = NpzDataset.read(c.expected()).arrays().values().iterator().next();
        return all.slice0(i).floats();
      }
      try (Timed f = new Timed(Files.readAllBytes(c.officialFloat()), sample)) {
        f.invoke();
        return f.outputFloats();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One file's interpreter on one sample, its inputs quantized where the file takes integers. */
  private static final class Timed implements AutoCloseable {
    private final LiteRtRunner runner;
    private final Map<String, NdArray> inputs = new LinkedHashMap<>();
    private final Tensor output;

    Timed(byte[] model, Map<String, NdArray> sample) {
      Subgraph g = TfliteReader.read(model).subgraphs().get(0);
      runner = new LiteRtRunner(model, g.name());
      List<Tensor> ins = new ArrayList<>(g.inputs().values());
      List<String> names = new ArrayList<>(g.inputs().keySet());
      List<NdArray> values = new ArrayList<>(sample.values());
      for (int i = 0; i < ins.size(); i++) {
        NdArray v = sample.containsKey(names.get(i)) ? sample.get(names.get(i)) : values.get(i);
        inputs.put(names.get(i), quantized(v, ins.get(i)));
      }
      output = g.outputs().values().iterator().next();
    }

    /** Milliseconds of one invocation. */
    double invoke() {
      long t0 = System.nanoTime();
      runner.invoke(inputs);
      return (System.nanoTime() - t0) / 1e6;
    }

    float[] outputFloats() {
      NdArray out = runner.outputs().values().iterator().next();
      if (out.type() == DataType.FLOAT32) {
        return out.floats();
      }
      QuantizationParams q = output.quantization();
      float[] f = new float[out.data().length];
      for (int i = 0; i < f.length; i++) {
        int v = out.type() == DataType.UINT8 ? out.data()[i] & 0xff : out.data()[i];
        f[i] = (float) ((v - q.zeroPoint()) * (double) q.scale());
      }
      return f;
    }

    @Override
    public void close() {
      runner.close();
    }
  }

  private static NdArray quantized(NdArray v, Tensor input) {
    if (input.type() == v.type() || v.type() != DataType.FLOAT32) {
      return v;
    }
    if (input.type() != DataType.INT8 || input.quantization() == null) {
      throw new IllegalStateException("input " + input.name() + " is " + input.type());
    }
    QuantizationParams q = input.quantization();
    float[] f = v.floats();
    byte[] out = new byte[f.length];
    for (int i = 0; i < f.length; i++) {
      long x = Math.round(f[i] / q.scale()) + q.zeroPoint();
      out[i] = (byte) Math.max(-128, Math.min(127, x));
    }
    return new NdArray(DataType.INT8, v.shape(), out);
  }

  private static List<String> inputNames(byte[] model) {
    LiteRtModel m = TfliteReader.read(model);
    return new ArrayList<>(m.subgraphs().get(0).inputs().keySet());
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static void print(List<Row> rows, int runs) {
    System.out.printf(Locale.ROOT, "LiteRT latency, one thread, median of at least %d runs (and of half a second)"
        + " after 10 warm-up runs, batch 1; int8 SNR against the float reference over up to 8 held-out samples%n%n",
        runs);
    System.out.println("| model | mode | ours ms | official ms | latency ratio | size ratio | SNR ours dB | SNR official dB |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
    double logSum = 0;
    for (Row r : rows) {
      double ratio = r.oursMs() / r.officialMs();
      logSum += Math.log(ratio);
      System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.2f | %.3f | %s | %s |%n", r.model(), r.mode(),
          r.oursMs(), r.officialMs(), ratio, r.oursBytes() / (double) r.officialBytes(), db(r.oursSnr()),
          db(r.officialSnr()));
    }
    if (!rows.isEmpty()) {
      System.out.printf(Locale.ROOT, "%ngeometric mean of the latency ratios: %.3f over %d files%n",
          Math.exp(logSum / rows.size()), rows.size());
    }
  }

  private static String db(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
  }
}
