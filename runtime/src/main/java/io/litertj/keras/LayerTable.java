package io.litertj.keras;

import io.litertj.keras.layers.ActivationLayers;
import io.litertj.keras.layers.ConvLayers;
import io.litertj.keras.layers.CoreLayers;
import io.litertj.keras.layers.EmbeddingLayer;
import io.litertj.keras.layers.MergeLayers;
import io.litertj.keras.layers.NormalizationLayers;
import io.litertj.keras.layers.PoolingLayers;
import io.litertj.keras.layers.RecurrentLayers;
import io.litertj.keras.layers.ReshapingLayers;
import io.litertj.keras.layers.WrapperLayers;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Layer converters by Keras class name; each layer family registers its own. */
public final class LayerTable {

  private final Map<String, LayerConverter> converters = new HashMap<>();

  /** Every layer this converter knows. */
  public static LayerTable standard() {
    LayerTable t = new LayerTable();
    CoreLayers.register(t);
    ActivationLayers.register(t);
    ConvLayers.register(t);
    PoolingLayers.register(t);
    NormalizationLayers.register(t);
    MergeLayers.register(t);
    ReshapingLayers.register(t);
    EmbeddingLayer.register(t);
    RecurrentLayers.register(t);
    WrapperLayers.register(t);
    return t;
  }

  public void register(LayerConverter converter, String... classNames) {
    for (String name : classNames) {
      converters.put(name, converter);
    }
  }

  public Optional<LayerConverter> find(String className) {
    return Optional.ofNullable(converters.get(className));
  }

  public Set<String> classNames() {
    return Collections.unmodifiableSet(converters.keySet());
  }
}
