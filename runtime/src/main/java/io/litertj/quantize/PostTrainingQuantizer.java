package io.litertj.quantize;

import io.litertj.ConversionException;
import io.litertj.calibrate.Calibrator;
import io.litertj.calibrate.ProgressListener;
import io.litertj.calibrate.TensorRanges;
import io.litertj.dataset.NdArray;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Subgraph;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Post-training quantization of a float LiteRT graph: one made by the converter, or any float
 * {@code .tflite} read with {@code TfliteReader}. The caller's model is never changed; the result
 * is a new model, ready for {@code TfliteWriter}.
 *
 * <pre>{@code
 * LiteRtModel q = PostTrainingQuantizer.quantize(floatModel,
 *     QuantizationOptions.of(QuantizationMode.INT8).withIoTypes(IoType.INT8, IoType.INT8),
 *     NpzDataset.read(Path.of("calibration.npz")), ProgressListener.NONE);
 * }</pre>
 */
public final class PostTrainingQuantizer {

  private static final Logger LOG = Logger.getLogger(PostTrainingQuantizer.class.getName());

  private PostTrainingQuantizer() {}

  /**
   * Quantizes {@code floatModel}.
   *
   * @param dataset  representative samples (input name → array with a leading batch dimension),
   *                 needed by INT8 and INT16X8, ignored otherwise; iterated more than once
   * @param listener calibration progress
   * @throws ConversionException for options that cannot take effect or a bad or missing dataset
   *                             ({@link QuantizationChecks}, before anything runs), a NaN/Inf
   *                             activation, an op without an integer kernel under {@code int8Only},
   *                             or I/O types the graph cannot have
   */
  public static LiteRtModel quantize(LiteRtModel floatModel, QuantizationOptions options,
      Iterable<Map<String, NdArray>> dataset, ProgressListener listener) {
    QuantizationChecks.check(options, dataset != null);
    QuantizationChecks.checkKeepFloat(floatModel, options.keepFloat());
    LiteRtModel model = ModelCopy.of(floatModel);
    if (options.mode() != QuantizationMode.FLOAT16) {
      // A dynamic-range or float16 model quantizes like its float original; FLOAT16 keeps int8 weights.
      model.allSubgraphs().forEach(FloatConstants::restore);
    }
    KeepFloat keep = new KeepFloat(options.keepFloat());
    // Weight-only modes reach into the subgraphs that control flow runs; full integer stops at
    // them (see fullInteger).
    switch (options.mode()) {
      case FLOAT16 -> model.allSubgraphs().forEach(s -> new Float16Rewriter(keep).rewrite(s));
      case DYNAMIC_RANGE -> model.allSubgraphs().forEach(s -> new DynamicRangeRewriter(keep,
          options.dynamicRangeMinElements(), options.perChannelDense()).rewrite(s));
      case INT8, INT16X8 -> fullInteger(model, options, keep, dataset, listener);
    }
    QuantizationChecks.warnings(options, model).forEach(LOG::warning);
    return model;
  }

  private static void fullInteger(LiteRtModel model, QuantizationOptions options, KeepFloat keep,
      Iterable<Map<String, NdArray>> dataset, ProgressListener listener) {
    if (model.subgraphs().stream().noneMatch(Calibrator::computesInFloat)) {
      throw ConversionException.builder("the model is already fully quantized: no operator computes in float, so "
          + "there is nothing for " + options.mode() + " to quantize")
          .hint("quantize the float model it was made from").build();
    }
    io.litertj.optimize.Optimizer.beforeIntegerQuantization().runPasses(model);
    DataType act = options.mode() == QuantizationMode.INT16X8 ? DataType.INT16 : DataType.INT8;
    // WHILE and IF have no integer kernels: they stay float, with the subgraphs they run (whose
    // tensors calibration cannot see), and the ops around them are quantized.
    TensorRanges ranges = Calibrator.calibrate(model, dataset, listener == null ? ProgressListener.NONE : listener,
        options.calibrationMethod());
    LOG.info(() -> "calibrated " + ranges.asMap().size() + " tensors on " + ranges.sampleCount() + " samples");
    for (Subgraph s : model.subgraphs()) {
      new FullIntegerRewriter(act, ranges, keep, options.int8Only(), options.perChannelDense()).rewrite(s);
      IoTypeRewriter.rewrite(s, options.inputType(), options.outputType(), act, ranges);
    }
  }
}
