package io.litertj.calibrate;

import io.litertj.ConversionException;
import io.litertj.dataset.NdArray;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.tflite.TfliteWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Runs a float model over a representative dataset in the real LiteRT interpreter and records,
 * per float activation tensor, the absolute min and max over every value of every sample (the
 * official calibrator's rule).
 *
 * <p>How: a calibration variant of each subgraph exposes every float activation as an extra
 * signature output ({@code __probe_N}); the variant shares the model's operators and tensors, so
 * the ranges come back keyed by the model's own tensor objects. An LSTM's cell state, which the
 * kernel keeps in a variable tensor, is followed step by step ({@link CellStateSteps}). The dataset
 * is validated in full before the first sample runs.
 */
public final class Calibrator {

  private static final Logger LOG = Logger.getLogger(Calibrator.class.getName());

  private Calibrator() {}

  /**
   * Calibrates every subgraph that computes in float. A model with several signatures needs samples
   * for each: a sample may name the inputs of several signatures, and each signature reads its own.
   *
   * @throws ConversionException for a bad dataset or a signature it has no samples for (before
   *                             anything runs), a NaN/Inf activation, or a model LiteRT rejects
   */
  public static TensorRanges calibrate(LiteRtModel model, Iterable<Map<String, NdArray>> dataset,
      ProgressListener listener) {
    return calibrate(model, dataset, listener, CalibrationMethod.MIN_MAX);
  }

  /** As {@link #calibrate(LiteRtModel, Iterable, ProgressListener)}, choosing ranges by {@code method}. */
  public static TensorRanges calibrate(LiteRtModel model, Iterable<Map<String, NdArray>> dataset,
      ProgressListener listener, CalibrationMethod method) {
    List<Subgraph> targets = new ArrayList<>();
    List<String> uncovered = new ArrayList<>();
    Set<String> keys = firstKeys(dataset);
    for (Subgraph s : model.subgraphs()) {
      if (!computesInFloat(s)) {
        continue;
      }
      // With one signature, the validator says which input is missing; with several, we say which signature.
      if (keys.isEmpty() || keys.containsAll(s.inputs().keySet()) || model.subgraphs().size() == 1) {
        targets.add(s);
      } else {
        uncovered.add("'" + s.name() + "' (inputs " + new TreeSet<>(s.inputs().keySet()) + ")");
      }
    }
    if (!uncovered.isEmpty()) {
      throw ConversionException.builder("the representative dataset has no samples for signature"
          + (uncovered.size() > 1 ? "s " : " ") + String.join(", ", uncovered) + ": its samples name the inputs "
          + new TreeSet<>(keys))
          .hint("add arrays for those inputs (a sample may hold the inputs of several signatures), or convert "
              + "only the signatures the dataset covers (--saved_model_signature_key; API: signatureKeys)")
          .build();
    }
    List<Iterable<Map<String, NdArray>>> samplesOf = new ArrayList<>();
    List<Integer> totals = new ArrayList<>();
    for (Subgraph s : targets) { // every signature's samples are checked before the first one runs
      Iterable<Map<String, NdArray>> samples = samplesFor(model, s, dataset);
      samplesOf.add(samples);
      totals.add(DatasetValidator.validate(s, samples));
    }
    TensorRanges ranges = new TensorRanges();
    for (int i = 0; i < targets.size(); i++) {
      calibrate(targets.get(i), model.description(), samplesOf.get(i), totals.get(i), listener, ranges, method);
    }
    return ranges;
  }

  /**
   * The samples as {@code subgraph} takes them: without the inputs of the model's other signatures,
   * and fitted to a fixed batch ({@link BatchFitter}).
   */
  public static Iterable<Map<String, NdArray>> samplesFor(LiteRtModel model, Subgraph subgraph,
      Iterable<Map<String, NdArray>> dataset) {
    return BatchFitter.fit(subgraph, ownInputs(model, subgraph, firstKeys(dataset), dataset));
  }

  /** Whether the dataset's samples name every input of the subgraph. */
  public static boolean covers(Iterable<Map<String, NdArray>> dataset, Subgraph subgraph) {
    return firstKeys(dataset).containsAll(subgraph.inputs().keySet());
  }

  /**
   * Whether an op of the subgraph computes on floats, reading or writing them (QUANTIZE and
   * DEQUANTIZE at a quantized model's edges do not count).
   */
  public static boolean computesInFloat(Subgraph subgraph) {
    for (Operator op : subgraph.operators()) {
      if (op.op() == BuiltinOp.QUANTIZE || op.op() == BuiltinOp.DEQUANTIZE) {
        continue;
      }
      for (Tensor t : op.outputs()) {
        if (t != null && t.type() == DataType.FLOAT32) {
          return true;
        }
      }
      for (Tensor t : op.inputs()) { // a comparison or ARG_MAX reads floats into a BOOL or int result
        if (t != null && !t.isConstant() && t.type() == DataType.FLOAT32) {
          return true;
        }
      }
    }
    return false;
  }

  /** The samples without the inputs of other signatures (names no signature has stay, for the validator to report). */
  private static Iterable<Map<String, NdArray>> ownInputs(LiteRtModel model, Subgraph subgraph, Set<String> keys,
      Iterable<Map<String, NdArray>> dataset) {
    Set<String> others = new HashSet<>();
    for (Subgraph s : model.subgraphs()) {
      others.addAll(s.inputs().keySet());
    }
    others.removeAll(subgraph.inputs().keySet());
    others.retainAll(keys);
    if (others.isEmpty()) {
      return dataset;
    }
    return Samples.map(dataset, sample -> {
      Map<String, NdArray> own = new LinkedHashMap<>(sample);
      own.keySet().removeAll(others);
      return own;
    });
  }

  private static Set<String> firstKeys(Iterable<Map<String, NdArray>> dataset) {
    for (Map<String, NdArray> sample : dataset) {
      return sample.keySet();
    }
    return Set.of();
  }

  private static void calibrate(Subgraph subgraph, String description, Iterable<Map<String, NdArray>> dataset,
      int total, ProgressListener listener, TensorRanges ranges, CalibrationMethod method) {
    Map<String, Tensor> watched = new LinkedHashMap<>();
    CellStateSteps steps = CellStateSteps.of(subgraph);
    Subgraph variant = ProbeVariant.build(steps.subgraph(), t -> t.type() == DataType.FLOAT32 && !steps.internal(t),
        watched);
    LiteRtModel calibrationModel = new LiteRtModel(description);
    calibrationModel.addSubgraph(variant);
    byte[] bytes = new TfliteWriter().toBytes(calibrationModel);
    LOG.fine(() -> "calibrating " + watched.size() + " tensors of '" + subgraph.name() + "' on " + total + " samples");
    try (LiteRtRunner runner = new LiteRtRunner(bytes, subgraph.name());
        RangeScanner scanner = new RangeScanner(runner, watched, ranges)) {
      int index = 0;
      for (Map<String, NdArray> sample : dataset) {
        scanner.run(sample, index);
        index++;
        listener.onProgress("calibration", index, total);
      }
      scanner.finish();
      steps.merge(ranges);
      // The cell states keep their min/max: clipping them would saturate the LSTM's memory.
      watched.values().removeIf(t -> ranges.get(t) == null || t.isVariable());
      if (method == CalibrationMethod.MSE) {
        refineByMse(runner, watched, dataset, total, listener, ranges);
      }
    }
  }

  /** Second pass: a histogram per tensor over its min/max range, then the MSE-optimal clipped range. */
  private static void refineByMse(LiteRtRunner runner, Map<String, Tensor> watched,
      Iterable<Map<String, NdArray>> dataset, int total, ProgressListener listener, TensorRanges ranges) {
    Map<String, Histogram> histograms = new LinkedHashMap<>();
    watched.forEach((name, t) -> {
      if (ranges.get(t) != null) {
        histograms.put(name, new Histogram(ranges.get(t)));
      }
    });
    float[] scratch = new float[0];
    int index = 0;
    for (Map<String, NdArray> sample : dataset) {
      runner.invoke(sample);
      for (Map.Entry<String, Histogram> e : histograms.entrySet()) {
        java.nio.FloatBuffer values = runner.outputView(e.getKey()).asFloatBuffer();
        int n = values.remaining();
        if (scratch.length < n) {
          scratch = new float[n];
        }
        values.get(scratch, 0, n);
        e.getValue().add(scratch, n);
      }
      listener.onProgress("calibration (histograms)", ++index, total);
    }
    histograms.forEach((name, h) -> {
      Tensor t = watched.get(name);
      ranges.put(t, h.mseOptimal(ranges.get(t), 256));
    });
  }
}
