package io.litertj.quantize;

import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Gives a partly quantized model back its float32 constants, so that it can be quantized again:
 * the int8 weights of a dynamic-range model (read by hybrid ops), and the FLOAT16 or int8
 * constants that DEQUANTIZE ops turn into floats (float16 and weight-only models), become float32
 * constants holding the values they stand for. Quantizing those by the same rule gives back the
 * same int8 values.
 */
final class FloatConstants {

  private static final Logger LOG = Logger.getLogger(FloatConstants.class.getName());

  private FloatConstants() {}

  static void restore(Subgraph subgraph) {
    List<Operator> kept = new ArrayList<>();
    Map<Tensor, Tensor> floatTwin = new IdentityHashMap<>();
    int folded = 0;
    int hybrid = 0;
    for (Operator op : subgraph.operators()) {
      if (isConstantDequantize(op, subgraph)) {
        Tensor out = op.output(0);
        out.setData(ConstantData.ofFloats(values(op.input(0))));
        out.setQuantization(null);
        folded++;
        continue;
      }
      if (readsFloatActivations(op)) {
        for (int i = 0; i < op.inputs().size(); i++) {
          Tensor in = op.input(i);
          if (in != null && in.isConstant() && in.type() == DataType.INT8 && in.isQuantized()) {
            op.setInput(i, floatTwin.computeIfAbsent(in, q -> Tensor.constant(q.name(), DataType.FLOAT32, q.shape(),
                ConstantData.ofFloats(values(q)))));
            op.setOptions(withoutHybridFlag(op.options()));
            hybrid++;
          }
        }
      }
      kept.add(op);
    }
    subgraph.replaceOperators(kept);
    if (folded + hybrid > 0) {
      int f = folded;
      int h = hybrid;
      LOG.info(() -> "the model was partly quantized: " + h + " hybrid int8 weights and " + f
          + " dequantized constants are float32 again before quantizing");
    }
  }

  private static boolean isConstantDequantize(Operator op, Subgraph subgraph) {
    if (op.op() != io.litertj.ir.BuiltinOp.DEQUANTIZE || op.inputs().isEmpty() || op.input(0) == null) {
      return false;
    }
    Tensor in = op.input(0);
    Tensor out = op.output(0);
    boolean dequantizable = in.type() == DataType.FLOAT16 || (in.type() == DataType.INT8 && in.isQuantized());
    return in.isConstant() && dequantizable && out.type() == DataType.FLOAT32 && !subgraph.isOutput(out)
        && in.shape().isStatic();
  }

  private static boolean readsFloatActivations(Operator op) {
    for (Tensor t : op.inputs()) {
      if (t != null && !t.isConstant() && t.type() == DataType.FLOAT32) {
        return true;
      }
    }
    return false;
  }

  /** Hybrid kernels quantize their float inputs at run time; float kernels take no such flag. */
  private static OpOptions withoutHybridFlag(OpOptions options) {
    if (options instanceof OpOptions.FullyConnected fc) {
      return new OpOptions.FullyConnected(fc.activation(), fc.keepNumDims(), false);
    }
    if (options instanceof OpOptions.BatchMatMul bmm) {
      return new OpOptions.BatchMatMul(bmm.adjX(), bmm.adjY(), false);
    }
    return options;
  }

  /** The real values of a FLOAT16 constant, or of an int8 one: {@code (q - zero_point) * scale}, per axis. */
  static float[] values(Tensor t) {
    ByteBuffer bytes = t.constantBytes().order(ByteOrder.LITTLE_ENDIAN);
    int n = (int) t.shape().numElements();
    float[] out = new float[n];
    if (t.type() == DataType.FLOAT16) {
      for (int i = 0; i < n; i++) {
        out[i] = Half.toFloat(bytes.getShort(bytes.position() + 2 * i));
      }
      return out;
    }
    QuantizationParams q = t.quantization();
    float[] scales = q.scales();
    long[] zeroPoints = q.zeroPoints();
    int[] dims = t.shape().dims();
    int axis = scales.length > 1 ? q.quantizedDimension() : -1;
    int inner = 1;
    for (int d = axis + 1; axis >= 0 && d < dims.length; d++) {
      inner *= dims[d];
    }
    for (int i = 0; i < n; i++) {
      int c = axis < 0 ? 0 : (i / inner) % dims[axis];
      long zp = zeroPoints.length == 0 ? 0 : zeroPoints[Math.min(c, zeroPoints.length - 1)];
      out[i] = (bytes.get(bytes.position() + i) - zp) * scales[c];
    }
    return out;
  }
}
