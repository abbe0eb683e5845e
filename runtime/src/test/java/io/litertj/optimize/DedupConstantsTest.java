package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.ir.TransposedData;
import java.util.List;
import org.junit.jupiter.api.Test;

class DedupConstantsTest {

  static final OpOptions.Sub SUB = new OpOptions.Sub(Activation.NONE);

  @Test
  void identicalConstantsBecomeOneTensor() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3);
    Tensor first = b.op(BuiltinOp.SUB, SUB, dims(2, 3), x, b.constant("a", dims(3), 1, 2, 3));
    Tensor second = b.op(BuiltinOp.SUB, SUB, dims(2, 3), first, b.constant("b", dims(3), 1, 2, 3));
    Tensor third = b.op(BuiltinOp.SUB, SUB, dims(2, 3), second, b.constant("c", dims(3), 1, 2, 4));
    b.output("out", b.op(BuiltinOp.SUB, SUB, dims(2, 3), third, b.constant("d", dims(1, 3), 1, 2, 3)));

    Equivalence.optimizeKeepsOutputs(b.g);

    List<Operator> ops = b.g.operators();
    assertSame(ops.get(0).input(1), ops.get(1).input(1));
    assertEquals("a", ops.get(1).input(1).name());
    assertNotSame(ops.get(0).input(1), ops.get(2).input(1), "different bytes");
    assertNotSame(ops.get(0).input(1), ops.get(3).input(1), "different shape");
  }

  @Test
  void lazyConstantsCompareByTheirBytes() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3);
    Tensor plain = b.constant("plain", dims(2, 3), 1, 3, 5, 2, 4, 6);
    ConstantData source = ConstantData.ofFloats(1, 2, 3, 4, 5, 6);
    Tensor lazy = Tensor.constant("lazy", DataType.FLOAT32, Shape.of(2, 3),
        new TransposedData(source, new int[] {3, 2}, new int[] {1, 0}, 4));
    Tensor first = b.op(BuiltinOp.SUB, SUB, dims(2, 3), x, plain);
    b.output("out", b.op(BuiltinOp.SUB, SUB, dims(2, 3), first, lazy));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertSame(plain, b.g.operators().get(1).input(1));
  }

  @Test
  void secondRunFindsNothing() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 3);
    Tensor first = b.op(BuiltinOp.SUB, SUB, dims(3), x, b.constant("a", dims(3), 1, 2, 3));
    b.output("out", b.op(BuiltinOp.SUB, SUB, dims(3), first, b.constant("b", dims(3), 1, 2, 3)));

    DedupConstants pass = new DedupConstants();
    assertTrue(pass.run(b.g));
    assertFalse(pass.run(b.g));
  }
}
