package io.litertj.keras.ops;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.ir.TransposedData;
import java.util.Arrays;
import java.util.List;

/**
 * {@code matmul}: FULLY_CONNECTED when the right operand is a 2-D constant (its weights stored
 * as LiteRT's [out, in], so quantization treats them as weights), else BATCH_MATMUL with batch
 * broadcasting; 1-D operands are promoted to matrices and the added axis removed again, as NumPy
 * does. Integers are multiplied in float32 and cast back, as Keras's TF backend does.
 */
final class ProductOperations {

  private ProductOperations() {}

  static void register(Registry r) {
    r.add(ProductOperations::matmul, "Matmul");
  }

  private static Tensor matmul(OpNode n) {
    Operand[] o = ArithmeticOperations.pair(n);
    DataType result = KerasType.promote(o[0].type(), o[1].type());
    if (result == DataType.BOOL) {
      throw n.error("multiplies bool matrices", "cast them to a number first");
    }
    Tensor a = Emit.as(n, o[0], DataType.FLOAT32);
    Tensor b = Emit.as(n, o[1], DataType.FLOAT32);
    int ra = a.shape().rank();
    int rb = b.shape().rank();
    if (ra == 0 || rb == 0) {
      throw n.error("multiplies a scalar as a matrix", "use multiply for scalars");
    }
    if (ra == 1) {
      a = Emit.reshape(n, a, Shape.of(1, a.shape().dim(0)));
    }
    if (rb == 1) {
      b = Emit.reshape(n, b, Shape.of(b.shape().dim(0), 1));
    }
    int k = a.shape().dim(-1);
    int kb = b.shape().dim(-2);
    if (k >= 0 && kb >= 0 && k != kb) {
      throw n.error("multiplies shapes " + o[0].shape() + " and " + o[1].shape(), null);
    }
    Tensor product = b.isConstant() && b.shape().rank() == 2 ? fullyConnected(n, a, b) : batchMatmul(n, a, b);
    int[] dims = product.shape().dims();
    if (ra == 1 || rb == 1) {
      int drop = (ra == 1 ? 1 : 0) + (rb == 1 ? 1 : 0);
      int[] out = new int[dims.length - drop];
      int j = 0;
      for (int i = 0; i < dims.length; i++) {
        boolean rowOfVector = ra == 1 && i == dims.length - 2;
        boolean columnOfVector = rb == 1 && i == dims.length - 1;
        if (!rowOfVector && !columnOfVector) {
          out[j++] = dims[i];
        }
      }
      product = Emit.reshape(n, product, Shape.of(out));
    }
    return Emit.cast(n, product, result);
  }

  private static Tensor batchMatmul(OpNode n, Tensor a, Tensor b) {
    int[] da = a.shape().dims();
    int[] db = b.shape().dims();
    Shape batch = Emit.broadcast(n, Shape.of(Arrays.copyOf(da, da.length - 2)), Shape.of(Arrays.copyOf(db, db.length - 2)));
    int[] out = Arrays.copyOf(batch.dims(), batch.rank() + 2);
    out[batch.rank()] = da[da.length - 2];
    out[batch.rank() + 1] = db[db.length - 1];
    return Emit.op(n, BuiltinOp.BATCH_MATMUL, List.of(a, b), DataType.FLOAT32, DataType.FLOAT32, Shape.of(out),
        new OpOptions.BatchMatMul(false, false, false));
  }

  /** x[..., K] times a constant [K, N]: FULLY_CONNECTED with its [N, K] weights and zero bias. */
  private static Tensor fullyConnected(OpNode n, Tensor x, Tensor w) {
    int in = w.shape().dim(0);
    int units = w.shape().dim(1);
    ConstantData data = TransposedData.of(w.data(), w.shape().dims(), new int[] {1, 0}, 4);
    Tensor weights = n.ctx().constant("weights", DataType.FLOAT32, Shape.of(units, in), data);
    Tensor bias = n.ctx().constant("bias", DataType.FLOAT32, Shape.of(units), ConstantData.ofFloats(new float[units]));
    int[] out = x.shape().dims();
    out[out.length - 1] = units;
    return Emit.op(n, BuiltinOp.FULLY_CONNECTED, List.of(x, weights, bias), DataType.FLOAT32, DataType.FLOAT32,
        Shape.of(out), new OpOptions.FullyConnected(Activation.NONE, x.shape().rank() > 2, false));
  }
}
