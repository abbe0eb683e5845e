package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.f32;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.out;
import static io.litertj.optimize.fold.Fold.vec;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstantFolderTest {

  private static final OpOptions ADD = new OpOptions.Add(Activation.NONE);

  @Test
  void opsWithoutAKernelAreNotFolded() {
    assertNull(fold(BuiltinOp.CONV_2D, null, out(DataType.FLOAT32, 1), f32(dims(1), 1)));
    assertTrue(Fold.FOLDER.supportedOps().contains(BuiltinOp.STRIDED_SLICE));
  }

  @Test
  void computedInputsAreNotFolded() {
    Tensor computed = new Tensor("x", DataType.FLOAT32, Shape.of(1));
    assertNull(fold(BuiltinOp.ADD, ADD, out(DataType.FLOAT32, 1), computed, f32(dims(1), 1)));
  }

  @Test
  void quantizedTensorsAreOnlyRelabelled() {
    Tensor q = Tensor.constant("q", DataType.INT8, Shape.of(2), ConstantData.of(new byte[] {1, 2}));
    q.setQuantization(QuantizationParams.perTensor(0.5f, 0));
    assertNull(fold(BuiltinOp.ADD, ADD, out(DataType.INT8, 2), q, q));
    assertNotNull(fold(BuiltinOp.RESHAPE, null, out(DataType.INT8, 2, 1), q, vec(2, 1)));
  }

  @Test
  void resultsThatContradictTheInferredShapeAreNotFolded() {
    assertNull(fold(BuiltinOp.ADD, ADD, out(DataType.FLOAT32, 3), f32(dims(2), 1, 2), f32(dims(2), 1, 2)));
    assertNull(fold(BuiltinOp.ADD, ADD, out(DataType.FLOAT32, 1, 2), f32(dims(2), 1, 2), f32(dims(2), 1, 2)));
  }

  @Test
  void dynamicInferredDimsAcceptAnySize() {
    Tensor dynamic = new Tensor("out", DataType.FLOAT32, Shape.of(-1));
    assertNotNull(Fold.foldAll(BuiltinOp.ADD, ADD, List.of(dynamic), f32(dims(3), 1, 2, 3), f32(1)));
  }

  @Test
  void outputsAboveTheLimitAreNotMaterialized() {
    ConstantFolder small = new ConstantFolder(4);
    Tensor x = f32(dims(5), 1, 2, 3, 4, 5);
    assertNull(small.evaluate(BuiltinOp.ADD, List.of(x, f32(1)), ADD, List.of(out(DataType.FLOAT32, 5))));
    assertNull(small.evaluate(BuiltinOp.SUM, List.of(x, vec(0)), new OpOptions.Reducer(false),
        List.of(out(DataType.FLOAT32))), "inputs above the limit are not decoded either");
    assertNotNull(small.evaluate(BuiltinOp.RESHAPE, List.of(x, vec(5, 1)), null, List.of(out(DataType.FLOAT32, 5, 1))));
  }

  @Test
  void omittedOptionalInputsAreNull() {
    Tensor x = f32(dims(2), 1, 2);
    List<ConstantData> r = Fold.FOLDER.evaluate(BuiltinOp.PADV2, java.util.Arrays.asList(x, vec(1, 0), null), null,
        List.of(out(DataType.FLOAT32, 3)));
    assertNotNull(r);
  }

  @Test
  void truncatedConstantsAreNotFolded() {
    Tensor bad = new Tensor("bad", DataType.FLOAT32, Shape.of(-1, 2));
    bad.setData(ConstantData.ofFloats(1, 2, 3, 4));
    assertNull(fold(BuiltinOp.NEG, null, out(DataType.FLOAT32, 2, 2), bad));
  }
}
