package io.litertj.tflite;

/** The flatbuffer builder hit its 2 GB limit; the writer then falls back to buffer offsets. */
final class FlatbufferTooLarge extends RuntimeException {

  FlatbufferTooLarge(Throwable cause) {
    super("the model does not fit in a 2 GB flatbuffer", cause);
  }
}
