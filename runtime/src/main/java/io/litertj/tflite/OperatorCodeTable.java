package io.litertj.tflite;

import io.litertj.ir.BuiltinOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's {@code operator_codes}: one entry per (operator, version) pair, in order of first
 * use. LiteRT resolves a kernel per entry, so two versions of one operator may coexist, and each
 * operator keeps the lowest version it needs.
 */
final class OperatorCodeTable {

  /** One {@code OperatorCode} entry. */
  record Code(BuiltinOp op, int version) {}

  private final Map<Code, Integer> indices = new LinkedHashMap<>();

  /** The index of (op, version), adding it when new. */
  int indexOf(BuiltinOp op, int version) {
    return indices.computeIfAbsent(new Code(op, version), c -> indices.size());
  }

  List<Code> codes() {
    return new ArrayList<>(indices.keySet());
  }
}
