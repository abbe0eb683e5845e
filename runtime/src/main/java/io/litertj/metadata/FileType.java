package io.litertj.metadata;

/** What an associated file holds, as the TFLite metadata schema names it. */
public enum FileType {
  /** Text about the model, such as a readme. */
  DESCRIPTIONS(1, "1.0.0"),
  /** One label per line for the positions along a tensor axis: a classifier's categories. */
  TENSOR_AXIS_LABELS(2, "1.0.0"),
  /** One label per line for the values a tensor holds: a detector's class ids. */
  TENSOR_VALUE_LABELS(3, "1.0.0"),
  /** Sigmoid score calibration parameters, one CSV line per output index. */
  TENSOR_AXIS_SCORE_CALIBRATION(4, "1.0.0"),
  /** The words of a tokenizer, one per line. */
  VOCABULARY(5, "1.0.1"),
  /** A ScaNN index. */
  SCANN_INDEX_FILE(6, "1.4.0");

  private final byte schemaValue;
  private final String since;

  FileType(int schemaValue, String since) {
    this.schemaValue = (byte) schemaValue;
    this.since = since;
  }

  /** The value of {@code AssociatedFileType} in the schema. */
  byte schemaValue() {
    return schemaValue;
  }

  /** The metadata parser version that knows this type. */
  String since() {
    return since;
  }
}
