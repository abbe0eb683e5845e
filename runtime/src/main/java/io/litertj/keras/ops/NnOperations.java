package io.litertj.keras.ops;

import io.litertj.compose.ErfExpansion;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.layers.Activations;
import io.litertj.keras.layers.ComposedActivations;
import java.util.List;

/**
 * The activation functions of {@code keras.ops.nn} as operation nodes. Where a Keras layer
 * activation of the same name computes the same function, {@link Activations} emits it; the rest
 * follow Keras 3's TF backend (gelu approximate by default, elu's alpha and a softplus that does not
 * overflow as the layer activations compute them, softmax over any axis).
 */
final class NnOperations {

  private NnOperations() {}

  static void register(Registry r) {
    r.add(NnOperations::relu, "Relu");
    r.add(NnOperations::relu6, "Relu6");
    r.add(n -> activation(n, "sigmoid"), "Sigmoid");
    r.add(n -> activation(n, "silu"), "Silu");
    r.add(n -> activation(n, "selu"), "Selu");
    r.add(n -> activation(n, "hard_sigmoid"), "HardSigmoid");
    r.add(n -> activation(n, "hard_silu"), "HardSilu");
    r.add(NnOperations::gelu, "Gelu");
    r.add(NnOperations::leakyRelu, "LeakyRelu");
    r.add(n -> ComposedActivations.elu(n.ctx(), floatInput(n), n.number("alpha", 1.0)), "Elu");
    r.add(n -> ComposedActivations.softplus(n.ctx(), floatInput(n)), "Softplus");
    r.add(n -> ComposedActivations.softsign(n.ctx(), floatInput(n)), "Softsign");
    r.add(n -> ComposedActivations.logSigmoid(n.ctx(), floatInput(n)), "LogSigmoid");
    r.add(n -> softmax(n, BuiltinOp.SOFTMAX), "Softmax");
    r.add(n -> softmax(n, BuiltinOp.LOG_SOFTMAX), "LogSoftmax");
    // LiteRT has no ERF: the same builtin expansion as TF's Erf (error < 5e-7).
    r.add(n -> ErfExpansion.erf(n.ctx().emitter(), floatInput(n)), "Erf");
  }

  /** The operand {@code x}, which TF's kernels of these functions take as float only. */
  private static Tensor floatInput(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    if (x.type() != DataType.FLOAT32) {
      throw n.error("applies " + n.ctx().className() + " to a " + x.type() + " tensor, which TensorFlow refuses",
          "cast it to float32 first");
    }
    return x;
  }

  private static Tensor activation(OpNode n, String name) {
    return Activations.apply(n.ctx(), floatInput(n), name);
  }

  /** Integers are clamped with MAXIMUM, LiteRT's RELU being float-only. */
  private static Tensor relu(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    if (x.type() == DataType.FLOAT32) {
      return Activations.apply(n.ctx(), x, "relu");
    }
    return Emit.binary(n, BuiltinOp.MAXIMUM, x, Emit.scalar(n, x.type(), 0));
  }

  private static Tensor relu6(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    if (x.type() == DataType.FLOAT32) {
      return Activations.apply(n.ctx(), x, "relu6");
    }
    Tensor low = Emit.binary(n, BuiltinOp.MAXIMUM, x, Emit.scalar(n, x.type(), 0));
    return Emit.binary(n, BuiltinOp.MINIMUM, low, Emit.scalar(n, x.type(), 6));
  }

  /** GELU; Keras's op defaults to the tanh approximation (the layer activation does not). */
  private static Tensor gelu(OpNode n) {
    Tensor x = floatInput(n);
    boolean approximate = n.bool("approximate", true);
    return n.ctx().emit(BuiltinOp.GELU, List.of(x), x.shape(), new OpOptions.Gelu(approximate));
  }

  private static Tensor leakyRelu(OpNode n) {
    Tensor x = floatInput(n);
    float slope = (float) n.number("negative_slope", 0.2);
    return n.ctx().emit(BuiltinOp.LEAKY_RELU, List.of(x), x.shape(), new OpOptions.LeakyRelu(slope));
  }





  /**
   * SOFTMAX / LOG_SOFTMAX, which LiteRT computes over the last axis: another axis is moved last
   * and back; axis None normalizes over every element, as Keras's TF backend does.
   */
  private static Tensor softmax(OpNode n, BuiltinOp op) {
    Tensor x = floatInput(n);
    var axisNode = n.config("axis");
    int rank = x.shape().rank();
    if (axisNode.isNull()) {
      Tensor flat = Emit.reshape(n, x, Shape.of(1, Emit.product(x.shape().dims())));
      Tensor y = Emit.unary(n, op, flat);
      return x.shape().isStatic() ? Emit.reshape(n, y, x.shape()) : Emit.reshape(n, y, Emit.shapeOf(n, x), x.shape());
    }
    if (axisNode.isArray()) {
      throw n.error("normalizes over the axes " + axisNode + "; one axis is supported", "normalize over one axis");
    }
    int axis = n.axis(n.integer("axis", -1), rank);
    if (rank == 0) {
      throw n.error("normalizes a scalar", null);
    }
    int[] perm = Emit.axisLast(axis, rank);
    Tensor moved = Emit.transpose(n, x, perm);
    return Emit.transpose(n, Emit.unary(n, op, moved), Emit.inverse(perm));
  }
}
