package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.f32;
import static io.litertj.optimize.fold.Fold.floats;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.i32;
import static io.litertj.optimize.fold.Fold.i64;
import static io.litertj.optimize.fold.Fold.ints;
import static io.litertj.optimize.fold.Fold.out;
import static io.litertj.optimize.fold.Fold.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinSplitKernelsTest {

  private static final Tensor A = i32(dims(2, 2), 1, 2, 3, 4);
  private static final Tensor B = i32(dims(2, 1), 5, 6);

  @Test
  void aScalarConcatenatedWithATensorIsNotFolded() {
    // found by Jazzer (ReaderFuzzTest#constantFolder): an ArrayIndexOutOfBoundsException in the folder
    assertNull(fold(BuiltinOp.CONCATENATION, new OpOptions.Concatenation(0, Activation.NONE),
        out(DataType.FLOAT32, -1), f32(1), f32(dims(3), 1, 2, 3)));
  }

  @Test
  void concatenateAlongTheLastAxis() {
    ConstantData r = fold(BuiltinOp.CONCATENATION, new OpOptions.Concatenation(-1, Activation.NONE),
        out(DataType.INT32, 2, 3), A, B);
    assertArrayEquals(new int[] {1, 2, 5, 3, 4, 6}, ints(r));
  }

  @Test
  void concatenateAlongTheFirstAxis() {
    ConstantData r = fold(BuiltinOp.CONCATENATION, new OpOptions.Concatenation(0, Activation.NONE),
        out(DataType.INT32, 3, 2), A, i32(dims(1, 2), 7, 8));
    assertArrayEquals(new int[] {1, 2, 3, 4, 7, 8}, ints(r));
  }

  @Test
  void concatenateScalarsMakesAVector() {
    ConstantData r = fold(BuiltinOp.CONCATENATION, new OpOptions.Concatenation(0, Activation.NONE),
        out(DataType.INT32, 2), Fold.i32(9), Fold.i32(8));
    assertArrayEquals(new int[] {9, 8}, ints(r));
  }

  @Test
  void concatenationWithAnActivationOrMismatchedDimsIsNotFolded() {
    assertNull(fold(BuiltinOp.CONCATENATION, new OpOptions.Concatenation(1, Activation.RELU), out(DataType.INT32, 2, 3), A, B));
    assertNull(fold(BuiltinOp.CONCATENATION, new OpOptions.Concatenation(0, Activation.NONE), out(DataType.INT32, 3, 2), A, B));
  }

  @Test
  void packAlongAxes() {
    Tensor x = i32(dims(2), 1, 2);
    Tensor y = i32(dims(2), 3, 4);
    assertArrayEquals(new int[] {1, 2, 3, 4}, ints(fold(BuiltinOp.PACK, new OpOptions.Pack(2, 0), out(DataType.INT32, 2, 2), x, y)));
    assertArrayEquals(new int[] {1, 3, 2, 4}, ints(fold(BuiltinOp.PACK, new OpOptions.Pack(2, 1), out(DataType.INT32, 2, 2), x, y)));
    assertArrayEquals(new int[] {1, 3, 2, 4}, ints(fold(BuiltinOp.PACK, new OpOptions.Pack(2, -1), out(DataType.INT32, 2, 2), x, y)));
  }

  @Test
  void packScalarsOfInt64() {
    ConstantData r = fold(BuiltinOp.PACK, new OpOptions.Pack(2, 0), out(DataType.INT64, 2), i64(dims(), 97), i64(dims(), -1));
    assertArrayEquals(new long[] {97, -1}, Fold.longs(r));
  }

  @Test
  void unpackAlongAnAxis() {
    List<ConstantData> r = Fold.foldAll(BuiltinOp.UNPACK, new OpOptions.Unpack(2, -1),
        List.of(out(DataType.INT32, 2), out(DataType.INT32, 2)), A);
    assertArrayEquals(new int[] {1, 3}, ints(r.get(0)));
    assertArrayEquals(new int[] {2, 4}, ints(r.get(1)));
  }

  @Test
  void splitTakesTheAxisFirst() {
    Tensor x = f32(dims(2, 4), 1, 2, 3, 4, 5, 6, 7, 8);
    List<ConstantData> r = Fold.foldAll(BuiltinOp.SPLIT, new OpOptions.Split(2),
        List.of(out(DataType.FLOAT32, 2, 2), out(DataType.FLOAT32, 2, 2)), Fold.i32(1), x);
    assertArrayEquals(new float[] {1, 2, 5, 6}, floats(r.get(0)));
    assertArrayEquals(new float[] {3, 4, 7, 8}, floats(r.get(1)));
    assertNull(Fold.foldAll(BuiltinOp.SPLIT, new OpOptions.Split(3),
        List.of(out(DataType.FLOAT32, 2, 1), out(DataType.FLOAT32, 2, 1), out(DataType.FLOAT32, 2, 1)), Fold.i32(1), x),
        "4 does not split in 3");
  }

  @Test
  void splitVResolvesMinusOne() {
    Tensor x = f32(dims(5), 1, 2, 3, 4, 5);
    List<ConstantData> r = Fold.foldAll(BuiltinOp.SPLIT_V, new OpOptions.SplitV(3),
        List.of(out(DataType.FLOAT32, 1), out(DataType.FLOAT32, 3), out(DataType.FLOAT32, 1)), x, vec(1, -1, 1), Fold.i32(0));
    assertEquals(3, r.size());
    assertArrayEquals(new float[] {1}, floats(r.get(0)));
    assertArrayEquals(new float[] {2, 3, 4}, floats(r.get(1)));
    assertArrayEquals(new float[] {5}, floats(r.get(2)));
  }
}
