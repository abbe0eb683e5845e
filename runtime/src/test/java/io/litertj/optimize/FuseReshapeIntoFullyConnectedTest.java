package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuseReshapeIntoFullyConnectedTest {

  static final OpOptions.FullyConnected FC = new OpOptions.FullyConnected(Activation.NONE, false, false);

  @Test
  void reshapesAroundAFlatteningFullyConnectedBecomeKeepNumDims() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3, 4);
    Tensor flat = b.op(BuiltinOp.RESHAPE, null, dims(6, 4), x, b.ints("flat", 6, 4));
    Tensor y = b.op(BuiltinOp.FULLY_CONNECTED, FC, dims(6, 5), flat, b.random("w", 5, 4), b.random("bias", 5));
    Tensor back = b.op(BuiltinOp.RESHAPE, null, dims(2, 3, 5), y, b.ints("back", 2, 3, 5));
    b.output("out", back);

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.FULLY_CONNECTED), b.ops());
    Operator fc = b.only(BuiltinOp.FULLY_CONNECTED);
    assertTrue(((OpOptions.FullyConnected) fc.options()).keepNumDims());
    assertSame(x, fc.input(0));
    assertSame(back, fc.output(0));
  }

  @Test
  void reshapeThatChangesTheLeadingDimsStays() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 6, 4);
    Tensor y = b.op(BuiltinOp.FULLY_CONNECTED, FC, dims(6, 5), x, b.random("w", 5, 4), b.random("bias", 5));
    b.output("out", b.op(BuiltinOp.RESHAPE, null, dims(3, 2, 5), y, b.ints("s", 3, 2, 5)));

    Equivalence.optimizeKeepsOutputs(b.g);

    assertEquals(List.of(BuiltinOp.FULLY_CONNECTED, BuiltinOp.RESHAPE), b.ops());
    assertFalse(((OpOptions.FullyConnected) b.only(BuiltinOp.FULLY_CONNECTED).options()).keepNumDims());
  }
}
