package io.litertj;

/** A model converted in memory: the {@code .tflite} bytes and the report. */
public record ConversionResult(byte[] bytes, ConversionReport report) {

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
