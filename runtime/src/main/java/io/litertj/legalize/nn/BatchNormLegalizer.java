package io.litertj.legalize.nn;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.ArrayList;
import java.util.List;

/**
 * TF FusedBatchNorm (V1, V2, V3) in inference mode → {@code MUL(x, scale / sqrt(var + eps))} then
 * {@code ADD(., offset - mean * scale / sqrt(var + eps))}, with per-channel constants computed
 * here; the optimizer folds both into the preceding conv. The statistics outputs, unused at
 * inference, are the mean and variance inputs.
 */
final class BatchNormLegalizer {

  private BatchNormLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(BatchNormLegalizer::batchNorm, "FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3");
  }

  private static List<Tensor> batchNorm(NodeContext ctx) {
    if (ctx.attrBool("is_training", true)) {
      throw ctx.error("is in training mode (is_training=true)",
          "export the model for inference (call the layer with training=False)");
    }
    String format = ctx.attrString("data_format", "NHWC");
    if (!format.equals("NHWC") && !format.equals("NDHWC")) {
      throw ctx.error("uses data_format " + format + "; only channels-last is supported",
          "export the model with channels-last layout");
    }
    Tensor x = ctx.input(0);
    Filters.requireFloat(ctx, x);
    Tensor scale = ctx.input(1);
    Tensor offset = ctx.input(2);
    Tensor mean = ctx.input(3);
    Tensor variance = ctx.input(4);
    float epsilon = ctx.attrFloat("epsilon", 0.0001f);
    int channels = scale.shape().rank() == 1 ? scale.shape().dim(0) : -1;
    if (channels < 0) {
      throw ctx.error("needs a 1-D scale of known length, got " + scale.shape(), null);
    }
    Tensor multiplier;
    Tensor shift;
    if (scale.isConstant() && offset.isConstant() && mean.isConstant() && variance.isConstant()) {
      float[] s = scale.constantFloats();
      float[] o = offset.constantFloats();
      float[] m = mean.constantFloats();
      float[] v = variance.constantFloats();
      if (o.length != channels || m.length != channels || v.length != channels) {
        throw ctx.error("has scale, offset, mean and variance of different lengths", null);
      }
      float[] mul = new float[channels];
      float[] add = new float[channels];
      // float32 arithmetic, op by op, correctly rounded: the order TensorFlow folds these constants
      // in. The official converter's rsqrt is an approximation refined by one Newton step (Eigen's
      // fast math; its result depends on the CPU), so on DS-CNN about 30% of its multipliers sit
      // 1-2 ulps from ours. We do not chase that; our folded graph is closer to TensorFlow's output.
      for (int c = 0; c < channels; c++) {
        float rsqrt = 1f / (float) Math.sqrt(v[c] + epsilon);
        mul[c] = s[c] * rsqrt;
        add[c] = o[c] - m[c] * mul[c];
      }
      multiplier = ctx.constant("multiplier", DataType.FLOAT32, Shape.of(channels), ConstantData.ofFloats(mul));
      shift = ctx.constant("shift", DataType.FLOAT32, Shape.of(channels), ConstantData.ofFloats(add));
    } else {
      Shape c = Shape.of(channels);
      Tensor varEps = ctx.emit(BuiltinOp.ADD, List.of(variance, ctx.scalarFloat("epsilon", epsilon)), DataType.FLOAT32,
          c, new OpOptions.Add(Activation.NONE));
      Tensor rsqrt = ctx.emit(BuiltinOp.RSQRT, List.of(varEps), DataType.FLOAT32, c, null);
      multiplier = ctx.emit(BuiltinOp.MUL, List.of(scale, rsqrt), DataType.FLOAT32, c, new OpOptions.Mul(Activation.NONE));
      Tensor scaledMean = ctx.emit(BuiltinOp.MUL, List.of(mean, multiplier), DataType.FLOAT32, c,
          new OpOptions.Mul(Activation.NONE));
      shift = ctx.emit(BuiltinOp.SUB, List.of(offset, scaledMean), DataType.FLOAT32, c,
          new OpOptions.Sub(Activation.NONE));
    }
    Tensor scaled = ctx.emit(BuiltinOp.MUL, List.of(x, multiplier), x.type(), x.shape(),
        new OpOptions.Mul(Activation.NONE));
    Tensor y = ctx.emit(BuiltinOp.ADD, List.of(scaled, shift), x.type(), x.shape(), new OpOptions.Add(Activation.NONE));
    List<Tensor> outputs = new ArrayList<>(List.of(y, mean, variance, mean, variance));
    if (ctx.op().equals("FusedBatchNormV3")) {
      outputs.add(mean);
    }
    return outputs;
  }
}
