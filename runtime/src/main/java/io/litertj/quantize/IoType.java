package io.litertj.quantize;

import io.litertj.ir.DataType;

/** The element type of a fully quantized model's inputs or outputs. */
public enum IoType {
  FLOAT32(DataType.FLOAT32),
  INT8(DataType.INT8),
  /** Same scale as int8, zero point + 128; converted to int8 by a QUANTIZE op inside the model. */
  UINT8(DataType.UINT8),
  /** Only meaningful for {@link QuantizationMode#INT16X8}. */
  INT16(DataType.INT16);

  private final DataType type;

  IoType(DataType type) {
    this.type = type;
  }

  public DataType dataType() {
    return type;
  }
}
