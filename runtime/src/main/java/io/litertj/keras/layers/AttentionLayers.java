package io.litertj.keras.layers;

import io.litertj.keras.LayerTable;

/**
 * The attention layers that ship with Keras: MultiHeadAttention ({@link MultiHeadAttentionLayer}),
 * Attention and AdditiveAttention ({@link DenseAttentionLayer}).
 */
public final class AttentionLayers {

  private AttentionLayers() {}

  public static void register(LayerTable t) {
    t.register(new MultiHeadAttentionLayer(), "MultiHeadAttention");
    t.register(new DenseAttentionLayer(false), "Attention");
    t.register(new DenseAttentionLayer(true), "AdditiveAttention");
  }
}
