package io.litertj.fuzz;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Damages a protobuf message by its schema: one field anywhere in the tree (a node's op, input,
 * attribute, a shape's dimension, a tensor's dtype or content, a function's signature) gets a
 * boundary value, another name from the same message, garbage; a repeated field loses, repeats or
 * clears elements. The result is still a well-formed message, so it reaches the converter proper.
 */
final class ProtoMutator {

  private static final long[] LONGS = {0, 1, -1, 2, 3, 7, 100, 1 << 16, 1L << 31, Integer.MAX_VALUE,
      Integer.MIN_VALUE, Long.MAX_VALUE, 1_000_000_000_000L, -2};
  private static final int MAX_LEAVES = 200_000;

  private record Step(FieldDescriptor field, int index) {}

  /** A value (index >= 0 or singular) or a whole repeated field (whole = true). */
  private record Leaf(List<Step> path, boolean whole) {}

  private ProtoMutator() {}

  static <M extends Message> M mutate(M message, SplittableRandom r) {
    List<Leaf> leaves = new ArrayList<>();
    List<String> strings = new ArrayList<>();
    collect(message, new ArrayList<>(), leaves, strings);
    Message out = message;
    for (int n = 1 + r.nextInt(2); n > 0 && !leaves.isEmpty(); n--) {
      for (int attempt = 0; attempt < 10; attempt++) {
        Leaf leaf = leaves.get(r.nextInt(leaves.size()));
        try {
          out = apply(out, leaf, 0, r, strings);
          break;
        } catch (RuntimeException e) {
          // A change protobuf's reflection cannot make (e.g. on a map entry): pick another field.
        }
      }
    }
    @SuppressWarnings("unchecked")
    M result = (M) out;
    return result;
  }

  private static void collect(Message m, List<Step> path, List<Leaf> leaves, List<String> strings) {
    for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      if (leaves.size() > MAX_LEAVES) {
        return;
      }
      if (f.isRepeated()) {
        List<Step> wholePath = new ArrayList<>(path);
        wholePath.add(new Step(f, -1));
        leaves.add(new Leaf(wholePath, true));
        int count = m.getRepeatedFieldCount(f);
        for (int i = 0; i < count; i++) {
          visit(m.getRepeatedField(f, i), f, i, path, leaves, strings);
        }
      } else {
        visit(e.getValue(), f, -1, path, leaves, strings);
      }
    }
  }

  private static void visit(Object value, FieldDescriptor f, int index, List<Step> path, List<Leaf> leaves,
      List<String> strings) {
    List<Step> p = new ArrayList<>(path);
    p.add(new Step(f, index));
    if (value instanceof Message child) {
      collect(child, p, leaves, strings);
    } else {
      leaves.add(new Leaf(p, false));
      if (value instanceof String s && strings.size() < 10_000) {
        strings.add(s);
      }
    }
  }

  private static Message apply(Message m, Leaf leaf, int depth, SplittableRandom r, List<String> strings) {
    Step s = leaf.path().get(depth);
    Message.Builder b = m.toBuilder();
    FieldDescriptor f = s.field();
    if (depth == leaf.path().size() - 1) {
      if (leaf.whole()) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
          values.add(m.getRepeatedField(f, i));
        }
        switch (r.nextInt(3)) {
          case 0 -> values.clear();
          case 1 -> {
            if (!values.isEmpty()) {
              values.remove(r.nextInt(values.size()));
            }
          }
          default -> {
            if (!values.isEmpty()) {
              values.add(r.nextInt(values.size() + 1), values.get(r.nextInt(values.size())));
            }
          }
        }
        b.clearField(f);
        values.forEach(v -> b.addRepeatedField(f, v));
      } else {
        Object old = s.index() >= 0 ? m.getRepeatedField(f, s.index()) : m.getField(f);
        Object changed = value(f, old, r, strings);
        if (s.index() >= 0) {
          b.setRepeatedField(f, s.index(), changed);
        } else {
          b.setField(f, changed);
        }
      }
      return b.build();
    }
    Message child = (Message) (s.index() >= 0 ? m.getRepeatedField(f, s.index()) : m.getField(f));
    Message changed = apply(child, leaf, depth + 1, r, strings);
    if (s.index() >= 0) {
      b.setRepeatedField(f, s.index(), changed);
    } else {
      b.setField(f, changed);
    }
    return b.build();
  }

  private static Object value(FieldDescriptor f, Object old, SplittableRandom r, List<String> strings) {
    long v = LONGS[r.nextInt(LONGS.length)];
    return switch (f.getJavaType()) {
      case INT -> r.nextBoolean() ? (int) v : ((Integer) old) + (r.nextBoolean() ? 1 : -1);
      case LONG -> r.nextBoolean() ? v : ((Long) old) * new long[] {-1, 1000, 0, 2}[r.nextInt(4)];
      case FLOAT -> new float[] {Float.NaN, Float.POSITIVE_INFINITY, -1, 0, 1e30f, -0f}[r.nextInt(6)];
      case DOUBLE -> new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -1, 0, 1e300}[r.nextInt(5)];
      case BOOLEAN -> !((Boolean) old);
      case STRING -> {
        String s = (String) old;
        yield switch (r.nextInt(5)) {
          case 0 -> strings.isEmpty() ? "" : strings.get(r.nextInt(strings.size()));
          case 1 -> "";
          case 2 -> s + new String[] {":1", ":99", "^x", "/y", "_1"}[r.nextInt(5)];
          case 3 -> s.isEmpty() ? "x" : s.substring(0, r.nextInt(s.length()));
          default -> "\u00ff\u0000garbage";
        };
      }
      case BYTE_STRING -> ByteString.copyFrom(ByteMutations.mutate(((ByteString) old).toByteArray(), r));
      case ENUM -> {
        EnumDescriptor type = f.getEnumType();
        yield r.nextBoolean() ? type.getValues().get(r.nextInt(type.getValues().size()))
            : type.findValueByNumberCreatingIfUnknown((int) (v & 0x7fff));
      }
      case MESSAGE -> old;
    };
  }
}
