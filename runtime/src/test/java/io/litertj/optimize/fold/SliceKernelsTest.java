package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.f32;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.i32;
import static io.litertj.optimize.fold.Fold.i64;
import static io.litertj.optimize.fold.Fold.ints;
import static io.litertj.optimize.fold.Fold.out;
import static io.litertj.optimize.fold.Fold.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceKernelsTest {

  /** [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]] */
  private static final Tensor M = i32(dims(3, 4), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

  private static OpOptions.StridedSlice masks(int begin, int end, int ellipsis, int newAxis, int shrink) {
    return new OpOptions.StridedSlice(begin, end, ellipsis, newAxis, shrink, false);
  }

  private static int[] stridedSlice(OpOptions.StridedSlice o, int[] outDims, int[] begin, int[] end, int[] strides) {
    return ints(fold(BuiltinOp.STRIDED_SLICE, o, out(DataType.INT32, outDims), M, vec(begin), vec(end), vec(strides)));
  }

  @Test
  void sliceWithSizeMinusOneRunsToTheEnd() {
    assertArrayEquals(new int[] {5, 6, 7, 9, 10, 11},
        ints(fold(BuiltinOp.SLICE, null, out(DataType.INT32, 2, 3), M, vec(1, 1), vec(-1, -1))));
    assertArrayEquals(new int[] {1, 2},
        ints(fold(BuiltinOp.SLICE, null, out(DataType.INT32, 1, 2), M, i64(dims(2), 0, 1), i64(dims(2), 1, 2))));
  }

  @Test
  void sliceOutOfBoundsIsNotFolded() {
    assertNull(fold(BuiltinOp.SLICE, null, out(DataType.INT32, 2, 2), M, vec(2, 0), vec(2, 2)));
  }

  @Test
  void stridedSliceBasicAndNegativeIndices() {
    assertArrayEquals(new int[] {5, 6}, stridedSlice(masks(0, 0, 0, 0, 0), dims(1, 2), dims(1, 1), dims(2, 3), dims(1, 1)));
    assertArrayEquals(new int[] {9, 10}, stridedSlice(masks(0, 0, 0, 0, 0), dims(1, 2), dims(-1, -3), dims(3, -1), dims(1, 1)));
  }

  @Test
  void stridedSliceWithStridesAndClamping() {
    // rows 0 and 2, columns from 1 stepping 2 past the end
    assertArrayEquals(new int[] {1, 3, 9, 11}, stridedSlice(masks(0, 0, 0, 0, 0), dims(2, 2), dims(0, 1), dims(5, 100), dims(2, 2)));
  }

  @Test
  void stridedSliceBackwards() {
    // [::-1, ::-2] via masks: every row reversed, every other column from the end
    assertArrayEquals(new int[] {11, 9, 7, 5, 3, 1},
        stridedSlice(masks(3, 3, 0, 0, 0), dims(3, 2), dims(0, 0), dims(0, 0), dims(-1, -2)));
    // [2:0:-1, 3] : rows 2 and 1 of column 3
    assertArrayEquals(new int[] {11, 7}, stridedSlice(masks(0, 0, 0, 0, 2), dims(2), dims(2, 3), dims(0, 4), dims(-1, 1)));
  }

  @Test
  void beginAndEndMasksTakeTheWholeAxis() {
    assertArrayEquals(new int[] {2, 3, 6, 7, 10, 11}, stridedSlice(masks(1, 3, 0, 0, 0), dims(3, 2), dims(2, 2), dims(0, 0), dims(1, 1)));
  }

  @Test
  void shrinkAxisDropsTheAxis() {
    assertArrayEquals(new int[] {4, 5, 6, 7}, stridedSlice(masks(0, 0, 0, 0, 1), dims(4), dims(1, 0), dims(2, 4), dims(1, 1)));
    assertArrayEquals(new int[] {11}, stridedSlice(masks(0, 0, 0, 0, 3), dims(), dims(-1, -1), dims(0, 0), dims(1, 1)));
  }

  @Test
  void shrinkingOutOfRangeIsNotFolded() {
    assertNull(fold(BuiltinOp.STRIDED_SLICE, masks(0, 0, 0, 0, 1), out(DataType.INT32, 4), M, vec(3, 0), vec(4, 4), vec(1, 1)));
  }

  @Test
  void newAxisInsertsASizeOneAxis() {
    // [:, newaxis, 1]
    assertArrayEquals(new int[] {1, 5, 9}, stridedSlice(masks(1, 1, 0, 2, 4), dims(3, 1), dims(0, 0, 1), dims(0, 0, 2), dims(1, 1, 1)));
  }

  @Test
  void ellipsisExpandsToTheMissingAxes() {
    Tensor x = i32(dims(2, 2, 2), 0, 1, 2, 3, 4, 5, 6, 7);
    // [..., 1] on a 3-D input: the last index of every row
    ConstantData r = fold(BuiltinOp.STRIDED_SLICE, masks(0, 0, 1, 0, 2), out(DataType.INT32, 2, 2), x,
        vec(0, 1), vec(0, 2), vec(1, 1));
    assertArrayEquals(new int[] {1, 3, 5, 7}, ints(r));
    // [0, ..., newaxis]: new axis after an ellipsis
    r = fold(BuiltinOp.STRIDED_SLICE, masks(0, 0, 2, 4, 1), out(DataType.INT32, 2, 2, 1), x,
        vec(0, 0, 0), vec(1, 0, 0), vec(1, 1, 1));
    assertArrayEquals(new int[] {0, 1, 2, 3}, ints(r));
  }

  @Test
  void offsetMakesEndsSizes() {
    OpOptions.StridedSlice offset = new OpOptions.StridedSlice(0, 0, 0, 0, 0, true);
    // begin [1, 1], sizes [2, 2]
    ConstantData r = fold(BuiltinOp.STRIDED_SLICE, offset, out(DataType.INT32, 2, 2), M, vec(1, 1), vec(2, 2), vec(1, 1));
    assertArrayEquals(new int[] {5, 6, 9, 10}, ints(r));
    // a size running past the end does not fit the output LiteRT allocates
    assertNull(fold(BuiltinOp.STRIDED_SLICE, offset, out(DataType.INT32, 2, 4), M, vec(1, 1), vec(2, 4), vec(1, 1)));
  }

  @Test
  void zeroStrideIsNotFolded() {
    assertNull(fold(BuiltinOp.STRIDED_SLICE, masks(0, 0, 0, 0, 0), out(DataType.INT32, 1, 1), M, vec(0, 0), vec(1, 1), vec(1, 0)));
  }

  /**
   * Keras Flatten: {@code reshape(x, [shape(x)[0], -1])}. With a dynamic batch the legalizer
   * folds the shape arithmetic once per probe value of the batch dim (97, then 89).
   */
  @Test
  void kerasFlattenPattern() {
    for (int batch : new int[] {2, 97, 89}) {
      Tensor x = f32(dims(batch, 3, 3, 4), new float[batch * 36]);
      ConstantData shape = fold(BuiltinOp.SHAPE, new OpOptions.ShapeOp(DataType.INT32), out(DataType.INT32, 4), x);
      assertArrayEquals(new int[] {batch, 3, 3, 4}, ints(shape));
      Tensor shapeTensor = Tensor.constant("shape", DataType.INT32, Shape.of(4), shape);
      ConstantData first = fold(BuiltinOp.STRIDED_SLICE, masks(0, 0, 0, 0, 1), out(DataType.INT32),
          shapeTensor, vec(0), vec(1), vec(1));
      assertArrayEquals(new int[] {batch}, ints(first));
      Tensor firstTensor = Tensor.constant("first", DataType.INT32, Shape.scalar(), first);
      ConstantData packed = fold(BuiltinOp.PACK, new OpOptions.Pack(2, 0), out(DataType.INT32, 2), firstTensor, Fold.i32(-1));
      assertArrayEquals(new int[] {batch, -1}, ints(packed));
      Tensor target = Tensor.constant("target", DataType.INT32, Shape.of(2), packed);
      Tensor flat = new Tensor("flat", DataType.FLOAT32, Shape.of(-1, 36));
      List<ConstantData> reshaped = Fold.foldAll(BuiltinOp.RESHAPE, null, List.of(flat), x, target);
      assertArrayEquals(new float[batch * 36], Fold.floats(reshaped.get(0)));
    }
  }
}
