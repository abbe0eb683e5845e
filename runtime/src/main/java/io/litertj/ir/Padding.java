package io.litertj.ir;

/** Convolution and pooling padding, with LiteRT's {@code Padding} codes. */
public enum Padding {
  SAME,
  VALID
}
