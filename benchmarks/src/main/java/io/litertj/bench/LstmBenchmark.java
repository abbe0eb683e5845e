package io.litertj.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.litertj.ConversionReport;
import io.litertj.LiteRtConverter;
import io.litertj.calibrate.LiteRtRunner;
import io.litertj.dataset.NdArray;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fused against unrolled recurrent layers: a 128-step LSTM(64) Keras model ({@link LstmKerasModel})
 * converted with one UNIDIRECTIONAL_SEQUENCE_LSTM (the default) and step by step
 * ({@code unrollRecurrent(true)}, the CLI's {@code --unroll_rnn}), in float32 and every quantization
 * mode (in int16x8 the fused LSTM stays float: LiteRT has no 16x8 LSTM kernel). Per variant: file
 * size, operator count, conversion time (median of a few runs in one warm JVM, after a warm-up;
 * int8 and int16x8 include calibration), the time to load the model into a LiteRT interpreter and
 * allocate its tensors (median), and LiteRT latency on [1, 128, 32] (one thread, as bytedeco's
 * interpreter runs it by default: warm-up invokes, then the median and 90th percentile of many, each
 * including the input copy). Accuracy beside it: each
 * variant's SNR against the fused float model on 8 held-out inputs (the float unrolled one also as
 * its largest difference). It is a benchmark, not a test: nothing fails on its figures.
 *
 * <p>Writes {@code lstm-benchmark.md} and {@code lstm-benchmark.json} to the output folder and prints
 * the Markdown table. Arguments: {@code --out DIR} (default {@code benchmarks/target/lstm-bench}),
 * {@code --runs N} conversions measured per variant (default 5), {@code --invokes N} measured
 * invokes (default 300), {@code --warmup N} warm-up invokes (default 30), {@code --calibration N}
 * calibration samples (default 128; with 16 the int8 variants lose about 14 dB to ranges that the
 * held-out inputs exceed).
 */
public final class LstmBenchmark {

  private static final int HELD_OUT = 8;

  private LstmBenchmark() {}

  /** One converted variant's figures. Times in milliseconds. */
  record Variant(String name, String mode, boolean fused, long fileBytes, int operators,
      Map<String, Integer> operatorCounts, double convertMedianMs, double convertMinMs, double loadMedianMs,
      double invokeMedianMs, double invokeP90Ms, double invokeMinMs, double snrDbVsFusedFloat,
      double maxAbsDiffVsFusedFloat) {}

  /** The whole run. */
  record Result(String model, String input, String jvm, int cpus, int conversionRuns, int calibrationSamples,
      int warmupInvokes, int measuredInvokes, List<Variant> variants) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path out = Path.of(opts.getOrDefault("--out", "benchmarks/target/lstm-bench"));
    int runs = Integer.parseInt(opts.getOrDefault("--runs", "5"));
    int invokes = Integer.parseInt(opts.getOrDefault("--invokes", "300"));
    int warmup = Integer.parseInt(opts.getOrDefault("--warmup", "30"));
    int calibrationSamples = Integer.parseInt(opts.getOrDefault("--calibration", "128"));
    Files.createDirectories(out);
    Path keras = LstmKerasModel.write(out.resolve("lstm128x64.keras"));
    System.out.printf("LSTM benchmark: %s (%,d bytes): %s f32[1, %d, %d] -> LSTM(%d) -> Dense(%d)%n", keras,
        Files.size(keras), LstmKerasModel.INPUT, LstmKerasModel.STEPS, LstmKerasModel.FEATURES,
        LstmKerasModel.UNITS, LstmKerasModel.OUTPUTS);

    List<Map<String, NdArray>> calibration = samples(1, calibrationSamples);
    List<Map<String, NdArray>> heldOut = samples(2, HELD_OUT);
    float[][] reference = null;
    List<Variant> variants = new ArrayList<>();
    for (QuantizationMode mode : new QuantizationMode[] {null, QuantizationMode.FLOAT16, QuantizationMode.DYNAMIC_RANGE,
        QuantizationMode.INT8, QuantizationMode.INT16X8}) {
      for (boolean fused : new boolean[] {true, false}) {
        String modeName = mode == null ? "float32" : mode.name().toLowerCase(Locale.ROOT);
        String name = modeName + (fused ? " fused" : " unrolled");
        System.out.printf("%s: converting %d+1 times ...%n", name, runs);
        Path file = out.resolve("lstm128x64_" + modeName + (fused ? "_fused" : "_unrolled") + ".tflite");
        List<Double> convertMs = new ArrayList<>();
        ConversionReport report = null;
        for (int i = 0; i <= runs; i++) { // the first run warms up
          LiteRtConverter.Builder b = LiteRtConverter.fromKeras(keras).unrollRecurrent(!fused);
          if (mode != null) {
            b.quantize(QuantizationOptions.of(mode)).representativeDataset(calibration).qualityReport(false);
          }
          long t0 = System.nanoTime();
          report = b.convertTo(file);
          if (i > 0) {
            convertMs.add((System.nanoTime() - t0) / 1e6);
          }
        }
        byte[] bytes = Files.readAllBytes(file);
        System.out.printf("%s: %,d bytes, %d operators; timing LiteRT ...%n", name, bytes.length,
            operators(report));
        double[] load = loadTimes(bytes, 5);
        double[] latency = latencies(bytes, heldOut.get(0), warmup, invokes);
        float[][] outputs = run(bytes, heldOut);
        if (reference == null) {
          reference = outputs; // float32 fused comes first
        }
        variants.add(new Variant(name, modeName, fused, bytes.length, operators(report), report.operatorCounts(),
            median(convertMs), convertMs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
            median(load), median(latency), percentile(latency, 0.9), Arrays.stream(latency).min().orElse(Double.NaN),
            snrDb(reference, outputs), maxAbsDiff(reference, outputs)));
      }
    }
    Result result = new Result(keras.getFileName().toString(), LstmKerasModel.INPUT + " f32[1, "
        + LstmKerasModel.STEPS + ", " + LstmKerasModel.FEATURES + "]", System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version") + " " + ManagementFactory.getRuntimeMXBean().getInputArguments(),
        Runtime.getRuntime().availableProcessors(), runs, calibrationSamples, warmup, invokes, variants);
    String markdown = markdown(result);
    Files.writeString(out.resolve("lstm-benchmark.md"), markdown);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("lstm-benchmark.json").toFile(),
        result);
    System.out.println();
    System.out.println(markdown);
    System.out.println("written: " + out.resolve("lstm-benchmark.md") + ", " + out.resolve("lstm-benchmark.json"));
  }

  private static int operators(ConversionReport report) {
    return report.operatorCounts().values().stream().mapToInt(Integer::intValue).sum();
  }

  private static List<Map<String, NdArray>> samples(long seed, int count) {
    List<Map<String, NdArray>> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(Map.of(LstmKerasModel.INPUT, NdArray.ofFloats(LstmKerasModel.input(seed, i), 1, LstmKerasModel.STEPS,
          LstmKerasModel.FEATURES)));
    }
    return out;
  }

  /** Milliseconds to create an interpreter on the bytes and allocate its tensors (first invoke included). */
  private static double[] loadTimes(byte[] model, int times) {
    Map<String, NdArray> sample = samples(3, 1).get(0);
    double[] ms = new double[times];
    for (int i = 0; i < times; i++) {
      long t0 = System.nanoTime();
      try (LiteRtRunner runner = new LiteRtRunner(model, "serving_default")) {
        runner.invoke(sample);
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    return ms;
  }

  private static double[] latencies(byte[] model, Map<String, NdArray> sample, int warmup, int invokes) {
    double[] ms = new double[invokes];
    try (LiteRtRunner runner = new LiteRtRunner(model, "serving_default")) {
      for (int i = 0; i < warmup; i++) {
        runner.invoke(sample);
      }
      for (int i = 0; i < invokes; i++) {
        long t0 = System.nanoTime();
        runner.invoke(sample);
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    return ms;
  }

  /** The model's (single, float) output on each sample. */
  private static float[][] run(byte[] model, List<Map<String, NdArray>> samples) {
    float[][] out = new float[samples.size()][];
    try (LiteRtRunner runner = new LiteRtRunner(model, "serving_default")) {
      String name = runner.outputNames().get(0);
      for (int i = 0; i < samples.size(); i++) {
        runner.invoke(samples.get(i));
        ByteBuffer view = runner.outputView(name);
        FloatBuffer f = view.asFloatBuffer();
        out[i] = new float[f.remaining()];
        f.get(out[i]);
      }
    }
    return out;
  }

  private static double snrDb(float[][] ref, float[][] got) {
    double signal = 0;
    double noise = 0;
    for (int s = 0; s < ref.length; s++) {
      for (int i = 0; i < ref[s].length; i++) {
        signal += (double) ref[s][i] * ref[s][i];
        double d = ref[s][i] - got[s][i];
        noise += d * d;
      }
    }
    return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
  }

  private static double maxAbsDiff(float[][] ref, float[][] got) {
    double max = 0;
    for (int s = 0; s < ref.length; s++) {
      for (int i = 0; i < ref[s].length; i++) {
        max = Math.max(max, Math.abs(ref[s][i] - got[s][i]));
      }
    }
    return max;
  }

  private static double median(List<Double> values) {
    return median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The nearest-rank percentile. */
  private static double percentile(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[Math.max(0, (int) Math.ceil(p * s.length) - 1)];
  }

  static String markdown(Result r) {
    StringBuilder b = new StringBuilder();
    b.append("# LSTM benchmark: fused against unrolled\n\n");
    b.append("Model `").append(r.model()).append("`: ").append(r.input()).append(" → LSTM(")
        .append(LstmKerasModel.UNITS).append(") → Dense(").append(LstmKerasModel.OUTPUTS).append("), ")
        .append(LstmKerasModel.STEPS).append(" steps. JVM ").append(r.jvm()).append(", ").append(r.cpus())
        .append(" CPUs. Conversion: median (min) of ").append(r.conversionRuns())
        .append(" runs after one warm-up, calibration on ").append(r.calibrationSamples())
        .append(" samples included (the integer variants' SNR depends on how well they cover the ranges). LiteRT: one thread, ").append(r.warmupInvokes()).append(" warm-up then ")
        .append(r.measuredInvokes()).append(" measured invokes; load = interpreter + allocation + first invoke. "
            + "SNR against the fused float model on ").append(HELD_OUT).append(" held-out inputs.\n\n");
    b.append("| variant | file bytes | operators | convert ms | load ms | invoke median ms | invoke p90 ms "
        + "| SNR dB vs fused float |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Variant v : r.variants()) {
      b.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.0f (%.0f) | %.1f | %.3f | %.3f | %s |%n", v.name(),
          v.fileBytes(), v.operators(), v.convertMedianMs(), v.convertMinMs(), v.loadMedianMs(), v.invokeMedianMs(),
          v.invokeP90Ms(), Double.isInfinite(v.snrDbVsFusedFloat()) ? "exact"
              : String.format(Locale.ROOT, "%.1f (max diff %.2g)", v.snrDbVsFusedFloat(),
                  v.maxAbsDiffVsFusedFloat())));
    }
    b.append('\n');
    for (Variant v : r.variants()) {
      b.append("- ").append(v.name()).append(": ").append(v.operatorCounts()).append('\n');
    }
    return b.toString();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
      }
      out.put(args[i], args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
    }
    return out;
  }
}
