package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A masked softmax's fill, {@code SELECT_V2(mask, scores, -1e9)} (or float32's lowest, as Keras 3
 * writes it) read only by SOFTMAX, gets a fill just below each row's own scores instead:
 * {@code min - |min| - 110}, where min is the row's smallest score. Past exp's float32 range, the
 * masked weights are exactly 0 as before, and a row that keeps nothing is uniform as before, so the
 * float model computes the same. But the softmax input's range stays the scores': with the constant,
 * calibration gives it an int8 scale near 1e36, which turns every score into one value (the
 * official converter's int8 attention files have that scale). The Keras front end fills the same way.
 * It runs before full-integer quantization ({@link Optimizer#beforeIntegerQuantization}), not in
 * the float model, where it would only add operators.
 */
final class BoundMaskFill extends PerOpPass {

  /** A fill at or below this is a mask, not a value. */
  private static final float MASK_FILL = -1e9f;
  /** How far below |min| the fill goes: exp(-110) is below float32's smallest subnormal. */
  private static final float BELOW_MINIMUM = 110f;

  @Override
  public String name() {
    return "bound-mask-fill";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator select) {
    if (select.op() != BuiltinOp.SELECT_V2 || select.inputs().size() != 3 || select.outputs().size() != 1) {
      return false;
    }
    GraphIndex index = context.index();
    Tensor out = select.output(0);
    if (index.isOutput(out) || index.readers(out).isEmpty()
        || !index.readers(out).stream().allMatch(BoundMaskFill::unitSoftmax)) {
      return false;
    }
    for (int scoresSlot = 1; scoresSlot <= 2; scoresSlot++) {
      Tensor scores = select.input(scoresSlot);
      Tensor fill = select.input(3 - scoresSlot);
      if (scores == null || scores.isConstant() || scores.type() != DataType.FLOAT32 || scores.quantization() != null
          || !scores.shape().equals(out.shape()) || scores.shape().rank() < 1 || !isMaskFill(fill)) {
        continue;
      }
      Shape s = scores.shape();
      Shape row = s.withDim(s.rank() - 1, 1);
      String base = out.name() + "/fill";
      List<Operator> ops = new ArrayList<>();
      Tensor min = tensor(context, base + "/row_min", row);
      ops.add(new Operator(BuiltinOp.REDUCE_MIN, List.of(scores, Tensor.constant(context.names().unique(base
          + "/axis"), DataType.INT32, Shape.of(1), ConstantData.ofInts(s.rank() - 1))), List.of(min),
          new OpOptions.Reducer(true)));
      Tensor abs = tensor(context, base + "/abs", row);
      ops.add(new Operator(BuiltinOp.ABS, List.of(min), List.of(abs), new OpOptions.Abs()));
      Tensor lower = tensor(context, base + "/lower", row);
      ops.add(new Operator(BuiltinOp.SUB, List.of(min, abs), List.of(lower), new OpOptions.Sub(Activation.NONE)));
      Tensor below = tensor(context, base, row);
      ops.add(new Operator(BuiltinOp.SUB, List.of(lower, ConstantMath.floatConstant(context.names().unique(base
          + "/margin"), Shape.scalar(), new float[] {BELOW_MINIMUM})), List.of(below),
          new OpOptions.Sub(Activation.NONE)));
      List<Tensor> inputs = new ArrayList<>(select.inputs());
      inputs.set(3 - scoresSlot, below);
      Operator bounded = new Operator(BuiltinOp.SELECT_V2, inputs, select.outputs(), select.options());
      // The fill's ops go where the select was, the select right after them.
      context.replace(select, ops.get(0));
      List<Operator> all = new ArrayList<>(context.graph().operators());
      int at = all.indexOf(ops.get(0));
      all.addAll(at + 1, ops.subList(1, ops.size()));
      all.add(at + ops.size(), bounded);
      context.graph().replaceOperators(all);
      ops.subList(1, ops.size()).forEach(context.index()::add);
      context.index().add(bounded);
      return true;
    }
    return false;
  }

  /** A SOFTMAX with beta at least 1: the fill's margin then stays past exp's range. */
  private static boolean unitSoftmax(Operator op) {
    return op.op() == BuiltinOp.SOFTMAX && (op.options() == null
        || op.options() instanceof OpOptions.Softmax s && s.beta() >= 1f);
  }

  private static Tensor tensor(RewriteContext context, String name, Shape shape) {
    return new Tensor(context.names().unique(name), DataType.FLOAT32, shape);
  }

  /** A float constant whose every value is a mask fill. */
  private static boolean isMaskFill(Tensor t) {
    if (t == null || !ConstantMath.isPlainFloat(t) || t.shape().numElements() < 1) {
      return false;
    }
    for (float v : t.constantFloats()) {
      if (!(v <= MASK_FILL)) {
        return false;
      }
    }
    return true;
  }
}
