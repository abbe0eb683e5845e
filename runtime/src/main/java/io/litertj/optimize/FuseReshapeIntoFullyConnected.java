package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.Arrays;

/**
 * Merges the reshapes around a FULLY_CONNECTED that flattens its input, as the official
 * converter's RemoveReshapeBeforeFullyConnected and RemoveReshapeAfterFullyConnected do:
 * <ul>
 *   <li>{@code FC(RESHAPE(x) to [rows, in])} → {@code FC(x)}: without keep_num_dims the kernel
 *       flattens x to the same rows itself.
 *   <li>{@code RESHAPE(FC(x) [rows, out]) to x.shape[:-1] + [out]} → {@code FC(x)} with
 *       keep_num_dims, which keeps those leading dims itself.
 * </ul>
 * Both need static shapes.
 */
final class FuseReshapeIntoFullyConnected extends PerOpPass {

  @Override
  public String name() {
    return "fuse-reshape-into-fully-connected";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator op) {
    return switch (op.op()) {
      case FULLY_CONNECTED -> dropReshapeBefore(context, op);
      case RESHAPE -> absorbReshapeAfter(context, op);
      default -> false;
    };
  }

  private static boolean dropReshapeBefore(RewriteContext context, Operator fc) {
    if (!(fc.options() instanceof OpOptions.FullyConnected o) || o.keepNumDims() || fc.input(0) == null) {
      return false;
    }
    Tensor flat = fc.input(0);
    Operator reshape = context.index().producer(flat);
    if (reshape == null || reshape.op() != BuiltinOp.RESHAPE) {
      return false;
    }
    Tensor x = reshape.input(0);
    Shape xs = x.shape();
    Shape fs = flat.shape();
    if (!xs.isStatic() || !fs.isStatic() || fs.rank() != 2 || xs.rank() < 2 || xs.dim(-1) != fs.dim(-1)
        || x.type() != flat.type() || x.quantization() != null || flat.quantization() != null) {
      return false;
    }
    context.setInput(fc, 0, x);
    return true;
  }

  private static boolean absorbReshapeAfter(RewriteContext context, Operator reshape) {
    GraphIndex index = context.index();
    if (reshape.inputs().isEmpty() || reshape.input(0) == null) {
      return false;
    }
    Tensor y = reshape.input(0);
    Tensor z = reshape.output(0);
    Operator fc = index.producer(y);
    if (fc == null || fc.op() != BuiltinOp.FULLY_CONNECTED || fc.outputs().size() != 1
        || !(fc.options() instanceof OpOptions.FullyConnected o) || o.keepNumDims()
        || !index.hasSingleOpUse(y) || y.type() != z.type() || y.quantization() != null || z.quantization() != null) {
      return false;
    }
    Shape xs = fc.input(0).shape();
    Shape ys = y.shape();
    Shape zs = z.shape();
    if (!xs.isStatic() || !ys.isStatic() || !zs.isStatic() || ys.rank() == 0 || zs.rank() == 0
        || ys.dim(-1) != zs.dim(-1)
        || !Arrays.equals(Arrays.copyOf(xs.dims(), xs.rank() - 1), Arrays.copyOf(zs.dims(), zs.rank() - 1))) {
      return false;
    }
    fc.setOptions(new OpOptions.FullyConnected(o.activation(), true, o.asymmetricQuantizeInputs()));
    Rewire.absorb(context, fc, y, reshape);
    return true;
  }
}
