package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.reader.Weight;
import java.util.Arrays;
import java.util.List;

/**
 * Rescaling ({@code x * scale + offset}, each a number or a per-channel array) and Normalization
 * ({@code (x - mean) / max(sqrt(variance), 1e-7)}, or its inverse), as a MUL and an ADD of
 * constants.
 */
final class PreprocessingLayers {

  /** Keras's backend.epsilon(), the floor on Normalization's standard deviation. */
  private static final double EPSILON = 1e-7;

  private PreprocessingLayers() {}

  static Tensor rescaling(LayerContext ctx, Tensor x) {
    Tensor y = x;
    ConfigArray scale = ConfigArray.read(ctx, "scale");
    if (scale == null) {
      throw ctx.error("has no scale", "the config is damaged: save the model again");
    }
    if (!scale.isScalar() || scale.values()[0] != 1f) {
      y = Arith.mul(ctx, y, ctx.constant("scale", scale.broadcastAgainst(ctx, "scale", x.shape()), scale.values()));
    }
    ConfigArray offset = ConfigArray.read(ctx, "offset");
    if (offset != null && (!offset.isScalar() || offset.values()[0] != 0f)) {
      y = Arith.add(ctx, y, ctx.constant("offset", offset.broadcastAgainst(ctx, "offset", y.shape()), offset.values()));
    }
    return y;
  }

  /**
   * Mean and variance come from the config when the layer was built with them (Keras then stores
   * no weights), else from the weights {@code adapt} set.
   */
  static Tensor normalization(LayerContext ctx, Tensor x) {
    Shape s = x.shape();
    JsonNode axis = ctx.config().get("axis");
    int[] kept = axis == null || axis.isNull() ? new int[0] : NormalizationLayers.checkedAxes(ctx, axis, s);
    int[] full = new int[s.rank()];
    Arrays.fill(full, 1);
    for (int a : kept) {
      full[a] = s.dim(a);
    }
    float[] mean;
    float[] variance;
    ConfigArray configMean = ConfigArray.read(ctx, "mean");
    ConfigArray configVariance = ConfigArray.read(ctx, "variance");
    if (configMean != null || configVariance != null) {
      if (configMean == null || configVariance == null) {
        throw ctx.error("has only one of mean and variance in its config", "give both, or adapt the layer");
      }
      mean = expand(ctx, "mean", configMean, kept, full);
      variance = expand(ctx, "variance", configVariance, kept, full);
    } else {
      List<Weight> w = ctx.weights(0);
      if (w.size() < 2) {
        throw ctx.error("has neither mean and variance in its config nor adapted weights (the file stores "
            + w.size() + ")", "adapt the layer, or build it with mean= and variance=, and save the model again");
      }
      int[] keptDims = Arrays.stream(kept).map(s::dim).toArray();
      mean = ctx.checkShape(w.get(0), keptDims).values();
      variance = ctx.checkShape(w.get(1), keptDims).values();
    }
    boolean invert = ctx.bool("invert", false);
    float[] mul = new float[mean.length];
    float[] add = new float[mean.length];
    for (int k = 0; k < mean.length; k++) {
      double sd = Math.max(Math.sqrt(variance[k]), EPSILON);
      mul[k] = (float) (invert ? sd : 1 / sd);
      add[k] = (float) (invert ? mean[k] : -mean[k] / sd);
    }
    Shape cs = kept.length == 0 ? Shape.scalar() : NormalizationLayers.broadcastShape(s, kept);
    return Arith.add(ctx, Arith.mul(ctx, x, ctx.constant("multiplier", cs, mul)), ctx.constant("shift", cs, add));
  }

  /**
   * A config mean or variance broadcast, as Keras does, to the kept axes: a number everywhere, an
   * array's dimensions matched to the kept axes from the right.
   */
  private static float[] expand(LayerContext ctx, String key, ConfigArray a, int[] kept, int[] full) {
    int[] shape = a.shape();
    float[] v = a.values();
    int[] aligned = new int[full.length];
    Arrays.fill(aligned, 1);
    boolean ok = shape.length <= kept.length;
    for (int i = 1; ok && i <= shape.length; i++) {
      int axis = kept[kept.length - i];
      aligned[axis] = shape[shape.length - i];
      ok = aligned[axis] == 1 || aligned[axis] == full[axis];
    }
    if (!ok) {
      throw ctx.error("has a " + key + " of shape " + Arrays.toString(shape) + ", which does not fit its axes "
          + Arrays.toString(kept), "the config and the model's input shape disagree: save the model again");
    }
    long n = 1;
    for (int d : full) {
      n *= d;
      if (n > ConfigArray.MAX_VALUES) {
        throw ctx.error("normalizes with per-element statistics over more than " + ConfigArray.MAX_VALUES
            + " values", "normalize over fewer axes");
      }
    }
    float[] out = new float[(int) n];
    int[] index = new int[full.length];
    for (int k = 0; k < n; k++) {
      int src = 0;
      for (int d = 0; d < full.length; d++) {
        src = src * aligned[d] + (aligned[d] == 1 ? 0 : index[d]);
      }
      out[k] = v[src];
      for (int d = full.length - 1; d >= 0 && ++index[d] == full[d]; d--) {
        index[d] = 0;
      }
    }
    return out;
  }
}
