package io.litertj.keras.layers;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerTable;
import java.util.List;
import java.util.function.Supplier;

/** Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate: elementwise chains and CONCATENATION. */
public final class MergeLayers {

  private MergeLayers() {}

  public static void register(LayerTable t) {
    t.register((ctx, in) -> List.of(chain(ctx, in, BuiltinOp.ADD, () -> new OpOptions.Add(Activation.NONE))), "Add");
    t.register((ctx, in) -> List.of(chain(ctx, in, BuiltinOp.MUL, () -> new OpOptions.Mul(Activation.NONE))),
        "Multiply");
    t.register((ctx, in) -> List.of(chain(ctx, in, BuiltinOp.MAXIMUM, OpOptions.MaximumMinimum::new)), "Maximum");
    t.register((ctx, in) -> List.of(chain(ctx, in, BuiltinOp.MINIMUM, OpOptions.MaximumMinimum::new)), "Minimum");
    t.register(MergeLayers::subtract, "Subtract");
    t.register(MergeLayers::average, "Average");
    t.register(MergeLayers::concatenate, "Concatenate");
  }

  private static Tensor chain(LayerContext ctx, List<Tensor> in, BuiltinOp op, Supplier<OpOptions> options) {
    if (in.isEmpty()) {
      throw ctx.error("has no inputs", null);
    }
    Tensor acc = in.get(0);
    for (int i = 1; i < in.size(); i++) {
      acc = ctx.emit(op, List.of(acc, in.get(i)), Broadcasting.shape(acc.shape(), in.get(i).shape()), options.get());
    }
    return acc;
  }

  private static List<Tensor> subtract(LayerContext ctx, List<Tensor> in) {
    if (in.size() != 2) {
      throw ctx.error("takes exactly two inputs, got " + in.size(), null);
    }
    return List.of(ctx.emit(BuiltinOp.SUB, in, Broadcasting.shape(in.get(0).shape(), in.get(1).shape()),
        new OpOptions.Sub(Activation.NONE)));
  }

  private static List<Tensor> average(LayerContext ctx, List<Tensor> in) {
    Tensor sum = chain(ctx, in, BuiltinOp.ADD, () -> new OpOptions.Add(Activation.NONE));
    return List.of(Activations.mul(ctx, sum, ctx.scalar("inverse_count", 1f / in.size())));
  }

  private static List<Tensor> concatenate(LayerContext ctx, List<Tensor> in) {
    int rank = in.get(0).shape().rank();
    int axis = Shapes.axis(ctx.intValue("axis", -1), rank);
    int[] dims = in.get(0).shape().dims();
    int total = 0;
    for (Tensor t : in) {
      int d = t.shape().dim(axis);
      total = total < 0 || d < 0 ? -1 : total + d;
    }
    dims[axis] = total;
    return List.of(ctx.emit(BuiltinOp.CONCATENATION, in, Shape.of(dims), new OpOptions.Concatenation(axis, Activation.NONE)));
  }
}
