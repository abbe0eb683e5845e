package io.litertj.quantize;

/** The post-training quantization recipes, named as the official tools name them. */
public enum QuantizationMode {
  /** Float32 constants stored as FLOAT16, each followed by a DEQUANTIZE. */
  FLOAT16,
  /** {@code dynamic_wi8_afp32}: large constant weights int8, activations float (hybrid kernels). */
  DYNAMIC_RANGE,
  /** {@code static_wi8_ai8}: full integer with calibrated int8 activations. */
  INT8,
  /** {@code static_wi8_ai16}: int16 activations (zero point 0), int8 weights, int64 bias. */
  INT16X8
}
