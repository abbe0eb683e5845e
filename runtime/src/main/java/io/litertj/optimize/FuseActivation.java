package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code RELU / RELU6 / RELU_N1_TO_1 (p(...))} → {@code p} with that fused activation, when p is
 * CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, ADD, SUB, MUL, DIV, AVERAGE_POOL_2D or MAX_POOL_2D
 * without one, and p's output is read by the activation alone.
 *
 * <p>This is exactly what the official converter fuses. TANH (and any non-clamp activation) is
 * never fused: LiteRT's float kernels compute fused activations with
 * {@code CalculateActivationRange}, which treats TANH as no activation at all, so a fused TANH
 * would be silently dropped. CONCATENATION is not a target because its kernel rejects any fused
 * activation, and TRANSPOSE_CONV because older runtimes ignore its activation field. Only
 * unquantized FLOAT32 results are fused, the case this converter produces.
 */
final class FuseActivation extends PerOpPass {

  private static final Set<BuiltinOp> TARGETS = EnumSet.of(
      BuiltinOp.CONV_2D, BuiltinOp.DEPTHWISE_CONV_2D, BuiltinOp.FULLY_CONNECTED,
      BuiltinOp.ADD, BuiltinOp.SUB, BuiltinOp.MUL, BuiltinOp.DIV,
      BuiltinOp.AVERAGE_POOL_2D, BuiltinOp.MAX_POOL_2D);

  @Override
  public String name() {
    return "fuse-activation";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator act) {
    GraphIndex index = context.index();
    Activation fused = Activations.CLAMPS.get(act.op());
    if (fused == null || act.inputs().size() != 1 || act.outputs().size() != 1) {
      return false;
    }
    Tensor x = act.input(0);
    Tensor y = act.output(0);
    Operator producer = index.producer(x);
    if (producer == null || !TARGETS.contains(producer.op()) || producer.outputs().size() != 1
        || !index.hasSingleOpUse(x) || !isPlainFloat(x) || !isPlainFloat(y) || !x.shape().equals(y.shape())
        || Activations.of(producer.options()) != Activation.NONE) {
      return false;
    }
    OpOptions options = Activations.with(producer.op(), producer.options(), fused);
    if (options == null) {
      return false;
    }
    producer.setOptions(options);
    Rewire.absorb(context, producer, x, act);
    return true;
  }

  private static boolean isPlainFloat(Tensor t) {
    return t.type() == DataType.FLOAT32 && t.quantization() == null;
  }
}
