package io.litertj.keras.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ConversionException;
import io.litertj.ir.DataType;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.config.InboundRef;
import io.litertj.keras.config.LayerCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Keras 3 operation node being converted: its call arguments bound to the operation's
 * parameter names (positionally or by keyword, as Keras records them), and its config, whose
 * settings are recorded as they are read. A setting that could change the result but was never
 * read fails the conversion by name ({@link #finish}), as unread call arguments do.
 */
final class OpNode {

  private final LayerContext ctx;
  private final List<Object> positional;
  private final Set<String> configRead = new HashSet<>(Set.of("name"));
  private List<String> parameters = List.of();

  OpNode(LayerContext ctx) {
    this.ctx = ctx;
    this.positional = ctx.call().positional();
  }

  LayerContext ctx() {
    return ctx;
  }

  /**
   * Declares the call's parameters, in Keras's order ({@code call(self, x1, x2)}); fails when the
   * node passes more positional arguments than there are.
   */
  void parameters(String... names) {
    parameters = List.of(names);
    if (positional.size() > names.length) {
      throw error("is called with " + positional.size() + " positional arguments; it takes " + parameters,
          "save the model with a Keras version whose " + ctx.className() + " takes these arguments");
    }
  }

  /**
   * The raw argument {@code name}: a {@link Tensor}, a {@link JsonNode} literal, a list holding
   * tensors ({@code List<Object>}), or null when the call leaves it out or passes None.
   */
  Object raw(String name) {
    int index = parameters.indexOf(name);
    if (index < 0) {
      throw new IllegalStateException(ctx.className() + " declares no parameter " + name);
    }
    if (index < positional.size()) {
      Object v = positional.get(index);
      return v instanceof JsonNode j && j.isNull() ? null : v;
    }
    Optional<Tensor> tensor = ctx.call().tensor(name);
    if (tensor.isPresent()) {
      return tensor.get();
    }
    JsonNode v = ctx.call().keyword(name);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    List<InboundRef> refs = new ArrayList<>();
    LayerCall.collect(v, refs);
    if (!refs.isEmpty()) {
      throw error("gets tensors inside its keyword argument " + name + ", which this converter does not read",
          "pass " + name + " positionally");
    }
    return v;
  }

  /** Whether the call passes the argument {@code name} at all (None counts as passed). */
  boolean passed(String name) {
    int index = parameters.indexOf(name);
    return index >= 0 && index < positional.size() || !ctx.call().keyword(name).isMissingNode();
  }

  /** The argument {@code name} as an operand, or null when absent. */
  Operand operand(String name) {
    Object raw = raw(name);
    return raw == null ? null : operand(raw, name);
  }

  /** The argument {@code name} as an operand; fails when absent. */
  Operand required(String name) {
    Operand o = operand(name);
    if (o == null) {
      throw error("is called without its argument " + name, "the file's config is incomplete: save the model again");
    }
    return o;
  }

  /** A raw argument (or element of a list argument) as an operand. */
  Operand operand(Object raw, String what) {
    if (raw instanceof Tensor t) {
      KerasType type = KerasType.of(t.type());
      if (type == null) {
        throw error("gets a " + t.type() + " tensor as " + what + ", which this converter does not compute with",
            "cast it to float32 or int32 first");
      }
      return Operand.of(t, type);
    }
    if (raw instanceof JsonNode j) {
      try {
        return Operand.of(Literal.parse(j));
      } catch (Literal.NotALiteral e) {
        throw error("has " + what + ": " + e.getMessage(), "pass a number, a list of numbers or a tensor");
      }
    }
    throw error("gets a list mixing tensors and constants as " + what, "pass one tensor");
  }

  /** The elements of a list argument ({@code concatenate([a, b])}), each an operand. */
  List<Operand> operands(String name) {
    Object raw = raw(name);
    List<Operand> out = new ArrayList<>();
    if (raw instanceof List<?> items) {
      for (Object item : items) {
        out.add(operand(item, "an element of " + name));
      }
    } else if (raw instanceof JsonNode j && j.isArray()) {
      for (JsonNode e : j) {
        out.add(operand(e, "an element of " + name));
      }
    } else {
      throw error("needs a list as its argument " + name, null);
    }
    if (out.isEmpty()) {
      throw error("gets an empty list as " + name, null);
    }
    return out;
  }

  // ---- config

  /** A config setting (missing node when absent), recorded as read. */
  JsonNode config(String key) {
    configRead.add(key);
    return ctx.config().path(key);
  }

  boolean bool(String key, boolean fallback) {
    JsonNode n = config(key);
    return n.isMissingNode() || n.isNull() ? fallback : n.asBoolean();
  }

  double number(String key, double fallback) {
    JsonNode n = config(key);
    if (n.isMissingNode() || n.isNull()) {
      return fallback;
    }
    if (!n.isNumber()) {
      throw error("has " + key + "=" + n + ", which is not a number", null);
    }
    return n.asDouble();
  }

  int integer(String key, int fallback) {
    JsonNode n = config(key);
    if (n.isMissingNode() || n.isNull()) {
      return fallback;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
      throw error("has " + key + "=" + n + ", which is not an integer", null);
    }
    return n.asInt();
  }

  /** An int or list-of-int setting as ints; null when absent or None. */
  int[] ints(String key) {
    JsonNode n = config(key);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return new int[] {n.asInt()};
    }
    if (!n.isArray()) {
      throw error("has " + key + "=" + n + ", which is not an integer or a list of them", null);
    }
    int[] out = new int[n.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = n.get(i);
      if (!e.isIntegralNumber() || !e.canConvertToInt()) {
        throw error("has " + key + "=" + n + ", which is not a list of integers", null);
      }
      out[i] = e.asInt();
    }
    return out;
  }

  /** A dtype setting as a LiteRT type; null when absent or None; fails for dtypes LiteRT lacks. */
  DataType dtype(String key) {
    JsonNode n = config(key);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    DataType t = n.isTextual() ? KerasType.parse(n.asText()) : null;
    if (t == null) {
      throw error("has " + key + "=" + n + "; only float32, int32, int64 and bool are supported",
          "use one of those dtypes in the model");
    }
    return t;
  }

  /** Fails, naming it, on a setting the converter did not read that is not None. */
  void finish() {
    for (Iterator<Map.Entry<String, JsonNode>> it = ctx.config().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!configRead.contains(e.getKey()) && !e.getValue().isNull()) {
        throw error("has the setting " + e.getKey() + "=" + e.getValue() + ", which this converter does not apply",
            "leave " + e.getKey() + " at its default");
      }
    }
  }

  // ---- axes

  /** {@code axis} counted from the front of a rank-{@code rank} tensor; fails when out of range. */
  int axis(int axis, int rank) {
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw error("has axis " + axis + " for a tensor of rank " + rank, null);
    }
    return a;
  }

  ConversionException error(String message, String hint) {
    return ctx.error(message, hint);
  }
}
