package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.f32;
import static io.litertj.optimize.fold.Fold.floats;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.i32;
import static io.litertj.optimize.fold.Fold.i64;
import static io.litertj.optimize.fold.Fold.ints;
import static io.litertj.optimize.fold.Fold.longs;
import static io.litertj.optimize.fold.Fold.out;
import static io.litertj.optimize.fold.Fold.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorKernelsTest {

  @Test
  void shapeGivesTheDimsInTheRequestedType() {
    Tensor x = f32(dims(2, 3, 0));
    assertArrayEquals(new int[] {2, 3, 0}, ints(fold(BuiltinOp.SHAPE, new OpOptions.ShapeOp(DataType.INT32), out(DataType.INT32, 3), x)));
    assertArrayEquals(new long[] {2, 3, 0}, longs(fold(BuiltinOp.SHAPE, new OpOptions.ShapeOp(DataType.INT64), out(DataType.INT64, 3), x)));
  }

  @Test
  void shapeOfAComputedTensorWithAStaticShape() {
    Tensor computed = new Tensor("x", DataType.FLOAT32, Shape.of(4, 5));
    assertArrayEquals(new int[] {4, 5}, ints(fold(BuiltinOp.SHAPE, null, out(DataType.INT32, 2), computed)));
    Tensor dynamic = new Tensor("y", DataType.FLOAT32, Shape.of(-1, 5));
    assertNull(fold(BuiltinOp.SHAPE, null, out(DataType.INT32, 2), dynamic));
  }

  @Test
  void fillRepeatsTheValue() {
    assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1.5f},
        floats(fold(BuiltinOp.FILL, null, out(DataType.FLOAT32, 2, 3), vec(2, 3), f32(1.5f))));
    assertArrayEquals(new long[] {7, 7}, longs(fold(BuiltinOp.FILL, null, out(DataType.INT64, 2), i64(dims(1), 2), i64(dims(), 7))));
  }

  @Test
  void fillWithAShapeOtherThanTheInferredOneIsNotFolded() {
    assertNull(fold(BuiltinOp.FILL, null, out(DataType.FLOAT32, 3, 2), vec(2, 3), f32(1.5f)));
  }

  @Test
  void fillAcceptsADynamicInferredShape() {
    Tensor dynamic = new Tensor("out", DataType.INT32, Shape.of(-1, 2));
    List<io.litertj.ir.ConstantData> r = Fold.foldAll(BuiltinOp.FILL, null, List.of(dynamic), vec(3, 2), i32(0));
    assertArrayEquals(new int[6], ints(r.get(0)));
  }

  @Test
  void integerRange() {
    assertArrayEquals(new int[] {3, 6, 9, 12}, ints(fold(BuiltinOp.RANGE, null, out(DataType.INT32, 4), i32(3), i32(13), i32(3))));
    assertArrayEquals(new int[] {5, 3, 1}, ints(fold(BuiltinOp.RANGE, null, out(DataType.INT32, 3), i32(5), i32(0), i32(-2))));
    assertArrayEquals(new int[0], ints(fold(BuiltinOp.RANGE, null, out(DataType.INT32, 0), i32(4), i32(4), i32(-1))));
  }

  @Test
  void floatRangeAccumulatesInFloat() {
    float[] r = floats(fold(BuiltinOp.RANGE, null, out(DataType.FLOAT32, 4), f32(0), f32(1), f32(0.3f)));
    // 0.3f added up three times is 0.90000004f, not 0.9f
    assertArrayEquals(new float[] {0f, 0.3f, 0.6f, 0.90000004f}, r);
  }

  @Test
  void rangeThatCannotReachItsLimitIsNotFolded() {
    assertNull(fold(BuiltinOp.RANGE, null, out(DataType.INT32, -1), i32(0), i32(5), i32(-1)));
    assertNull(fold(BuiltinOp.RANGE, null, out(DataType.INT32, -1), i32(0), i32(5), i32(0)));
  }

  @Test
  void int64RangeWhoseSpanOverflowsIsNotFolded() {
    // limit - start overflows int64 (undefined in LiteRT's kernel); once folded to a one-element range
    assertNull(fold(BuiltinOp.RANGE, null, out(DataType.INT64, -1), i64(dims(), Long.MIN_VALUE),
        i64(dims(), Long.MAX_VALUE), i64(dims(), Long.MAX_VALUE)));
    assertNull(fold(BuiltinOp.RANGE, null, out(DataType.INT64, -1), i64(dims(), Long.MAX_VALUE),
        i64(dims(), -1), i64(dims(), -1)));
    assertNull(fold(BuiltinOp.RANGE, null, out(DataType.INT64, -1), i64(dims(), 0),
        i64(dims(), -1), i64(dims(), Long.MIN_VALUE)));
  }
}
