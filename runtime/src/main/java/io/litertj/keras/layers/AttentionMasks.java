package io.litertj.keras.layers;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.Arrays;
import java.util.List;

/**
 * Keras's boolean "keep" masks of attention scores as LiteRT BOOL tensors: conversion of numeric
 * masks, the expansion Keras applies before broadcasting, the constant causal and sliding-window
 * masks, and the ways Keras applies a mask to the scores.
 */
final class AttentionMasks {

  /**
   * How far below a row's smallest score masked positions go: past float32's exp range, so that
   * the softmax gives them exactly 0.
   */
  private static final float BELOW_MINIMUM = 110f;
  /** The largest constant causal or sliding-window mask, in bytes (one per target and source position). */
  private static final long MAX_BAND = 1L << 30;

  private AttentionMasks() {}

  /**
   * A mask as BOOL: Keras casts a numeric mask to bool, so a nonzero value keeps its position. A
   * CAST, not a comparison with zero: LiteRT's comparisons broadcast only up to 4-D.
   */
  static Tensor toBool(LayerContext ctx, Tensor mask, String what) {
    if (mask.type() == DataType.BOOL) {
      return mask;
    }
    if (mask.type() != DataType.FLOAT32 && mask.type() != DataType.INT32 && mask.type() != DataType.INT64) {
      throw ctx.error("gets a " + what + " of type " + mask.type() + ", which cannot be a mask",
          "pass a bool, integer or float mask");
    }
    return ctx.emit(BuiltinOp.CAST, List.of(mask), DataType.BOOL, mask.shape(),
        new OpOptions.Cast(mask.type(), DataType.BOOL));
  }

  /**
   * Inserts size-1 axes at Keras's expansion point {@code axis} (negative) until the mask has the
   * scores' rank, then checks that it broadcasts against them.
   */
  static Tensor expand(LayerContext ctx, Tensor mask, Shape scores, int axis, String what) {
    if (mask.shape().rank() > scores.rank()) {
      throw ctx.error("gets a " + what + " of shape " + mask.shape() + ", of higher rank than its attention scores "
          + scores, "pass a mask of shape [batch, target, source]");
    }
    while (mask.shape().rank() < scores.rank()) {
      int at = axis + mask.shape().rank() + 1; // a negative expand_dims axis counts in the result
      if (at < 0) {
        throw ctx.error("gets a " + what + " of shape " + mask.shape() + ", which Keras cannot expand to its "
            + "attention scores " + scores, "pass a mask of shape [batch, target, source]");
      }
      mask = Shapes.expandDims(ctx, mask, at);
    }
    checkBroadcast(ctx, mask, scores, what);
    return mask;
  }

  /** Fails unless a mask of the scores' rank broadcasts against them. */
  static void checkBroadcast(LayerContext ctx, Tensor mask, Shape scores, String what) {
    for (int i = 0; i < scores.rank(); i++) {
      int m = mask.shape().dim(i);
      int s = scores.dim(i);
      if (m != 1 && m >= 0 && s >= 0 && m != s) {
        throw ctx.error("gets a " + what + " of shape " + mask.shape() + " (after Keras's expansion), which does"
            + " not broadcast against its attention scores " + scores, "pass a mask of shape [batch, target, source]");
      }
    }
  }

  /**
   * The constant mask {@code keep(i, j)} over target {@code t} and source {@code s} positions, with
   * {@code leading} size-1 axes before them.
   */
  static Tensor band(LayerContext ctx, String name, int leading, int t, int s, Keep keep) {
    if (t < 0 || s < 0) {
      throw ctx.error("needs the sequence lengths for its " + name + " mask, but they are unknown",
          "give the model inputs a fixed sequence length");
    }
    if ((long) t * s > MAX_BAND) {
      throw ctx.error("needs a constant " + name + " mask of " + t + " x " + s + " positions, over "
          + MAX_BAND + " bytes", "use shorter sequences, or pass an attention_mask input instead");
    }
    byte[] bytes = new byte[t * s];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < s; j++) {
        bytes[i * s + j] = (byte) (keep.test(i, j) ? 1 : 0);
      }
    }
    int[] dims = new int[leading + 2];
    Arrays.fill(dims, 1);
    dims[leading] = t;
    dims[leading + 1] = s;
    return ctx.constant(name + "_mask", DataType.BOOL, Shape.of(dims), ConstantData.of(bytes));
  }

  @FunctionalInterface
  interface Keep {
    boolean test(int target, int source);
  }

  /** Keras's causal mask: a target position sees the source positions up to its own. */
  static Keep causal() {
    return (i, j) -> j <= i;
  }

  /** Keras's sliding window: source positions less than {@code window} away. */
  static Keep slidingWindow(int window) {
    return (i, j) -> Math.abs(i - j) < window;
  }

  /** Both masks (same rank); LOGICAL_AND broadcasts up to 4-D, SELECT_V2 beyond. */
  static Tensor and(LayerContext ctx, Tensor a, Tensor b) {
    Shape out = Broadcasting.shape(a.shape(), b.shape());
    if (out.rank() <= 4 || a.shape().equals(b.shape())) {
      return ctx.emit(BuiltinOp.LOGICAL_AND, List.of(a, b), DataType.BOOL, out, null);
    }
    Tensor no = ctx.constant("false", DataType.BOOL, Shape.scalar(), ConstantData.of(new byte[] {0}));
    return ctx.emit(BuiltinOp.SELECT_V2, List.of(a, b, no), DataType.BOOL, out, null);
  }

  /**
   * Masked scores for the softmax. Keras fills masked positions with -1e9 (or -0.7·float32 max):
   * their weight is exactly 0 where a row keeps a position, and a row that keeps none is uniform.
   * The same holds for a fill below the row's own minimum by more than exp's range
   * ({@code min - |min| - 110}), which keeps the softmax input's range that of the scores, so that
   * it still quantizes (Keras's constant would set the int8 or int16 scale).
   */
  static Tensor fill(LayerContext ctx, Tensor scores, Tensor mask) {
    Shape s = scores.shape();
    Tensor min = ctx.emit(BuiltinOp.REDUCE_MIN, List.of(scores, ctx.int32("axis", s.rank() - 1)),
        s.withDim(s.rank() - 1, 1), new OpOptions.Reducer(true));
    Tensor abs = Activations.unary(ctx, BuiltinOp.ABS, min);
    Tensor below = ctx.emit(BuiltinOp.SUB, List.of(min, abs), min.shape(), new OpOptions.Sub(Activation.NONE));
    below = ctx.emit(BuiltinOp.SUB, List.of(below, ctx.scalar("margin", BELOW_MINIMUM)), min.shape(),
        new OpOptions.Sub(Activation.NONE));
    return ctx.emit(BuiltinOp.SELECT_V2, List.of(mask, scores, below), s, null);
  }

  /** Zeros at masked positions: where(mask, x, 0). */
  static Tensor zeroMasked(LayerContext ctx, Tensor x, Tensor mask) {
    return ctx.emit(BuiltinOp.SELECT_V2, List.of(mask, x, ctx.scalar("zero", 0f)), Broadcasting.shape(x.shape(),
        mask.shape()), null);
  }
}
