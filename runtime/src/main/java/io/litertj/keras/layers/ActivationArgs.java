package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.keras.LayerContext;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The arguments of one activation, read by the code that applies it; an argument nobody read
 * fails the conversion by name, so that {@code gelu(approximate=...)} or a new Keras argument is
 * never dropped.
 */
final class ActivationArgs {

  /** Keys of an operation's or layer's config that do not change what it computes. */
  private static final Set<String> NEUTRAL = Set.of("name", "trainable", "dtype");

  private final LayerContext ctx;
  private final ActivationSpec spec;
  private final Set<String> read = new HashSet<>();

  ActivationArgs(LayerContext ctx, ActivationSpec spec) {
    this.ctx = ctx;
    this.spec = spec;
  }

  double number(String key, double fallback) {
    JsonNode n = get(key);
    if (n == null) {
      return fallback;
    }
    if (!n.isNumber()) {
      throw ctx.error("gives activation " + spec.name() + " the argument " + key + "=" + n + ", not a number", null);
    }
    return n.asDouble();
  }

  /** A number that must be given (Keras has no default for it). */
  double required(String key) {
    if (get(key) == null) {
      throw ctx.error("uses activation " + spec.name() + " without its argument " + key,
          "pass " + key + " explicitly, or use another activation");
    }
    return number(key, 0);
  }

  boolean bool(String key, boolean fallback) {
    JsonNode n = get(key);
    return n == null ? fallback : n.asBoolean();
  }

  /** The raw value, or null when absent or null. */
  JsonNode get(String key) {
    read.add(key);
    JsonNode n = spec.args().get(key);
    return n == null || n.isNull() ? null : n;
  }

  /** Whether the argument is written at all, even as null. */
  boolean present(String key) {
    read.add(key);
    return spec.args().has(key);
  }

  void requireAllRead() {
    for (Iterator<String> keys = spec.args().fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!read.contains(key) && !NEUTRAL.contains(key)) {
        throw ctx.error("gives activation " + spec.name() + " the argument " + key + "=" + spec.args().get(key)
            + ", which this converter does not apply", "use the activation with its default arguments");
      }
    }
  }
}
