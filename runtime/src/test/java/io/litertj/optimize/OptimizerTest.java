package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Padding;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {

  @Test
  void standardPassesRunInAFixedOrder() {
    assertEquals(List.of("fuse-gelu-tanh", "fuse-hard-swish", "fuse-prelu", "fuse-leaky-relu",
        "divide-by-constant", "remove-identity-arithmetic", "fuse-reshape-into-fully-connected",
        "move-bias-before-reshape", "fold-pad-into-conv", "fold-mul-into-weights", "fold-bias-add", "fold-scale-shift-into-affine",
        "fuse-activation", "compose-transposes", "remove-no-op-layout", "collapse-reshapes", "dedup-constants", "dedup-ops", "prune-dead-ops"),
        Optimizer.standard().passNames());
  }

  /** Conv, batch norm, ReLU and a dead branch, as a legalized Keras block looks. */
  private static Graphs convBlock() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 1, 4, 4, 3);
    OpOptions.Conv2D conv = new OpOptions.Conv2D(Padding.SAME, 1, 1, Activation.NONE, 1, 1);
    Tensor c1 = b.op(BuiltinOp.CONV_2D, conv, dims(1, 4, 4, 2), x, b.random("w1", 2, 3, 3, 3),
        b.constant("zeros1", dims(2), 0, 0));
    Tensor bn1 = b.op(BuiltinOp.MUL, new OpOptions.Mul(Activation.NONE), dims(1, 4, 4, 2), c1, b.positive("g1", 2));
    Tensor sh1 = b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), dims(1, 4, 4, 2), bn1, b.random("b1", 2));
    Tensor r1 = b.op(BuiltinOp.RELU, null, dims(1, 4, 4, 2), sh1);
    Tensor c2 = b.op(BuiltinOp.CONV_2D, conv, dims(1, 4, 4, 2), r1, b.random("w2", 2, 1, 1, 2),
        b.constant("zeros2", dims(2), 0, 0));
    Tensor bias2 = b.op(BuiltinOp.ADD, new OpOptions.Add(Activation.NONE), dims(1, 4, 4, 2), c2, b.random("b2", 2));
    b.op(BuiltinOp.TANH, null, dims(1, 4, 4, 2), bias2); // read by nothing
    b.output("out", b.op(BuiltinOp.RELU6, null, dims(1, 4, 4, 2), bias2));
    return b;
  }

  @Test
  void convBlockBecomesTwoConvs() {
    Graphs b = convBlock();

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.CONV_2D, BuiltinOp.CONV_2D), b.ops());
    assertEquals(Activation.RELU, Activations.of(b.g.operators().get(0).options()));
    assertEquals(Activation.RELU6, Activations.of(b.g.operators().get(1).options()));
  }

  @Test
  void optimizedGraphIsAFixedPoint() {
    Graphs b = convBlock();
    Optimizer optimizer = Optimizer.standard();
    optimizer.run(b.g);
    for (SubgraphPass pass : List.of(new FuseReshapeIntoFullyConnected(), new FoldMulIntoWeights(), new FoldBiasAdd(),
        new FuseActivation(), new RemoveNoOpLayout(), new CollapseReshapes(), new DedupConstants(),
        new PruneDeadOps())) {
      assertFalse(pass.run(b.g), pass.name());
    }
  }

  @Test
  void newConstantsGetUniqueNames() {
    Graphs b = convBlock();
    Optimizer.standard().run(b.g);
    TensorNames names = TensorNames.of(b.g);
    String taken = b.g.operators().get(0).input(2).name();
    assertEquals(taken + "_1", names.unique(taken));
  }
}
