package io.litertj.recipe;

/** Element types of a quantized model's inputs and outputs ({@link Quantize#inputType()}). */
public enum TensorType {
  /** Keep float32 at the model's boundary (a QUANTIZE/DEQUANTIZE pair is inserted). */
  FLOAT32,
  /** int8 at the boundary; only with an integer {@link QuantizeMode}. */
  INT8,
  /** uint8 at the boundary; only with an integer {@link QuantizeMode}. */
  UINT8,
  /** int16 at the boundary; only with {@link QuantizeMode#INT16X8}. */
  INT16
}
