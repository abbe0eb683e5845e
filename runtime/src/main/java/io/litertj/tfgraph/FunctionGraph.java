package io.litertj.tfgraph;

import java.util.List;
import org.tensorflow.proto.OpDef;

/**
 * A library function flattened on its own, as control flow runs it: one {@code _Arg} node per
 * formal argument (in signature order), the tensors it returns, and the nodes its control returns
 * name (which run for their effects). Calls inside it are inlined like the main graph's.
 *
 * @param name           the function's name in the library
 * @param args           one {@code _Arg} node per input argument
 * @param argDefs        the input arguments' definitions
 * @param outputs        what each output argument returns
 * @param outputDefs     the output arguments' definitions
 * @param controlReturns nodes the function must run besides computing its outputs
 */
public record FunctionGraph(String name, List<TfNode> args, List<OpDef.ArgDef> argDefs, List<TfRef> outputs,
    List<OpDef.ArgDef> outputDefs, List<TfNode> controlReturns) {

  /** The op of the argument nodes. */
  public static final String ARG_OP = "_Arg";

  public FunctionGraph {
    args = List.copyOf(args);
    argDefs = List.copyOf(argDefs);
    outputs = List.copyOf(outputs);
    outputDefs = List.copyOf(outputDefs);
    controlReturns = List.copyOf(controlReturns);
  }

  /** Argument {@code i} as a tensor reference. */
  public TfRef arg(int i) {
    return args.get(i).output(0);
  }

  /**
   * Follows pure pass-through nodes (Identity and the like) back from {@code ref}: output {@code i}
   * of a loop body that returns its argument {@code i} this way leaves it unchanged.
   */
  public static TfRef throughIdentities(TfRef ref) {
    TfRef at = ref;
    for (int guard = 0; guard < 10_000; guard++) {
      String op = at.node().op();
      boolean passThrough = op.equals("Identity") || op.equals("Snapshot") || op.equals("StopGradient")
          || op.equals("PreventGradient");
      if (op.equals("IdentityN") && at.index() < at.node().inputs().size()) {
        at = at.node().inputs().get(at.index());
      } else if (passThrough && !at.node().inputs().isEmpty()) {
        at = at.node().inputs().get(0);
      } else {
        return at;
      }
    }
    return at;
  }
}
