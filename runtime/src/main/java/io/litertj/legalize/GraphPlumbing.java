package io.litertj.legalize;

import io.litertj.ir.DataType;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.tfgraph.TensorProtos;
import io.litertj.tfgraph.TfTypes;
import java.util.List;
import org.tensorflow.proto.TensorProto;

/**
 * Ops that move values around without computing: constants, variables, identities. They emit no
 * LiteRT operator; their outputs are their inputs or constants.
 */
final class GraphPlumbing {

  private GraphPlumbing() {}

  static void register(LegalizerTable table) {
    table.register(GraphPlumbing::passThrough, "Identity", "StopGradient", "Snapshot", "PreventGradient",
        "PlaceholderWithDefault", "EnsureShape", "CheckNumerics", "ReadVariableOp");
    table.register(ctx -> ctx.inputs(), "IdentityN");
    table.register(ctx -> List.of(), "NoOp");
    table.register(GraphPlumbing::constant, "Const");
    table.register(ctx -> List.of(ctx.variable()), "VarHandleOp", "VariableV2", "Variable");
    // A graph input reached outside the signature: reported before legalization starts.
    table.register(ctx -> {
      throw ctx.error("is a graph input that this signature does not feed", "convert a signature that names it");
    }, "Placeholder");
  }

  private static List<Tensor> passThrough(NodeContext ctx) {
    return List.of(ctx.input(0));
  }

  private static List<Tensor> constant(NodeContext ctx) {
    TensorProto proto = ctx.attr("value").getTensor();
    DataType type = TfTypes.toIr(proto.getDtype());
    if (type == null || type == DataType.STRING) {
      throw ctx.error("holds a " + proto.getDtype() + " constant, which LiteRT builtins cannot use", null);
    }
    Shape shape = TfTypes.toIr(proto.getTensorShape());
    if (shape == null) {
      throw ctx.error("has a constant of unknown rank", "the SavedModel is malformed; re-export it");
    }
    try {
      return List.of(ctx.constant("value", type, shape, TensorProtos.decode(proto, type, shape)));
    } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
      throw ctx.error("has a malformed value: " + e.getMessage(), "the SavedModel is corrupt; re-export it");
    }
  }
}
