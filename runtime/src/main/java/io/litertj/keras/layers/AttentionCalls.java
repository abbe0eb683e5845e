package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the call arguments of the attention layers: tensors that may come positionally or by
 * keyword (Keras 2 records every argument after the first as a keyword), and boolean flags. What
 * the call passed in a form these layers do not take fails by name.
 */
final class AttentionCalls {

  private AttentionCalls() {}

  /**
   * The positional arguments as written; a Keras 2 call records none, only its first argument's
   * tensors, which the converter gets as {@code inputs}.
   */
  static List<Object> positional(LayerContext ctx, List<Tensor> inputs) {
    List<Object> pos = ctx.call().positional();
    return pos.isEmpty() ? new ArrayList<>(inputs) : pos;
  }

  /** The tensor at a position or, failing that, under its keyword; empty when neither was passed. */
  static Optional<Tensor> tensor(LayerContext ctx, List<Object> pos, int index, String keyword) {
    if (index < pos.size() && !isNull(pos.get(index))) {
      if (pos.get(index) instanceof Tensor t) {
        return Optional.of(t);
      }
      throw ctx.error("is called with " + pos.get(index) + " as its argument " + keyword + ", which must be a tensor",
          "pass a tensor as " + keyword);
    }
    return keywordTensor(ctx, keyword);
  }

  static Tensor required(LayerContext ctx, List<Object> pos, int index, String keyword) {
    return tensor(ctx, pos, index, keyword).orElseThrow(() -> ctx.error("is called without its " + keyword + " tensor",
        "call the layer with " + keyword));
  }

  /** A keyword tensor; a keyword passed as anything but a tensor or null is refused. */
  static Optional<Tensor> keywordTensor(LayerContext ctx, String keyword) {
    Optional<Tensor> t = ctx.call().tensor(keyword);
    if (t.isEmpty() && ctx.call().hasKeyword(keyword)) {
      throw ctx.error("is called with " + keyword + "=" + ctx.call().keyword(keyword) + ", which must be a tensor",
          "pass a tensor as " + keyword + ", or leave it out");
    }
    return t;
  }

  /** Fails when the call passed a positional argument from {@code from} on that the layer does not take here. */
  static void noneFrom(LayerContext ctx, List<Object> pos, int from, String what) {
    for (int i = from; i < pos.size(); i++) {
      if (!isNull(pos.get(i))) {
        throw ctx.error("is called with a positional argument " + (i + 1) + " (" + describe(pos.get(i))
            + "), which this converter does not apply", "pass " + what + " only, and further arguments by keyword");
      }
    }
  }

  /** A boolean call flag ({@code use_causal_mask}); absent and null mean false. */
  static boolean flag(LayerContext ctx, String keyword) {
    JsonNode v = ctx.call().keyword(keyword);
    if (v.isMissingNode() || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw ctx.error("is called with " + keyword + "=" + (v.isObject() ? "a tensor" : v) + "; only true or false"
          + " can be converted", "pass " + keyword + " as a Python bool");
    }
    return v.asBoolean();
  }

  static boolean isNull(Object o) {
    return o == null || o instanceof JsonNode n && (n.isNull() || n.isMissingNode());
  }

  static String describe(Object o) {
    return o instanceof Tensor ? "a tensor" : o instanceof List<?> ? "a list" : String.valueOf(o);
  }
}
