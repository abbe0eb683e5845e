package io.litertj.keras.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The input ranks Keras layers accept (their {@code InputSpec}, batch included), for the layer
 * classes whose converters index dimensions: a config whose shapes give such a layer another rank
 * is refused by name instead of reaching a converter that cannot handle it.
 */
public final class LayerRanks {

  /** Ranks {@code min..max} of each positional input. */
  public record Range(int min, int max) {
    public boolean contains(int rank) {
      return rank >= min && rank <= max;
    }

    @Override
    public String toString() {
      return min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
    }
  }

  private static final Map<String, Range> RANKS = new HashMap<>();

  static {
    exactly(3, "Conv1D", "SeparableConv1D", "DepthwiseConv1D", "Conv1DTranspose", "MaxPooling1D", "AveragePooling1D",
        "GlobalAveragePooling1D", "GlobalMaxPooling1D", "MaxPool1D", "AvgPool1D", "GlobalAvgPool1D", "GlobalMaxPool1D",
        "UpSampling1D", "ZeroPadding1D", "Cropping1D", "LSTM", "GRU", "SimpleRNN", "Bidirectional");
    exactly(4, "Conv2D", "SeparableConv2D", "DepthwiseConv2D", "Conv2DTranspose", "MaxPooling2D",
        "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "MaxPool2D", "AvgPool2D",
        "GlobalAvgPool2D", "GlobalMaxPool2D", "UpSampling2D", "ZeroPadding2D", "Cropping2D", "Convolution2D",
        "SpaceToDepth", "DepthToSpace");
    exactly(5, "Conv3D", "MaxPooling3D", "AveragePooling3D", "GlobalAveragePooling3D", "GlobalMaxPooling3D",
        "UpSampling3D", "ZeroPadding3D", "Cropping3D");
    exactly(2, "RepeatVector");
    RANKS.put("Dense", new Range(2, Integer.MAX_VALUE));
    RANKS.put("TimeDistributed", new Range(3, Integer.MAX_VALUE));
    RANKS.put("Flatten", new Range(1, Integer.MAX_VALUE));
    RANKS.put("Reshape", new Range(1, Integer.MAX_VALUE));
    RANKS.put("Permute", new Range(2, Integer.MAX_VALUE));
  }

  private LayerRanks() {}

  private static void exactly(int rank, String... classes) {
    for (String c : classes) {
      RANKS.put(c, new Range(rank, rank));
    }
  }

  /** Layers that take exactly two tensors; every other layer (but an InputLayer) takes at least one. */
  private static final java.util.Set<String> BINARY = java.util.Set.of("Subtract", "Dot");

  /** Layers whose tensors may all come as keyword arguments ({@code mha(query=q, value=v)}). */
  private static final java.util.Set<String> KEYWORD_INPUTS = java.util.Set.of("MultiHeadAttention",
      "GroupedQueryAttention");

  /** How many positional tensors a layer call must pass; empty for operation nodes and inputs. */
  public static Optional<Range> inputCount(LayerNode layer) {
    if (layer.isOperation() || layer.isModel() || layer.className().equals("InputLayer")
        || KEYWORD_INPUTS.contains(layer.className())) {
      return Optional.empty();
    }
    return Optional.of(BINARY.contains(layer.className()) ? new Range(2, 2) : new Range(1, Integer.MAX_VALUE));
  }

  /** The ranks a built-in layer's inputs must have; empty for layers that take any rank. */
  public static Optional<Range> of(LayerNode layer) {
    return layer.isOperation() ? Optional.empty() : Optional.ofNullable(RANKS.get(layer.className()));
  }
}
