package io.litertj.keras.layers;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.LayerTable;
import io.litertj.keras.reader.Weight;
import java.util.List;

/** Embedding: GATHER rows of the table; float indices (Keras's default input dtype) are cast first. */
public final class EmbeddingLayer {

  private EmbeddingLayer() {}

  public static void register(LayerTable t) {
    t.register((LayerConverter.Unary) EmbeddingLayer::embedding, "Embedding");
  }

  private static Tensor embedding(LayerContext ctx, Tensor x) {
    if (ctx.bool("mask_zero", false)) {
      // Keras then skips the steps of token 0 in recurrent, pooling and attention layers downstream.
      throw ctx.error("has mask_zero=True, and this converter does not apply the mask it makes",
          "save the model with mask_zero=False, and feed it sequences without padding (or cut them to their length)");
    }
    int inputDim = ctx.intValue("input_dim", -1);
    int outputDim = ctx.intValue("output_dim", -1);
    Weight table = ctx.checkShape(ctx.weights(1).get(0), inputDim, outputDim);
    Tensor indices = x;
    if (x.type() != DataType.INT32) {
      indices = ctx.emit(BuiltinOp.CAST, List.of(x), DataType.INT32, x.shape(), new OpOptions.Cast(x.type(), DataType.INT32));
    }
    int[] in = x.shape().dims();
    int[] out = java.util.Arrays.copyOf(in, in.length + 1);
    out[in.length] = outputDim;
    return ctx.emit(BuiltinOp.GATHER, List.of(ctx.constant("embeddings", Shape.of(inputDim, outputDim), table.values()),
        indices), Shape.of(out), new OpOptions.Gather(0, 0));
  }
}
