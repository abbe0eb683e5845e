package io.litertj.keras;

import io.litertj.keras.layers.ActivationLayers;
import io.litertj.keras.layers.AttentionLayers;
import io.litertj.keras.layers.ConvLayers;
import io.litertj.keras.layers.CoreLayers;
import io.litertj.keras.layers.EmbeddingLayer;
import io.litertj.keras.layers.MergeLayers;
import io.litertj.keras.layers.NormalizationLayers;
import io.litertj.keras.layers.PoolingLayers;
import io.litertj.keras.layers.RecurrentLayers;
import io.litertj.keras.layers.ReshapingLayers;
import io.litertj.keras.config.LayerNode;
import io.litertj.keras.layers.WrapperLayers;
import io.litertj.keras.ops.OperationNodes;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Layer converters by Keras class name; each layer family registers its own. */
public final class LayerTable {

  private final Map<String, LayerConverter> converters = new HashMap<>();
  private final Map<String, LayerConverter> operations = new HashMap<>();

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
    AttentionLayers.register(t);
    OperationNodes.register(t);
    return t;
  }

  public void register(LayerConverter converter, String... classNames) {
    for (String name : classNames) {
      converters.put(name, converter);
    }
  }

  /** Registers converters of Keras 3 operation nodes ({@code keras.src.ops.*} classes). */
  public void registerOperation(LayerConverter converter, String... classNames) {
    for (String name : classNames) {
      if (operations.putIfAbsent(name, converter) != null) {
        throw new IllegalStateException("two converters for operation " + name);
      }
    }
  }

  /** The converter of a layer class (wrapped layers: TimeDistributed, Bidirectional). */
  public Optional<LayerConverter> find(String className) {
    return Optional.ofNullable(converters.get(className));
  }

  /** The converter of a layer, or of an operation node (looked up among operations only). */
  public Optional<LayerConverter> find(LayerNode node) {
    return Optional.ofNullable(node.isOperation() ? operations.get(node.className()) : converters.get(node.className()));
  }

  /** Layer classes, by the name Keras writes. */
  public Set<String> classNames() {
    return Collections.unmodifiableSet(converters.keySet());
  }

  /** Operation node classes ({@code Add}, {@code Cumsum}, ...), by the name Keras 3 writes. */
  public Set<String> operationNames() {
    return Collections.unmodifiableSet(operations.keySet());
  }

  /**
   * Whether a class name is one of Keras's own layers that this table lacks, for Keras 2 files
   * that record no module: their errors must not call a built-in layer "custom".
   */
  boolean isKnownBuiltIn(String className) {
    return KerasBuiltInLayers.NAMES.contains(className);
  }
}
