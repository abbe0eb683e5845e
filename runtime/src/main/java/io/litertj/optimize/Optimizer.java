package io.litertj.optimize;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Subgraph;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The optimize stage: a fixed, named sequence of passes run over a subgraph until none changes
 * anything (or a round limit is reached), like the official converter's greedy pattern driver.
 * The legalizer emits plain ops (see docs/architecture.md, "Contracts between legalize and
 * optimize"); these passes fuse activation patterns into their builtins (GELU, HARD_SWISH, PRELU,
 * LEAKY_RELU), fold biases and batch norms into the preceding affine op, fuse activations, and
 * drop what is left unused.
 */
public final class Optimizer {

  /** Rounds of the whole sequence; each round only shrinks the graph, so few are ever needed. */
  static final int MAX_ROUNDS = 16;

  private static final Logger LOG = Logger.getLogger(Optimizer.class.getName());

  private final List<SubgraphPass> passes;

  public Optimizer(List<SubgraphPass> passes) {
    this.passes = List.copyOf(passes);
  }

  /** The standard sequence, in the order the official converter applies the same patterns. */
  public static Optimizer standard() {
    return new Optimizer(List.of(
        new FuseGeluTanh(),
        new FuseHardSwish(),
        new FusePrelu(),
        new FuseLeakyRelu(),
        new DivideByConstant(),
        new RemoveIdentityArithmetic(),
        new FuseReshapeIntoFullyConnected(),
        new MoveBiasBeforeReshape(),
        new FoldPadIntoConv(),
        new FoldMulIntoWeights(),
        new FoldBiasAdd(),
        new FoldScaleShiftIntoAffine(),
        new FuseActivation(),
        new ComposeTransposes(),
        new RemoveNoOpLayout(),
        new CollapseReshapes(),
        new DedupConstants(),
        new DedupOps(),
        new PruneDeadOps()));
  }

  /**
   * Rewrites that only pay in an integer model, run by the quantizer before calibration: a masked
   * softmax's constant fill bounded to the scores' range (in float it only adds operators).
   */
  public static Optimizer beforeIntegerQuantization() {
    return new Optimizer(List.of(new BoundMaskFill(), new PruneDeadOps()));
  }

  /** Runs the passes over every subgraph of {@code model}, and nothing that changes its loops. */
  public void runPasses(LiteRtModel model) {
    model.allSubgraphs().forEach(this::runOne);
  }

  /** Pass names in the order they run within a round. */
  public List<String> passNames() {
    return passes.stream().map(SubgraphPass::name).toList();
  }

  /**
   * Optimizes every subgraph of {@code model}, including those control flow runs (those first, so
   * that a loop's body is optimized before the loop's unneeded values are found), then drops the
   * loop values nothing needs and fuses the loops that compute an LSTM or a SimpleRNN.
   */
  public void run(LiteRtModel model) {
    List<Subgraph> all = new java.util.ArrayList<>(model.allSubgraphs());
    java.util.Collections.reverse(all);
    all.forEach(this::runOne);
    if (PruneLoopValues.run(model)) {
      LOG.fine(() -> "dropped unneeded loop values");
    }
    boolean fused = FuseRecurrentLoops.run(model);
    boolean rewired = LastStepLists.run(model) && PruneLoopValues.run(model);
    if (fused || rewired) {
      // What the loops left behind (their transposes, the initial states' fills) is optimized again.
      model.allSubgraphs().forEach(this::runOne);
    }
  }

  /** Optimizes {@code g} in place, and the subgraphs its control flow runs. */
  public void run(Subgraph g) {
    LiteRtModel scope = new LiteRtModel(null);
    scope.addSubgraph(g);
    run(scope);
  }

  /**
   * One subgraph. Passes see a called subgraph's inputs and outputs as fixed, like a signature's:
   * the operator that runs it passes and receives exactly those.
   */
  private void runOne(Subgraph g) {
    int before = g.operators().size();
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      boolean changed = false;
      for (SubgraphPass pass : passes) {
        if (pass.run(g)) {
          changed = true;
          int r = round;
          LOG.finer(() -> g.name() + ": round " + r + ": " + pass.name() + " changed the graph");
        }
      }
      if (!changed) {
        int rounds = round;
        LOG.fine(() -> g.name() + ": optimized " + before + " to " + g.operators().size() + " operators in "
            + rounds + " rounds");
        return;
      }
    }
    LOG.log(Level.FINE, "{0}: stopped after {1} rounds without reaching a fixed point",
        new Object[] {g.name(), MAX_ROUNDS});
  }
}
