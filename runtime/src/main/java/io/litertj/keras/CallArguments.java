package io.litertj.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.litertj.ir.Tensor;
import io.litertj.keras.config.InboundRef;
import io.litertj.keras.config.LayerCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The arguments of one layer call with its tensors resolved, for converters that read more than
 * their positional tensors: keyword tensors ({@code attention_mask}), keyword literals
 * ({@code use_causal_mask}), and the positional literals of operation nodes ({@code x + 3.0}).
 *
 * <p>It records what the converter read. An argument that could change the result but was never
 * read fails the conversion by name (see {@link #requireAllRead}), so no part of a call is
 * dropped silently.
 */
public final class CallArguments {

  private final LayerCall call;
  private final Function<InboundRef, Tensor> tensors;
  private final Set<String> readKeywords = new HashSet<>();
  private boolean positionalRead;

  CallArguments(LayerCall call, Function<InboundRef, Tensor> tensors) {
    this.call = call;
    this.tensors = tensors;
  }

  /** A call with nothing but its positional tensors. */
  static CallArguments none() {
    return new CallArguments(LayerCall.of(List.of()), ref -> null);
  }

  /**
   * The positional arguments as written: each a {@link Tensor}, a {@link JsonNode} literal (number,
   * string, null, {@code __tensor__} or {@code __slice__} object), or a {@code List<Object>} for a
   * list that holds tensors.
   */
  public List<Object> positional() {
    positionalRead = true;
    List<Object> out = new ArrayList<>();
    call.args().forEach(a -> out.add(resolve(a)));
    return out;
  }

  /** A keyword argument that is a tensor, if the call passed one. */
  public Optional<Tensor> tensor(String keyword) {
    readKeywords.add(keyword);
    JsonNode v = call.kwargs().get(keyword);
    return LayerCall.isTensor(v) ? Optional.of(tensors.apply(LayerCall.ref(v))) : Optional.empty();
  }

  /**
   * A keyword argument that is a tensor or a list of tensors ({@code initial_state=[h, c]}), in
   * order; empty when the call did not pass it.
   */
  public List<Tensor> tensors(String keyword) {
    readKeywords.add(keyword);
    List<InboundRef> refs = new ArrayList<>();
    LayerCall.collect(call.kwargs().get(keyword), refs);
    return refs.stream().map(tensors).toList();
  }

  /** A keyword argument's literal value, or a missing node; a tensor passed there is read too. */
  public JsonNode keyword(String keyword) {
    readKeywords.add(keyword);
    JsonNode v = call.kwargs().get(keyword);
    return v == null ? MissingNode.getInstance() : v;
  }

  /**
   * A keyword argument with its tensors resolved as {@link #positional()} resolves them (a list of
   * tensors and nulls, such as Attention's {@code mask=[query_mask, value_mask]}, becomes a
   * {@code List<Object>}); a missing node when the call did not pass it.
   */
  public Object resolved(String keyword) {
    readKeywords.add(keyword);
    JsonNode v = call.kwargs().get(keyword);
    return v == null ? MissingNode.getInstance() : resolve(v);
  }

  /** Whether the call passed a keyword argument other than null. */
  public boolean hasKeyword(String keyword) {
    JsonNode v = call.kwargs().get(keyword);
    return v != null && !v.isNull();
  }

  private Object resolve(JsonNode a) {
    if (LayerCall.isTensor(a)) {
      return tensors.apply(LayerCall.ref(a));
    }
    if (a.isArray()) {
      List<InboundRef> refs = new ArrayList<>();
      LayerCall.collect(a, refs);
      if (!refs.isEmpty()) {
        List<Object> items = new ArrayList<>();
        a.forEach(e -> items.add(resolve(e)));
        return items;
      }
    }
    return a;
  }

  /**
   * Fails, naming the argument, where the call passed something its converter did not read and
   * that could change the result: a tensor, or a literal other than null and false
   * ({@code training=True} keeps dropout active at inference, so it is refused too). Layers that
   * take only positional tensors need no code for this; those that read more say so by reading.
   */
  void requireAllRead(LayerContext ctx) {
    for (Map.Entry<String, JsonNode> e : iterable(call.kwargs())) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (readKeywords.contains(key) || v.isNull()
          || v.isBoolean() && !v.asBoolean()) {
        continue;
      }
      List<InboundRef> refs = new ArrayList<>();
      LayerCall.collect(v, refs);
      throw ctx.error("is called with " + (refs.isEmpty() ? "the argument " + key + "=" + v
              : "a tensor as its argument " + key) + ", which this converter does not apply",
          "call the layer without " + key + ", or apply its effect with separate layers");
    }
    if (positionalRead) {
      return;
    }
    for (JsonNode a : call.args()) {
      boolean tensorsOnly = LayerCall.isTensor(a) || a.isNull()
          || a.isArray() && allTensors(a);
      if (!tensorsOnly) {
        throw ctx.error("is called with the literal argument " + a + ", which this converter does not apply",
            "pass tensors only, or use the layer's config for constant settings");
      }
    }
  }

  private static boolean allTensors(JsonNode list) {
    for (JsonNode e : list) {
      if (!LayerCall.isTensor(e)) {
        return false;
      }
    }
    return true;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
    return object::fields;
  }
}
