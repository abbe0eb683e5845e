package io.litertj.legalize.control;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.legalize.NodeContext;
import io.litertj.tfgraph.FunctionGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * TF Case / StatelessCase (tf.switch_case) → nested IFs: {@code index == 0 ? b0 : (index == 1 ?
 * b1 : ... b_last)}, so that an index out of range runs the last branch, as TensorFlow does
 * (LiteRT has no multi-way branch, and the official converter refuses Case). Every subgraph takes
 * the index first, then the branch arguments; a constant index inlines its branch.
 */
final class CaseLegalizer {

  private CaseLegalizer() {}

  static List<Tensor> legalize(NodeContext ctx) {
    Tensor index = ctx.input(0);
    if (index.type() != DataType.INT32 || index.shape().numElements() != 1 || !index.shape().isStatic()) {
      throw ctx.error("takes a branch index of " + index.type() + index.shape() + "; it must be one int32",
          "the SavedModel is malformed; re-export it");
    }
    List<Tensor> args = ctx.inputs().subList(1, ctx.inputCount());
    List<FunctionGraph> functions = ctx.functions("branches");
    int n = functions.size();
    if (n == 0) {
      throw ctx.error("has no branches", "the SavedModel is malformed; re-export it");
    }
    if (index.isConstant() || n == 1) {
      int k = n == 1 ? 0 : (int) index.constantLongs()[0];
      return ctx.inlineFunction(functions.get(k < 0 || k >= n ? n - 1 : k), args);
    }
    List<String> names = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      names.add("branch" + b);
    }
    Branches branches = Branches.legalize(ctx, functions, args, names);
    List<Subgraph> withIndex = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      withIndex.add(withLeadingIndex(branches.bodies().get(b).subgraph()));
    }
    // Innermost first: the subgraph that chooses between branch k and everything after it.
    Subgraph rest = withIndex.get(n - 1);
    for (int k = n - 2; k >= 1; k--) {
      rest = chooser(ctx.name() + "/case" + k, k, withIndex.get(k), rest, branches);
    }
    Tensor zero = ctx.constant("branch0", DataType.INT32, Shape.scalar(), ConstantData.ofInts(0));
    Tensor isFirst = ctx.emit(BuiltinOp.EQUAL, List.of(index, zero), DataType.BOOL,
        Shape.scalar(), null);
    List<Tensor> inputs = new ArrayList<>();
    inputs.add(isFirst);
    inputs.add(index);
    inputs.addAll(branches.inputs());
    return branches.noted(ctx, ctx.emit(BuiltinOp.IF, inputs, branches.types(), branches.shapes(),
        new OpOptions.If(withIndex.get(0), rest)));
  }

  /** A subgraph on (index, args...) that runs {@code branch} when index == k, else {@code rest}. */
  private static Subgraph chooser(String name, int k, Subgraph branch, Subgraph rest, Branches branches) {
    Subgraph s = new Subgraph(name);
    Tensor index = new Tensor(name + "/index", DataType.INT32, Shape.scalar());
    s.addInput("index", index);
    List<Tensor> inputs = new ArrayList<>();
    Tensor isK = new Tensor(name + "/is_" + k, DataType.BOOL, Shape.scalar());
    Tensor constK = Tensor.constant(name + "/k", DataType.INT32, Shape.scalar(), ConstantData.ofInts(k));
    s.addOperator(new Operator(BuiltinOp.EQUAL, List.of(index, constK), List.of(isK), null));
    inputs.add(isK);
    inputs.add(index);
    for (int i = 0; i < branches.inputs().size(); i++) {
      Tensor like = branches.inputs().get(i);
      Tensor arg = new Tensor(name + "/arg" + i, like.type(), like.shape());
      s.addInput("arg" + i, arg);
      inputs.add(arg);
    }
    List<Tensor> outputs = new ArrayList<>();
    for (int i = 0; i < branches.types().size(); i++) {
      outputs.add(new Tensor(name + "/output" + i, branches.types().get(i), branches.shapes().get(i)));
    }
    s.addOperator(new Operator(BuiltinOp.IF, inputs, outputs, new OpOptions.If(branch, rest)));
    for (int i = 0; i < outputs.size(); i++) {
      s.addOutput("output" + i, outputs.get(i));
    }
    return s;
  }

  /** The same subgraph with an unused int32 index input in front (LiteRT passes IF's inputs alike). */
  private static Subgraph withLeadingIndex(Subgraph branch) {
    Subgraph s = new Subgraph(branch.name());
    s.addInput("branch_index", new Tensor(branch.name() + "/branch_index", DataType.INT32, Shape.scalar()));
    branch.inputs().forEach((key, t) -> s.addInput(key.equals("branch_index") ? key + "_" : key, t));
    branch.operators().forEach(s::addOperator);
    branch.outputs().forEach(s::addOutput);
    return s;
  }
}
