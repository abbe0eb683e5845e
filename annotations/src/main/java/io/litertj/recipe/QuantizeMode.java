package io.litertj.recipe;

/** The post-training quantization schemes of {@link Quantize#mode()}. */
public enum QuantizeMode {
  /** Full integer: int8 weights and activations. Needs a {@link RepresentativeDataset}. */
  INT8,
  /** int16 activations with int8 weights. Needs a {@link RepresentativeDataset}. */
  INT16X8,
  /** int8 weights, float activations (quantized on the fly). No dataset needed. */
  DYNAMIC_RANGE,
  /** float16 weights, float32 computation. No dataset needed. */
  FLOAT16;

  /** Whether activations are integers, so integer input and output types make sense. */
  public boolean isInteger() {
    return this == INT8 || this == INT16X8;
  }

  /** Whether the mode calibrates activation ranges on a representative dataset. */
  public boolean needsDataset() {
    return isInteger();
  }
}
