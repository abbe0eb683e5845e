package io.litertj.legalize.control;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.legalize.FunctionArg;
import io.litertj.legalize.FunctionBody;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.lists.DenseLists;
import io.litertj.tfgraph.FunctionGraph;
import io.litertj.tfgraph.TfRef;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.TensorShapeProto;

/**
 * TF While / StatelessWhile → WHILE, whose cond and body subgraphs are the node's {@code cond}
 * and {@code body} functions.
 *
 * <p>Loop values the body returns unchanged (captured variables and tensors, TF2's
 * {@code maximum_iterations}) are loop invariants: a constant one is copied into both subgraphs
 * as a constant (so the body's weights are constants, as the optimizer wants them) and leaves the
 * loop; a computed one stays a loop value that the body passes through. The other loop values'
 * shapes are found by legalizing the body until its outputs fit its inputs: a dimension that
 * changes from one iteration to the next becomes dynamic (TF's {@code output_shapes} widens them
 * from the start), and an element list whose element shape only the body's writes reveal is
 * given that shape before the loop ({@link DenseLists}). {@code parallel_iterations} does not
 * change what a loop computes and is ignored.
 *
 * <p>The cond and body stay subgraphs of their own, named after the node, so that later passes
 * can recognize what a loop computes.
 */
final class WhileLegalizer {

  /** Rounds of widening before giving up; each round widens at least one dimension. */
  private static final int MAX_ROUNDS = 12;

  private WhileLegalizer() {}

  static List<Tensor> legalize(NodeContext ctx) {
    FunctionGraph cond = ctx.function("cond");
    FunctionGraph body = ctx.function("body");
    int n = ctx.inputCount();
    if (cond.args().size() != n || body.args().size() != n || body.outputs().size() != n) {
      throw ctx.error("has " + n + " loop values, but its cond takes " + cond.args().size() + " and its body takes "
          + body.args().size() + " and returns " + body.outputs().size(), "the SavedModel is malformed; re-export it");
    }
    if (cond.outputs().size() != 1) {
      throw ctx.error("has a cond function with " + cond.outputs().size() + " outputs; it must return one", null);
    }
    List<TensorShapeProto> declared = LoopShapes.declared(ctx.node().attr("output_shapes"));
    List<Tensor> outer = new ArrayList<>(ctx.inputs());
    boolean[] invariant = new boolean[n];
    boolean[] sunk = new boolean[n];
    List<Tensor> templates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TfRef returned = FunctionGraph.throughIdentities(body.outputs().get(i));
      invariant[i] = returned.equals(body.arg(i));
      sunk[i] = invariant[i] && outer.get(i).isConstant();
      if (!invariant[i] && isResource(body, i)) {
        throw ctx.error("changes resource (variable) loop value " + i + " in its body",
            "converted models hold variables as constants; a loop may only read them");
      }
      Shape shape = invariant[i] ? outer.get(i).shape()
          : LoopShapes.widenByAttribute(outer.get(i).shape(), declared, i);
      templates.add(template(ctx, outer.get(i), shape));
    }
    FunctionBody legalBody = null;
    for (int round = 0; ; round++) {
      legalBody = ctx.legalizeFunction(body, ctx.name() + "/body", args(outer, templates, invariant, sunk));
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        if (sunk[i]) {
          continue;
        }
        Tensor in = templates.get(i);
        Tensor out = legalBody.outputs().get(i);
        if (out.type() != in.type()) {
          throw ctx.error("loop value " + i + " enters the loop as " + in.type() + " but the body returns "
              + out.type(), null);
        }
        if (DenseLists.isPending(ctx, in) && !DenseLists.isPending(ctx, out)) {
          // The body's writes tell the element shape: give the list that shape before the loop.
          outer.set(i, DenseLists.materialize(ctx, outer.get(i), out));
          templates.set(i, template(ctx, outer.get(i), outer.get(i).shape()));
          changed = true;
          continue;
        }
        Shape merged = LoopShapes.merge(in.shape(), out.shape());
        if (merged == null) {
          throw ctx.error("loop value " + i + " enters the loop with shape " + in.shape()
              + " but the body returns rank " + out.shape().rank(), "a loop value must keep its rank");
        }
        if (!merged.equals(in.shape())) {
          templates.set(i, template(ctx, outer.get(i), merged));
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
      if (round + 1 >= MAX_ROUNDS) {
        throw ctx.error("has loop values whose shapes do not settle", null);
      }
    }
    FunctionBody legalCond = ctx.legalizeFunction(cond, ctx.name() + "/cond", args(outer, templates, invariant, sunk));
    Subgraph condGraph = legalCond.subgraph();
    condGraph.addOutput(cond.outputDefs().get(0).getName(), Predicates.toBool(ctx, condGraph, legalCond.outputs().get(0)));
    Subgraph bodyGraph = legalBody.subgraph();
    List<Tensor> loopInputs = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!sunk[i]) {
        Tensor out = legalBody.outputs().get(i);
        int from = legalBody.inputs().indexOf(out);
        if (from >= 0 && from != i) {
          out = Copies.of(bodyGraph, out); // a swap: see Copies
        }
        bodyGraph.addOutput(body.outputDefs().get(i).getName(), out);
        loopInputs.add(outer.get(i));
        types.add(templates.get(i).type());
        shapes.add(templates.get(i).shape());
      }
    }
    List<Tensor> results = new ArrayList<>();
    if (loopInputs.isEmpty()) {
      // Every value is an unchanged constant: the loop computes nothing (it could only fail to end).
      results.addAll(outer);
      return results;
    }
    List<Tensor> loopOutputs = ctx.emit(BuiltinOp.WHILE, loopInputs, types, shapes,
        new OpOptions.While(condGraph, bodyGraph));
    int next = 0;
    for (int i = 0; i < n; i++) {
      results.add(sunk[i] ? outer.get(i) : loopOutputs.get(next++));
    }
    for (int i = 0; i < n; i++) {
      Object note = ctx.annotation(legalBody.outputs().get(i), Object.class);
      if (!sunk[i] && note != null) {
        ctx.annotate(results.get(i), note);
      }
    }
    return results;
  }

  private static List<FunctionArg> args(List<Tensor> outer, List<Tensor> templates, boolean[] invariant,
      boolean[] sunk) {
    List<FunctionArg> args = new ArrayList<>();
    for (int i = 0; i < outer.size(); i++) {
      if (sunk[i]) {
        args.add(FunctionArg.constant(outer.get(i)));
      } else if (invariant[i]) {
        args.add(FunctionArg.sameAs(outer.get(i)));
      } else {
        args.add(FunctionArg.like(templates.get(i)));
      }
    }
    return args;
  }

  /** A template for a body input: {@code outer}'s name and type, the given shape, its notes. */
  private static Tensor template(NodeContext ctx, Tensor outer, Shape shape) {
    if (shape.equals(outer.shape())) {
      return outer;
    }
    Tensor t = LoopShapes.template(outer, shape);
    Object note = ctx.annotation(outer, Object.class);
    if (note != null) {
      ctx.annotate(t, note);
    }
    return t;
  }

  private static boolean isResource(FunctionGraph f, int i) {
    return f.argDefs().get(i).getType() == org.tensorflow.proto.DataType.DT_RESOURCE;
  }
}
