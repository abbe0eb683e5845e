package io.litertj.optimize;

import static io.litertj.optimize.Graphs.dims;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Consecutive transposes compose into one, or vanish when they cancel, with LiteRT's outputs unchanged. */
class ComposeTransposesTest {

  @Test
  void twoTransposesBecomeOne() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3, 4);
    Tensor t1 = b.op(BuiltinOp.TRANSPOSE, new OpOptions.Transpose(), dims(3, 2, 4), x, b.ints("p", 1, 0, 2));
    b.output("y", b.op(BuiltinOp.TRANSPOSE, new OpOptions.Transpose(), dims(4, 2, 3), t1, b.ints("q", 2, 1, 0)));

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -5, 5);

    assertEquals(List.of(BuiltinOp.TRANSPOSE), b.ops());
    assertArrayEquals(new long[] {2, 0, 1}, b.only(BuiltinOp.TRANSPOSE).input(1).constantLongs());
  }

  @Test
  void transposesThatCancelVanishAndASharedOneStays() {
    Graphs b = new Graphs();
    Tensor x = b.input("x", 2, 3, 4);
    Tensor t1 = b.op(BuiltinOp.TRANSPOSE, new OpOptions.Transpose(), dims(3, 2, 4), x, b.ints("p", 1, 0, 2));
    Tensor back = b.op(BuiltinOp.TRANSPOSE, new OpOptions.Transpose(), dims(2, 3, 4), t1, b.ints("q", 1, 0, 2));
    b.output("y", b.op(BuiltinOp.TANH, null, dims(2, 3, 4), back));
    b.output("t", t1);

    LiteRtEquivalence.optimizeKeepsLiteRtOutputs(b.g, -5, 5);

    assertEquals(List.of(BuiltinOp.TRANSPOSE, BuiltinOp.TANH), b.ops());
    assertEquals(x, b.only(BuiltinOp.TANH).input(0));
  }
}
