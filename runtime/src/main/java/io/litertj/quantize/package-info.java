/**
 * Post-training quantization of LiteRT graphs (FLOAT16, DYNAMIC_RANGE, INT8, INT16X8), by the
 * rules of {@code ../shared/docs/quantization-spec.md}. Entry point:
 * {@link io.litertj.quantize.PostTrainingQuantizer}; accuracy against the float model:
 * {@link io.litertj.quantize.QualityReporter}.
 *
 * <p>Each rewrite has its own class ({@code Float16Rewriter}, {@code DynamicRangeRewriter},
 * {@code FullIntegerRewriter}, {@code IoTypeRewriter}); the arithmetic lives in small classes with
 * no graph knowledge ({@code WeightQuantizer}, {@code BiasQuantizer}, {@code ActivationParams},
 * {@code FixedOutputParams}), and {@code OpTable} says what LiteRT's integer kernels accept.
 */
package io.litertj.quantize;
