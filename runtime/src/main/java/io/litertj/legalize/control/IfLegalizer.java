package io.litertj.legalize.control;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.FunctionArg;
import io.litertj.legalize.FunctionBody;
import io.litertj.legalize.NodeContext;
import io.litertj.tfgraph.FunctionGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * TF If / StatelessIf → IF with the {@code then_branch} and {@code else_branch} functions as
 * subgraphs, as the official converter does. A constant condition inlines the taken branch.
 * Constant arguments (captured variables) are copied into both branches rather than passed.
 */
final class IfLegalizer {

  private IfLegalizer() {}

  static List<Tensor> legalize(NodeContext ctx) {
    Tensor condition = Predicates.toBool(ctx, ctx.input(0));
    List<Tensor> args = ctx.inputs().subList(1, ctx.inputCount());
    FunctionGraph thenBranch = ctx.function("then_branch");
    FunctionGraph elseBranch = ctx.function("else_branch");
    if (condition.isConstant()) {
      boolean taken = condition.constantBytes().get(0) != 0;
      return ctx.inlineFunction(taken ? thenBranch : elseBranch, args);
    }
    Branches branches = Branches.legalize(ctx, List.of(thenBranch, elseBranch), args, List.of("then", "else"));
    List<Tensor> inputs = new ArrayList<>();
    inputs.add(condition);
    inputs.addAll(branches.inputs());
    return branches.noted(ctx, ctx.emit(BuiltinOp.IF, inputs, branches.types(), branches.shapes(),
        new OpOptions.If(branches.bodies().get(0).subgraph(), branches.bodies().get(1).subgraph())));
  }
}
