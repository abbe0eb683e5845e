package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A recurrent step's pre-activations {@code x W^T + h R^T + b}, as the legalizer leaves them: a
 * tree of ADDs over one FULLY_CONNECTED of x, one of h, and constant bias vectors (some biases
 * already folded into the FULLY_CONNECTEDs). Anything else in the tree means it is not that sum.
 */
final class AffineSum {

  private AffineSum() {}

  /**
   * Reads {@code z} as the sum, with {@code rows} outputs per step. The top ADD may carry a fused
   * activation when {@code topActivation} (a SimpleRNN's activation fused into its last ADD).
   */
  static Optional<RecurrentLoop.Affine> of(GraphIndex body, Tensor z, Tensor x, Tensor h, int rows,
      boolean topActivation) {
    Tensor inputWeights = null;
    Tensor recurrentWeights = null;
    float[] bias = new float[rows];
    Deque<Tensor> terms = new ArrayDeque<>();
    terms.push(z);
    boolean top = true;
    while (!terms.isEmpty()) {
      Tensor t = terms.pop();
      Operator p = body.producer(t);
      if (p != null && p.op() == BuiltinOp.ADD && p.inputs().size() == 2
          && (Activations.of(p.options()) == Activation.NONE || top && topActivation)) {
        terms.push(p.input(1));
        terms.push(p.input(0));
        top = false;
        continue;
      }
      top = false;
      if (p != null && isSqueezeOfOne(p)) {
        // A batch of one squeezed to [rows] (Keras's BiasAdd of h R^T at batch 1) adds the same.
        t = p.input(0);
        p = body.producer(t);
      }
      if (t.isConstant()) {
        if (!addBias(bias, t)) {
          return Optional.empty();
        }
      } else if (p != null && p.op() == BuiltinOp.FULLY_CONNECTED && Activations.of(p.options()) == Activation.NONE
          && (p.input(0) == x || p.input(0) == h) && p.inputs().size() >= 2 && p.inputs().size() <= 3) {
        Tensor w = p.input(1);
        int in = p.input(0).shape().dim(1);
        if (!ConstantMath.isPlainFloat(w) || w.shape().rank() != 2 || w.shape().dim(0) != rows
            || w.shape().dim(1) != in || p.inputs().size() == 3 && p.input(2) != null && !addBias(bias, p.input(2))) {
          return Optional.empty();
        }
        if (p.input(0) == x && inputWeights == null) {
          inputWeights = w;
        } else if (p.input(0) == h && recurrentWeights == null) {
          recurrentWeights = w;
        } else {
          return Optional.empty();
        }
      } else {
        return Optional.empty();
      }
    }
    if (inputWeights == null || recurrentWeights == null) {
      return Optional.empty();
    }
    return Optional.of(new RecurrentLoop.Affine(inputWeights, recurrentWeights, bias));
  }

  /** A RESHAPE of [1, ..., 1, n] to [n]. */
  private static boolean isSqueezeOfOne(Operator reshape) {
    if (reshape.op() != BuiltinOp.RESHAPE || reshape.inputs().isEmpty() || reshape.input(0) == null) {
      return false;
    }
    io.litertj.ir.Shape in = reshape.input(0).shape();
    io.litertj.ir.Shape out = reshape.output(0).shape();
    if (!in.isStatic() || out.rank() != 1 || in.rank() < 1 || in.dim(-1) != out.dim(0)) {
      return false;
    }
    for (int i = 0; i < in.rank() - 1; i++) {
      if (in.dim(i) != 1) {
        return false;
      }
    }
    return true;
  }

  /** Adds a constant [rows] (or [1, rows]) float vector into {@code bias}; false for any other tensor. */
  private static boolean addBias(float[] bias, Tensor c) {
    if (!ConstantMath.isPlainFloat(c) || c.shape().numElements() != bias.length || c.shape().rank() > 2
        || c.shape().rank() == 0 || c.shape().dim(c.shape().rank() - 1) != bias.length) {
      return false;
    }
    float[] v = c.constantFloats();
    for (int i = 0; i < bias.length; i++) {
      bias[i] += v[i];
    }
    return true;
  }
}
