package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.f32;
import static io.litertj.optimize.fold.Fold.floats;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.i64;
import static io.litertj.optimize.fold.Fold.out;
import static io.litertj.optimize.fold.Fold.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.ir.TransposedData;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutKernelsTest {

  private static final Tensor X = f32(dims(2, 3), 1, 2, 3, 4, 5, 6);

  @Test
  void reshapeUsesTheStaticOutputShapeAndSharesTheData() {
    ConstantData r = fold(BuiltinOp.RESHAPE, null, out(DataType.FLOAT32, 3, 2), X, vec(3, -1));
    assertSame(X.data(), r);
  }

  @Test
  void reshapeResolvesMinusOneWhenTheOutputShapeIsDynamic() {
    Tensor dynamic = new Tensor("out", DataType.FLOAT32, Shape.of(-1, 2));
    List<ConstantData> r = Fold.foldAll(BuiltinOp.RESHAPE, null, List.of(dynamic), X, vec(-1, 2));
    assertNotNull(r);
    assertNull(Fold.foldAll(BuiltinOp.RESHAPE, null, List.of(dynamic), X, vec(2, -1)), "[2, 3] does not fit [-1, 2]");
    assertNotNull(Fold.foldAll(BuiltinOp.RESHAPE, new OpOptions.Reshape(new int[] {-1, 2}), List.of(dynamic), X));
  }

  @Test
  void reshapeToTheWrongSizeIsNotFolded() {
    assertNull(fold(BuiltinOp.RESHAPE, null, out(DataType.FLOAT32, 4, 2), X, vec(4, 2)));
  }

  @Test
  void squeezeListedOrAllSizeOneAxes() {
    Tensor x = f32(dims(1, 2, 1, 1), 7, 8);
    assertSame(x.data(), fold(BuiltinOp.SQUEEZE, new OpOptions.Squeeze(new int[0]), out(DataType.FLOAT32, 2), x));
    assertNotNull(fold(BuiltinOp.SQUEEZE, new OpOptions.Squeeze(new int[] {0, -1}), out(DataType.FLOAT32, 2, 1), x));
    assertNull(fold(BuiltinOp.SQUEEZE, new OpOptions.Squeeze(new int[] {1}), out(DataType.FLOAT32, 1, 1, 1), x),
        "axis 1 has size 2");
  }

  @Test
  void expandDimsCountsNegativeAxesFromRankPlusOne() {
    assertNotNull(fold(BuiltinOp.EXPAND_DIMS, null, out(DataType.FLOAT32, 2, 3, 1), X, vec(-1)));
    assertNotNull(fold(BuiltinOp.EXPAND_DIMS, null, out(DataType.FLOAT32, 1, 2, 3), X, i64(dims(), 0)));
    assertNotNull(fold(BuiltinOp.EXPAND_DIMS, null, out(DataType.FLOAT32, 2, 1, 3), X, vec(-2)));
    assertNull(fold(BuiltinOp.EXPAND_DIMS, null, out(DataType.FLOAT32, 2, 3, 1), X, vec(-2)), "shape mismatch");
    assertNull(fold(BuiltinOp.EXPAND_DIMS, null, out(DataType.FLOAT32, 2, 3, 1), X, vec(4)));
  }

  @Test
  void transposeIsALazyView() {
    ConstantData r = fold(BuiltinOp.TRANSPOSE, null, out(DataType.FLOAT32, 3, 2), X, vec(1, 0));
    assertInstanceOf(TransposedData.class, r);
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, floats(r));
  }

  @Test
  void transposeOf3d() {
    Tensor x = f32(dims(2, 2, 2), 0, 1, 2, 3, 4, 5, 6, 7);
    // out[i][j][k] = x[k][i][j]
    assertArrayEquals(new float[] {0, 4, 1, 5, 2, 6, 3, 7},
        floats(fold(BuiltinOp.TRANSPOSE, null, out(DataType.FLOAT32, 2, 2, 2), x, vec(1, 2, 0))));
  }

  @Test
  void transposeWithABadPermutationIsNotFolded() {
    assertNull(fold(BuiltinOp.TRANSPOSE, null, out(DataType.FLOAT32, 3, 2), X, vec(1, 1)));
    assertNull(fold(BuiltinOp.TRANSPOSE, null, out(DataType.FLOAT32, 3, 2), X, vec(-1, 0)));
  }

  @Test
  void transposeIgnoresTheSizeLimit() {
    ConstantFolder tiny = new ConstantFolder(4);
    List<ConstantData> r = tiny.evaluate(BuiltinOp.TRANSPOSE, List.of(X, vec(1, 0)), null,
        List.of(out(DataType.FLOAT32, 3, 2)));
    assertNotNull(r);
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, floats(r.get(0)));
  }
}
