package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.Optional;

/**
 * A loop body's write of one element into a dense list, in the two forms the list legalizers
 * emit: SELECT_V2(positions == index, [1, ...item], list), or DYNAMIC_UPDATE_SLICE of
 * [1, ...item] at [index, 0, ...].
 *
 * @param value the element written
 * @param atTime whether the index is the loop's time counter
 * @param constantIndex the index when it is a constant, else -1
 */
record ListWrite(Tensor value, boolean atTime, int constantIndex) {

  /** {@code out} as a write into {@code list} at {@code time} or at a constant index, or empty. */
  static Optional<ListWrite> of(GraphIndex body, Tensor out, Tensor list, Tensor time) {
    Operator p = body.producer(out);
    if (p == null) {
      return Optional.empty();
    }
    if (p.op() == BuiltinOp.SELECT_V2 && p.inputs().size() == 3 && p.input(2) == list) {
      Tensor item = element(body, p.input(1));
      if (item == null) {
        return Optional.empty();
      }
      Tensor mask = p.input(0);
      for (int k = 0; mask.isConstant() && k < mask.shape().dim(0); k++) {
        if (RecurrentLoopMatcher.trueOnlyAt(mask, k)) {
          return Optional.of(new ListWrite(item, false, k));
        }
      }
      Operator eq = body.producer(mask);
      if (eq != null && eq.op() == BuiltinOp.EQUAL && eq.inputs().size() == 2
          && (eq.input(1) == time && isPositions(eq.input(0), list) || eq.input(0) == time
              && isPositions(eq.input(1), list))) {
        return Optional.of(new ListWrite(item, true, -1));
      }
      return Optional.empty();
    }
    if (p.op() == BuiltinOp.DYNAMIC_UPDATE_SLICE && p.inputs().size() == 3 && p.input(0) == list) {
      Tensor item = element(body, p.input(1));
      Tensor start = p.input(2);
      if (item == null || start.shape().rank() != 1) {
        return Optional.empty();
      }
      if (start.isConstant() && start.type() == DataType.INT32) {
        long[] at = start.constantLongs();
        for (int i = 1; i < at.length; i++) {
          if (at[i] != 0) {
            return Optional.empty();
          }
        }
        return Optional.of(new ListWrite(item, false, (int) at[0]));
      }
      Operator concat = body.producer(start);
      if (concat != null && concat.op() == BuiltinOp.CONCATENATION && concat.inputs().size() == 2
          && isZeros(concat.input(1))) {
        Operator first = body.producer(concat.input(0));
        if (first != null && first.op() == BuiltinOp.RESHAPE && first.input(0) == time
            && concat.input(0).shape().equals(io.litertj.ir.Shape.of(1))) {
          return Optional.of(new ListWrite(item, true, -1));
        }
      }
    }
    return Optional.empty();
  }

  /** The item of a [1, ...item] update made by EXPAND_DIMS at axis 0 or a RESHAPE, or null. */
  private static Tensor element(GraphIndex body, Tensor update) {
    Operator p = body.producer(update);
    if (p == null || update.shape().rank() < 1 || update.shape().dim(0) != 1) {
      return null;
    }
    Tensor item = p.input(0);
    boolean leadingOne = item.shape().rank() + 1 == update.shape().rank();
    if (p.op() == BuiltinOp.EXPAND_DIMS && p.inputs().size() == 2 && leadingOne
        && RecurrentLoopMatcher.isIntScalar(p.input(1), 0)) {
      return item;
    }
    if (p.op() == BuiltinOp.RESHAPE && leadingOne && item.shape().isStatic()) {
      for (int i = 0; i < item.shape().rank(); i++) {
        if (item.shape().dim(i) != update.shape().dim(i + 1)) {
          return null;
        }
      }
      return item;
    }
    return null;
  }

  /** An INT32 constant [N, 1, ...] holding 0, 1, ..., N-1, N the list's length. */
  private static boolean isPositions(Tensor t, Tensor list) {
    if (!t.isConstant() || t.type() != DataType.INT32 || t.shape().rank() != list.shape().rank()) {
      return false;
    }
    long[] v = t.constantLongs();
    if (v.length != t.shape().dim(0)) {
      return false;
    }
    for (int i = 0; i < v.length; i++) {
      if (v[i] != i) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZeros(Tensor t) {
    if (!t.isConstant() || t.type() != DataType.INT32) {
      return false;
    }
    for (long v : t.constantLongs()) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }
}
