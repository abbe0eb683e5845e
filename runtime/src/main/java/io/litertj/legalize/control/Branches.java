package io.litertj.legalize.control;

import io.litertj.ir.DataType;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.FunctionArg;
import io.litertj.legalize.FunctionBody;
import io.litertj.legalize.NodeContext;
import io.litertj.tfgraph.FunctionGraph;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The branches of an If or Case, legalized as subgraphs on the same arguments: constant ones are
 * copied in, the others are the subgraphs' inputs (in order). Each branch's outputs are added to
 * its subgraph; the result types must agree, and each result's shape is the most specific one
 * every branch fits.
 *
 * @param bodies one per branch, outputs added
 * @param inputs the arguments the operator passes (the non-constant ones)
 * @param types  the results' types
 * @param shapes the results' shapes
 */
record Branches(List<FunctionBody> bodies, List<Tensor> inputs, List<DataType> types, List<Shape> shapes) {

  /** Gives each result the note its branches' outputs share (an element list's, say), if they agree. */
  List<Tensor> noted(NodeContext ctx, List<Tensor> results) {
    for (int i = 0; i < results.size(); i++) {
      Object first = ctx.annotation(bodies.get(0).outputs().get(i), Object.class);
      boolean same = first != null;
      for (FunctionBody body : bodies) {
        same &= first != null && first.equals(ctx.annotation(body.outputs().get(i), Object.class));
      }
      if (same) {
        ctx.annotate(results.get(i), first);
      }
    }
    return results;
  }

  static Branches legalize(NodeContext ctx, List<FunctionGraph> functions, List<Tensor> args, List<String> names) {
    List<FunctionArg> bindings = new ArrayList<>();
    List<Tensor> inputs = new ArrayList<>();
    for (Tensor a : args) {
      if (a.isConstant()) {
        bindings.add(FunctionArg.constant(a));
      } else {
        bindings.add(FunctionArg.sameAs(a));
        inputs.add(a);
      }
    }
    List<FunctionBody> bodies = new ArrayList<>();
    int outputs = -1;
    for (int b = 0; b < functions.size(); b++) {
      FunctionGraph f = functions.get(b);
      FunctionBody body = ctx.legalizeFunction(f, ctx.name() + "/" + names.get(b), bindings);
      if (outputs >= 0 && body.outputs().size() != outputs) {
        throw ctx.error("has branches that return " + outputs + " and " + body.outputs().size() + " values",
            "the SavedModel is malformed; re-export it");
      }
      outputs = body.outputs().size();
      bodies.add(body);
    }
    List<TensorShapeProto> declared = LoopShapes.declared(ctx.node().attr("output_shapes"));
    List<DataType> types = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (int i = 0; i < outputs; i++) {
      DataType type = null;
      Shape shape = null;
      for (FunctionBody body : bodies) {
        Tensor out = body.outputs().get(i);
        if (type != null && out.type() != type) {
          throw ctx.error("has branches whose output " + i + " is " + type + " in one and " + out.type()
              + " in another", null);
        }
        type = out.type();
        Shape merged = shape == null ? out.shape() : LoopShapes.merge(shape, out.shape());
        if (merged == null) {
          throw ctx.error("has branches whose output " + i + " has rank " + shape.rank() + " in one and "
              + out.shape().rank() + " in another", "LiteRT's IF needs every branch to return the same rank");
        }
        shape = merged;
      }
      types.add(type);
      shapes.add(LoopShapes.widenByAttribute(shape, declared, i));
    }
    for (int b = 0; b < bodies.size(); b++) {
      FunctionBody body = bodies.get(b);
      List<org.tensorflow.proto.OpDef.ArgDef> defs = functions.get(b).outputDefs();
      for (int i = 0; i < outputs; i++) {
        body.subgraph().addOutput(defs.get(i).getName(), body.outputs().get(i));
      }
    }
    return new Branches(bodies, inputs, types, shapes);
  }
}
