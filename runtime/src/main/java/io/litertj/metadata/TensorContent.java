package io.litertj.metadata;

/** What a tensor holds, for code generators and task libraries ({@code Content.content_properties}). */
public sealed interface TensorContent {

  /** Plain values (the default). */
  record Feature() implements TensorContent {}

  /** An image, in this color space; the size is the tensor's. */
  record Image(ColorSpace colorSpace) implements TensorContent {}

  /** Audio samples (parser version 1.3.0 and later). */
  record Audio(int sampleRate, int channels) implements TensorContent {
    public Audio {
      if (sampleRate <= 0 || channels <= 0) {
        throw new IllegalArgumentException("audio needs a positive sample rate and channel count");
      }
    }
  }

  /** The color spaces the schema knows. */
  enum ColorSpace {
    RGB(1),
    GRAYSCALE(2);

    final byte schemaValue;

    ColorSpace(int value) {
      this.schemaValue = (byte) value;
    }
  }

  static TensorContent feature() {
    return new Feature();
  }
}
