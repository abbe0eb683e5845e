package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.Shape;
import io.litertj.keras.LayerContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A numeric array written in a layer's config: a number, a (nested) list, or a serialized numpy
 * array or tensor ({@code {"class_name": "__numpy__", "config": {"value": ...}}}), as Keras writes
 * Rescaling's scale or Normalization's mean. Values in row-major order.
 */
record ConfigArray(int[] shape, float[] values) {

  /** Far more than any per-channel constant; guards against a hostile config. */
  static final int MAX_VALUES = 1 << 24;

  ConfigArray {
    shape = shape.clone();
    values = values.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  boolean isScalar() {
    return shape.length == 0;
  }

  /** The config value {@code key}, or null when it is absent or null. */
  static ConfigArray read(LayerContext ctx, String key) {
    JsonNode n = ctx.config().get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isObject() && (n.path("class_name").asText().equals("__numpy__")
        || n.path("class_name").asText().equals("__tensor__"))) {
      n = n.path("config").path("value");
    }
    List<Integer> dims = new ArrayList<>();
    JsonNode first = n;
    while (first.isArray()) {
      dims.add(first.size());
      if (first.isEmpty()) {
        break;
      }
      first = first.get(0);
    }
    int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
    long count = 1;
    for (int d : shape) {
      count *= d;
      if (count > MAX_VALUES) {
        throw ctx.error("has a " + key + " of more than " + MAX_VALUES + " values", null);
      }
    }
    float[] values = new float[(int) count];
    int[] next = {0};
    if (!fill(n, 0, shape, values, next)) {
      throw ctx.error("has a " + key + " that is not a number or a rectangular list of numbers: " + abbreviate(n),
          "the config is damaged: save the model again");
    }
    return new ConfigArray(shape, values);
  }

  private static boolean fill(JsonNode n, int depth, int[] shape, float[] values, int[] next) {
    if (depth == shape.length) {
      if (!n.isNumber()) {
        return false;
      }
      values[next[0]++] = (float) n.asDouble();
      return true;
    }
    if (!n.isArray() || n.size() != shape[depth]) {
      return false;
    }
    for (JsonNode e : n) {
      if (!fill(e, depth + 1, shape, values, next)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The shape this array takes when broadcast (numpy rules) against a tensor of {@code target},
   * with leading ones dropped; fails, naming {@code key}, when it does not broadcast without
   * growing the tensor.
   */
  Shape broadcastAgainst(LayerContext ctx, String key, Shape target) {
    int offset = target.rank() - shape.length;
    boolean ok = offset >= 0;
    for (int i = 0; ok && i < shape.length; i++) {
      int t = target.dim(offset + i);
      ok = shape[i] == 1 || shape[i] == t;
    }
    if (!ok) {
      throw ctx.error("has a " + key + " of shape " + Arrays.toString(shape) + ", which does not broadcast to its input "
          + target, "the config and the model's input shape disagree: save the model again");
    }
    int lead = 0;
    while (lead < shape.length - 1 && shape[lead] == 1) {
      lead++;
    }
    return Shape.of(Arrays.copyOfRange(shape, lead, shape.length));
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
