package io.litertj.optimize.fold;

import static io.litertj.optimize.fold.Fold.dims;
import static io.litertj.optimize.fold.Fold.fold;
import static io.litertj.optimize.fold.Fold.i32;
import static io.litertj.optimize.fold.Fold.i64;
import static io.litertj.optimize.fold.Fold.ints;
import static io.litertj.optimize.fold.Fold.out;
import static io.litertj.optimize.fold.Fold.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import org.junit.jupiter.api.Test;

class GatherKernelTest {

  /** [[0, 1, 2], [3, 4, 5]] */
  private static final Tensor M = i32(dims(2, 3), 0, 1, 2, 3, 4, 5);

  @Test
  void gatherRowsAlongAxisZero() {
    assertArrayEquals(new int[] {3, 4, 5, 0, 1, 2, 3, 4, 5},
        ints(fold(BuiltinOp.GATHER, new OpOptions.Gather(0, 0), out(DataType.INT32, 3, 3), M, vec(1, 0, 1))));
  }

  @Test
  void gatherColumnsAlongANegativeAxis() {
    assertArrayEquals(new int[] {2, 0, 5, 3},
        ints(fold(BuiltinOp.GATHER, new OpOptions.Gather(-1, 0), out(DataType.INT32, 2, 2), M, i64(dims(2), 2, 0))));
  }

  @Test
  void scalarIndexDropsTheAxis() {
    assertArrayEquals(new int[] {1, 4}, ints(fold(BuiltinOp.GATHER, new OpOptions.Gather(1, 0), out(DataType.INT32, 2), M, Fold.i32(1))));
  }

  @Test
  void indexMatrixAddsItsDims() {
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 3, 4, 5, 3, 4, 5},
        ints(fold(BuiltinOp.GATHER, new OpOptions.Gather(0, 0), out(DataType.INT32, 2, 2, 3), M, i32(dims(2, 2), 0, 1, 1, 1))));
  }

  @Test
  void batchDimsPickPerBatch() {
    // batch 0 takes columns [2, 1] of row 0, batch 1 takes [0, 0] of row 1
    assertArrayEquals(new int[] {2, 1, 3, 3},
        ints(fold(BuiltinOp.GATHER, new OpOptions.Gather(1, 1), out(DataType.INT32, 2, 2), M, i32(dims(2, 2), 2, 1, 0, 0))));
  }

  @Test
  void outOfRangeIndicesAreNotFolded() {
    assertNull(fold(BuiltinOp.GATHER, new OpOptions.Gather(0, 0), out(DataType.INT32, 1, 3), M, vec(2)));
    assertNull(fold(BuiltinOp.GATHER, new OpOptions.Gather(0, 0), out(DataType.INT32, 1, 3), M, vec(-1)));
  }
}
