package io.litertj.fuzz;

import com.google.flatbuffers.Table;
import io.litertj.tflite.schema.BuiltinOptions;
import io.litertj.tflite.schema.Model;
import io.litertj.tflite.schema.Operator;
import io.litertj.tflite.schema.SubGraph;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Damages a {@code .tflite} through its schema: rewires operators (an output onto a tensor another
 * operator writes, an input onto a later operator's output, an index out of range or -1), or sets
 * any scalar field anywhere in the table tree (shapes, types, buffer and opcode indices,
 * quantization, option values such as strides) to a boundary value; some cases damage bytes.
 */
final class TfliteMutator {

  private static final int[] INTS = {0, 1, -1, 2, 3, 4, 7, 16, 255, 256, 65535, 1 << 20, Integer.MAX_VALUE,
      Integer.MIN_VALUE, -2};

  /** A scalar field of one table that a generated mutator can set. */
  private record Target(Table table, Method mutator, Method length) {}

  private TfliteMutator() {}

  static byte[] mutate(byte[] seed, SplittableRandom r) {
    if (r.nextInt(8) == 0) {
      return ByteMutations.mutate(seed, r);
    }
    byte[] out = seed.clone();
    Model model = Model.getRootAsModel(ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN));
    for (int n = 1 + r.nextInt(2); n > 0; n--) {
      if (r.nextInt(3) == 0) {
        rewire(model, r);
      } else {
        setScalar(model, r);
      }
    }
    return out;
  }

  private static void rewire(Model model, SplittableRandom r) {
    SubGraph sg = model.subgraphs(r.nextInt(model.subgraphsLength()));
    int ops = sg.operatorsLength();
    if (ops == 0) {
      return;
    }
    Operator op = sg.operators(r.nextInt(ops));
    Operator other = sg.operators(r.nextInt(ops));
    int tensors = sg.tensorsLength();
    switch (r.nextInt(6)) {
      case 0 -> { // the crash: two operators write one tensor
        if (op.outputsLength() > 0 && other.outputsLength() > 0) {
          op.mutateOutputs(r.nextInt(op.outputsLength()), other.outputs(r.nextInt(other.outputsLength())));
        }
      }
      case 1 -> { // read what a later (or this) operator writes
        if (op.inputsLength() > 0 && other.outputsLength() > 0) {
          op.mutateInputs(r.nextInt(op.inputsLength()), other.outputs(0));
        }
      }
      case 2 -> {
        if (op.inputsLength() > 0) {
          op.mutateInputs(r.nextInt(op.inputsLength()), r.nextInt(tensors));
        }
      }
      case 3 -> {
        if (op.outputsLength() > 0) {
          op.mutateOutputs(r.nextInt(op.outputsLength()), r.nextInt(tensors));
        }
      }
      case 4 -> {
        if (op.inputsLength() > 0) {
          op.mutateInputs(r.nextInt(op.inputsLength()), new int[] {-1, tensors, -2, Integer.MAX_VALUE}[r.nextInt(4)]);
        }
      }
      default -> {
        if (op.outputsLength() > 0 && sg.inputsLength() > 0) {
          op.mutateOutputs(0, sg.inputs(0)); // an operator writing a model input
        }
      }
    }
  }

  private static void setScalar(Model model, SplittableRandom r) {
    List<Target> targets = new ArrayList<>();
    collect(model, targets, 0);
    for (int attempt = 0; attempt < 20 && !targets.isEmpty(); attempt++) {
      Target t = targets.get(r.nextInt(targets.size()));
      try {
        Class<?>[] params = t.mutator().getParameterTypes();
        boolean done;
        if (params.length == 2) {
          int length = (int) t.length().invoke(t.table());
          if (length == 0) {
            continue;
          }
          done = (boolean) t.mutator().invoke(t.table(), r.nextInt(length), value(params[1], r));
        } else {
          done = (boolean) t.mutator().invoke(t.table(), value(params[0], r));
        }
        if (done) {
          return;
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Object value(Class<?> type, SplittableRandom r) {
    int v = INTS[r.nextInt(INTS.length)];
    if (type == int.class) {
      return r.nextInt(4) == 0 ? r.nextInt(8) : v;
    }
    if (type == long.class) {
      return (long) v;
    }
    if (type == byte.class) {
      return (byte) (r.nextBoolean() ? r.nextInt(24) : v);
    }
    if (type == short.class) {
      return (short) v;
    }
    if (type == float.class) {
      return new float[] {0, -1, Float.NaN, Float.POSITIVE_INFINITY, 1e-30f, 1e30f, 0.5f}[r.nextInt(7)];
    }
    if (type == double.class) {
      return Double.NaN;
    }
    if (type == boolean.class) {
      return r.nextBoolean();
    }
    throw new IllegalStateException("no values for " + type);
  }

  /** Every table reachable from {@code table}, with its generated scalar mutators. */
  private static void collect(Table table, List<Target> out, int depth) {
    if (table == null || depth > 8) {
      return;
    }
    Class<?> cls = table.getClass();
    try {
      // getMethods() has no fixed order: sorted, so that a case id always means the same damage.
      Method[] methods = cls.getMethods();
      java.util.Arrays.sort(methods, java.util.Comparator.comparing(Method::toString));
      for (Method m : methods) {
        if (Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        String name = m.getName();
        Class<?>[] p = m.getParameterTypes();
        if (name.startsWith("mutate")) {
          String field = Character.toLowerCase(name.charAt(6)) + name.substring(7);
          Method length = null;
          if (p.length == 2) {
            try {
              length = cls.getMethod(field + "Length");
            } catch (NoSuchMethodException e) {
              continue;
            }
          }
          out.add(new Target(table, m, length));
        } else if (Table.class.isAssignableFrom(m.getReturnType()) && m.getReturnType() != Table.class) {
          if (p.length == 0) {
            collect((Table) m.invoke(table), out, depth + 1);
          } else if (p.length == 1 && p[0] == int.class) {
            int n = (int) cls.getMethod(name + "Length").invoke(table);
            for (int i = 0; i < n; i++) {
              collect((Table) m.invoke(table, i), out, depth + 1);
            }
          }
        } else if (name.equals("builtinOptions") && p.length == 1 && p[0] == Table.class) {
          Operator op = (Operator) table;
          int tag = op.builtinOptionsType() & 0xff;
          if (tag != 0 && tag < BuiltinOptions.names.length && !BuiltinOptions.names[tag].isEmpty()) {
            Class<?> options = Class.forName(Model.class.getPackageName() + "." + BuiltinOptions.names[tag]);
            collect(op.builtinOptions((Table) options.getConstructor().newInstance()), out, depth + 1);
          }
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
