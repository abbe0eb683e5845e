package io.litertj.ir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether two subgraphs compute the same function: the same input and output names in the same
 * order, and operator by operator the same builtin, options and dataflow over tensors of the same
 * type, shape, quantization and constant bytes, down through the subgraphs control flow runs.
 * Tensor names are not compared: two signatures of one function name their tensors after their
 * own call nodes ({@code serve_x:0}, {@code serving_default_x:0}).
 */
public final class SameComputation {

  private final Map<Tensor, Tensor> tensors = new IdentityHashMap<>();
  private final Map<Tensor, Tensor> reverse = new IdentityHashMap<>();
  private final Map<Subgraph, Subgraph> subgraphs = new IdentityHashMap<>();

  private SameComputation() {}

  public static boolean of(Subgraph a, Subgraph b) {
    return new SameComputation().subgraph(a, b);
  }

  private boolean subgraph(Subgraph a, Subgraph b) {
    Subgraph paired = subgraphs.get(a);
    if (paired != null) {
      return paired == b;
    }
    subgraphs.put(a, b);
    if (!new ArrayList<>(a.inputs().keySet()).equals(new ArrayList<>(b.inputs().keySet()))
        || !new ArrayList<>(a.outputs().keySet()).equals(new ArrayList<>(b.outputs().keySet()))
        || a.operators().size() != b.operators().size()) {
      return false;
    }
    for (String name : a.inputs().keySet()) {
      if (!tensor(a.inputs().get(name), b.inputs().get(name))) {
        return false;
      }
    }
    for (int i = 0; i < a.operators().size(); i++) {
      if (!operator(a.operators().get(i), b.operators().get(i))) {
        return false;
      }
    }
    for (String name : a.outputs().keySet()) {
      if (!tensor(a.outputs().get(name), b.outputs().get(name))) {
        return false;
      }
    }
    return true;
  }

  private boolean operator(Operator a, Operator b) {
    return a.op() == b.op() && tensors(a.inputs(), b.inputs()) && tensors(a.outputs(), b.outputs())
        && tensors(a.intermediates(), b.intermediates()) && options(a.options(), b.options());
  }

  private boolean tensors(List<Tensor> a, List<Tensor> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!tensor(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean tensor(Tensor a, Tensor b) {
    if (a == null || b == null) {
      return a == b;
    }
    Tensor paired = tensors.get(a);
    if (paired != null) {
      return paired == b;
    }
    if (reverse.containsKey(b)) {
      return false;
    }
    boolean same = a.type() == b.type() && a.shape().equals(b.shape()) && a.isVariable() == b.isVariable()
        && Objects.equals(a.quantization(), b.quantization()) && a.isConstant() == b.isConstant()
        && (!a.isConstant() || ConstantData.sameBytes(a.data(), b.data()));
    if (same) {
      tensors.put(a, b);
      reverse.put(b, a);
    }
    return same;
  }

  /** Options records compared field by field: arrays by content, subgraphs as computations. */
  private boolean options(OpOptions a, OpOptions b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.getClass() != b.getClass()) {
      return false;
    }
    if (!a.getClass().isRecord()) {
      return a.equals(b);
    }
    for (RecordComponent c : a.getClass().getRecordComponents()) {
      if (!value(read(c, a), read(c, b))) {
        return false;
      }
    }
    return true;
  }

  private boolean value(Object a, Object b) {
    if (a instanceof Subgraph x && b instanceof Subgraph y) {
      return subgraph(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!value(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a != null && a.getClass().isArray()) {
      return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
    }
    return Objects.equals(a, b);
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read option " + c.getName() + " of " + record.getClass(), e);
    }
  }
}
