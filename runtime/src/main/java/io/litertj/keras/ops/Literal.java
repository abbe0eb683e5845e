package io.litertj.keras.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A constant operand as Keras 3 writes it into a call's arguments: a Python number or bool, a
 * (nested) list, or a {@code __tensor__} / {@code __numpy__} array that carries its dtype.
 *
 * @param shape    its dimensions (none for a scalar)
 * @param elements its values in row-major order, as written
 * @param type     the Keras type it takes part in promotion with
 */
record Literal(int[] shape, List<JsonNode> elements, KerasType type) {

  /** More elements than any constant operand of a model needs; guards against hostile files. */
  private static final int MAX_ELEMENTS = 1 << 24;

  /** Why a config value cannot be read as a constant operand, in the user's terms. */
  static final class NotALiteral extends RuntimeException {
    NotALiteral(String message) {
      super(message);
    }
  }

  Literal {
    shape = shape.clone();
    elements = List.copyOf(elements);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  boolean isScalar() {
    return elements.size() == 1 && shape.length == 0;
  }

  int size() {
    return elements.size();
  }

  /** Element {@code i} as a number (true is 1). */
  double doubleAt(int i) {
    JsonNode e = elements.get(i);
    return e.isBoolean() ? (e.asBoolean() ? 1 : 0) : e.asDouble();
  }

  /**
   * Element {@code i} as an integer: floats are truncated toward zero, as {@code tf.cast} does;
   * fails on values no {@code long} holds.
   */
  long longAt(int i) {
    JsonNode e = elements.get(i);
    if (e.isBoolean()) {
      return e.asBoolean() ? 1 : 0;
    }
    if (e.isIntegralNumber()) {
      if (!e.canConvertToLong()) {
        throw new NotALiteral("the constant " + e + " does not fit a 64-bit integer");
      }
      return e.asLong();
    }
    double d = e.asDouble();
    if (!Double.isFinite(d) || Math.abs(d) >= 9.2e18) {
      throw new NotALiteral("the constant " + e + " cannot become an integer");
    }
    return (long) d;
  }

  /** The values in LiteRT's little-endian layout for {@code type}. */
  ConstantData data(DataType type) {
    int n = elements.size();
    ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, type.byteSize())).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      switch (type) {
        case FLOAT32 -> b.putFloat((float) doubleAt(i));
        case INT32 -> {
          long v = longAt(i);
          if (v != (int) v) {
            throw new NotALiteral("the constant " + elements.get(i) + " does not fit int32");
          }
          b.putInt((int) v);
        }
        case INT64 -> b.putLong(longAt(i));
        case BOOL -> b.put((byte) (doubleAt(i) != 0 ? 1 : 0));
        default -> throw new NotALiteral("a constant of type " + type + " cannot be made");
      }
    }
    return ConstantData.of(b.array());
  }

  /**
   * Reads a call argument. Python scalars are weakly typed; lists become tensors as TensorFlow
   * converts them (ints int32, or int64 beyond its range; any float makes float32);
   * {@code __tensor__} and {@code __numpy__} keep their dtype (float64 becomes float32, the
   * precision LiteRT computes in).
   */
  static Literal parse(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      throw new NotALiteral("the argument is None");
    }
    if (n.isBoolean()) {
      return new Literal(new int[0], List.of(n), KerasType.BOOL);
    }
    if (n.isIntegralNumber()) {
      return new Literal(new int[0], List.of(n), KerasType.WEAK_INT);
    }
    if (n.isNumber()) {
      return new Literal(new int[0], List.of(n), KerasType.WEAK_FLOAT);
    }
    if (n.isArray()) {
      List<JsonNode> flat = new ArrayList<>();
      int[] shape = nested(n, flat);
      return new Literal(shape, flat, listType(flat));
    }
    String cls = n.path("class_name").asText("");
    if (cls.equals("__tensor__") || cls.equals("__numpy__")) {
      JsonNode config = n.path("config");
      String dtype = config.path("dtype").asText("");
      KerasType type = switch (dtype) {
        case "float32", "float64" -> KerasType.FLOAT32;
        case "int32" -> KerasType.INT32;
        case "int64" -> KerasType.INT64;
        case "bool" -> KerasType.BOOL;
        default -> throw new NotALiteral("the constant array of dtype '" + dtype
            + "' is not supported (float32, int32, int64 and bool are)");
      };
      JsonNode value = config.path("value");
      List<JsonNode> flat = new ArrayList<>();
      int[] shape = value.isArray() ? nested(value, flat) : scalar(value, flat);
      for (JsonNode e : flat) {
        if (!e.isNumber() && !e.isBoolean()) {
          throw new NotALiteral("the constant array holds " + e + ", which is not a number");
        }
      }
      return new Literal(shape, flat, type);
    }
    throw new NotALiteral("the argument " + abbreviate(n) + " is not a number, list or array");
  }

  private static int[] scalar(JsonNode value, List<JsonNode> flat) {
    flat.add(value);
    return new int[0];
  }

  /** The shape of a rectangular nested list, whose leaves are appended to {@code flat}. */
  private static int[] nested(JsonNode n, List<JsonNode> flat) {
    if (!n.isArray()) {
      if (!n.isNumber() && !n.isBoolean()) {
        throw new NotALiteral("the list holds " + abbreviate(n) + ", which is not a number");
      }
      if (flat.size() >= MAX_ELEMENTS) {
        throw new NotALiteral("the constant has more than " + MAX_ELEMENTS + " elements");
      }
      flat.add(n);
      return new int[0];
    }
    if (n.isEmpty()) {
      return new int[] {0};
    }
    int[] inner = null;
    for (JsonNode e : n) {
      int[] s = nested(e, flat);
      if (inner != null && !Arrays.equals(inner, s)) {
        throw new NotALiteral("the nested list " + abbreviate(n) + " is not rectangular");
      }
      inner = s;
    }
    int[] shape = new int[inner.length + 1];
    shape[0] = n.size();
    System.arraycopy(inner, 0, shape, 1, inner.length);
    return shape;
  }

  private static KerasType listType(List<JsonNode> flat) {
    boolean bools = false;
    boolean floats = false;
    boolean wide = false;
    for (JsonNode e : flat) {
      bools |= e.isBoolean();
      floats |= e.isFloatingPointNumber();
      wide |= e.isIntegralNumber() && !e.canConvertToInt();
    }
    if (bools && flat.stream().anyMatch(JsonNode::isNumber)) {
      throw new NotALiteral("a list mixes bools and numbers");
    }
    return bools ? KerasType.BOOL : floats || flat.isEmpty() ? KerasType.FLOAT32
        : wide ? KerasType.INT64 : KerasType.INT32;
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
