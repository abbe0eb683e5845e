package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;

/**
 * Where an affine op (output = filter · input + bias, per output channel) keeps its filter and
 * bias, and which filter axis holds the output channels: CONV_2D OHWI axis 0, DEPTHWISE_CONV_2D
 * {@code [1, H, W, C*M]} axis 3, FULLY_CONNECTED {@code [out, in]} axis 0, TRANSPOSE_CONV
 * (output shape, weights OHWI, input, bias) axis 0.
 */
record AffineOp(int filterIndex, int biasIndex, int channelAxis) {

  private static final AffineOp CONV = new AffineOp(1, 2, 0);
  private static final AffineOp DEPTHWISE = new AffineOp(1, 2, 3);
  private static final AffineOp TRANSPOSE_CONV = new AffineOp(1, 3, 0);

  /** The layout of {@code op}, or {@code null} if it is not one of the four affine ops. */
  static AffineOp of(BuiltinOp op) {
    return switch (op) {
      case CONV_2D, FULLY_CONNECTED -> CONV;
      case DEPTHWISE_CONV_2D -> DEPTHWISE;
      case TRANSPOSE_CONV -> TRANSPOSE_CONV;
      default -> null;
    };
  }

  Tensor filter(Operator op) {
    return op.inputs().size() > filterIndex ? op.input(filterIndex) : null;
  }

  /** The bias, or {@code null} when it is omitted. */
  Tensor bias(Operator op) {
    return op.inputs().size() > biasIndex ? op.input(biasIndex) : null;
  }

  /** Output channels, read from the filter's static shape; -1 if unknown. */
  int channels(Operator op) {
    Tensor filter = filter(op);
    if (filter == null || filter.shape().rank() <= channelAxis) {
      return -1;
    }
    return filter.shape().dim(channelAxis);
  }
}
