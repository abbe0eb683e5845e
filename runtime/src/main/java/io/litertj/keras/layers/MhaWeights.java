package io.litertj.keras.layers;

import io.litertj.keras.LayerContext;
import io.litertj.keras.reader.Weight;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The weights of a MultiHeadAttention layer by projection. Each projection is an EinsumDense
 * sublayer whose weights a file names by it: {@code query_dense/0} in a Keras 3 {@code .keras}
 * (sublayer groups, read in name order), {@code query/kernel} in an {@code .h5} of either Keras.
 * Files that name none are read in Keras's own order: query, key, gate, value, output.
 */
final class MhaWeights {

  enum Projection { QUERY, KEY, GATE, VALUE, OUTPUT }

  /** A projection's kernel and (when the layer uses biases) bias. */
  record Dense(Weight kernel, Weight bias) {}

  private final Map<Projection, Dense> byProjection;

  private MhaWeights(Map<Projection, Dense> byProjection) {
    this.byProjection = byProjection;
  }

  Dense get(Projection p) {
    return byProjection.get(p);
  }

  static MhaWeights read(LayerContext ctx, boolean useBias, boolean useGate) {
    List<Projection> order = new ArrayList<>(List.of(Projection.QUERY, Projection.KEY, Projection.VALUE,
        Projection.OUTPUT));
    if (useGate) {
      order.add(2, Projection.GATE);
    }
    int per = useBias ? 2 : 1;
    List<Weight> all = ctx.weights(order.size() * per);
    if (all.size() != order.size() * per) {
      throw ctx.error("has " + all.size() + " weights " + all + ", but its config needs " + order.size() * per,
          "the config and the weights disagree: save the model again");
    }
    Map<Projection, List<Weight>> named = new EnumMap<>(Projection.class);
    for (Weight w : all) {
      Projection p = projectionOf(w.name());
      if (p == null) {
        named.clear();
        break;
      }
      named.computeIfAbsent(p, k -> new ArrayList<>()).add(w);
    }
    Map<Projection, Dense> out = new EnumMap<>(Projection.class);
    for (int i = 0; i < order.size(); i++) {
      Projection p = order.get(i);
      List<Weight> ws = named.isEmpty() ? all.subList(i * per, (i + 1) * per) : named.getOrDefault(p, List.of());
      if (ws.size() != per) {
        throw ctx.error("stores " + ws.size() + " weights for its " + p.name().toLowerCase(Locale.ROOT)
            + " projection " + ws + ", but its config needs " + per, "the config and the weights disagree: save the model again");
      }
      Weight kernel = ws.get(0);
      Weight bias = per == 2 ? ws.get(1) : null;
      if (bias != null && isKernel(bias.name()) && !isKernel(kernel.name())) {
        Weight t = kernel;
        kernel = bias;
        bias = t;
      }
      out.put(p, new Dense(kernel, bias));
    }
    return new MhaWeights(out);
  }

  /** The projection a weight belongs to, from the segment before its own name; null if none is named. */
  private static Projection projectionOf(String name) {
    String[] parts = name.split("/");
    if (parts.length < 2) {
      return null;
    }
    String sub = parts[parts.length - 2];
    return switch (sub) {
      case "query", "_query_dense", "query_dense" -> Projection.QUERY;
      case "key", "_key_dense", "key_dense" -> Projection.KEY;
      case "value", "_value_dense", "value_dense" -> Projection.VALUE;
      case "gate", "_gate_dense", "gate_dense" -> Projection.GATE;
      case "attention_output", "_output_dense", "output_dense" -> Projection.OUTPUT;
      default -> null;
    };
  }

  private static boolean isKernel(String name) {
    String last = name.substring(name.lastIndexOf('/') + 1);
    return last.startsWith("kernel") || last.equals("0");
  }
}
