package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks a decoded subgraph before anything uses it, and before LiteRT sees it: each tensor is
 * written by at most one operator, operators come in dataflow order (so there are no cycles) and
 * read only what exists when they run, every operator has the operands, ranks, types and option
 * values its kernel needs ({@link OperandRules}), and quantization parameters are usable. Index
 * ranges and buffer sizes are checked while decoding, structure before that
 * ({@link FlatbufferVerifier}).
 */
final class TfliteValidator {

  private TfliteValidator() {}

  /**
   * @param graphInputs the flatbuffer subgraph's inputs (a signature may name fewer)
   * @param graphOutputs the subgraph's outputs
   */
  static void validate(Subgraph subgraph, Collection<Tensor> graphInputs, Collection<Tensor> graphOutputs) {
    Set<Tensor> inputs = identitySet();
    inputs.addAll(graphInputs);
    Set<Tensor> available = identitySet();
    available.addAll(graphInputs);
    Map<Tensor, Integer> producers = new IdentityHashMap<>();
    int index = 0;
    for (Operator op : subgraph.operators()) {
      checkOperator(subgraph, op, index, available);
      for (Tensor out : op.outputs()) {
        Integer earlier = producers.put(out, index);
        if (earlier != null) {
          throw problem(subgraph, op, index, "it writes tensor '" + out.name() + "', which operator " + earlier
              + " already writes");
        }
        if (inputs.contains(out)) {
          throw problem(subgraph, op, index, "it writes tensor '" + out.name() + "', an input of the subgraph");
        }
        if (out.isConstant()) {
          throw problem(subgraph, op, index, "it writes tensor '" + out.name() + "', which holds constant data");
        }
        available.add(out);
      }
      index++;
    }
    for (Tensor out : graphOutputs) {
      if (!available.contains(out) && !out.isConstant() && !out.isVariable() && !empty(out)) {
        throw Checks.malformed("subgraph '" + subgraph.name() + "': its output '" + out.name()
            + "' is computed by no operator");
      }
    }
  }

  /** A tensor read from the file: shape, constant and quantization agree with its type. */
  static void checkTensor(Tensor t, String where) {
    if (t.isConstant() && !t.shape().isStatic()) {
      throw Checks.malformed(where + " holds constant data but has dynamic dimensions " + t.shape());
    }
    QuantizationParams q = t.quantization();
    if (q == null || q.scales().length == 0 || t.type().isFloatingPoint()) {
      return;
    }
    float[] scales = q.scales();
    long[] zeroPoints = q.zeroPoints();
    long[] range = zeroPointRange(t.type());
    for (int i = 0; i < scales.length; i++) {
      if (!(scales[i] > 0) || Float.isInfinite(scales[i])) {
        throw Checks.malformed(where + " has quantization scale " + scales[i] + " (scales must be positive and finite)");
      }
      if (range != null && (zeroPoints[i] < range[0] || zeroPoints[i] > range[1])) {
        throw Checks.malformed(where + " has zero point " + zeroPoints[i] + ", outside the range of " + t.type());
      }
    }
  }

  private static long[] zeroPointRange(DataType type) {
    return switch (type) {
      case INT8 -> new long[] {-128, 127};
      case UINT8 -> new long[] {0, 255};
      case INT16 -> new long[] {-32768, 32767};
      default -> null;
    };
  }

  private static void checkOperator(Subgraph subgraph, Operator op, int index, Set<Tensor> available) {
    OperandRules.Rule rule = OperandRules.of(op.op());
    int inputs = op.inputs().size();
    int outputs = op.outputs().size();
    if (inputs < rule.minInputs() || inputs > rule.maxInputs()) {
      throw problem(subgraph, op, index, "it has " + inputs + " inputs; " + op.op() + " takes "
          + range(rule.minInputs(), rule.maxInputs()));
    }
    if (outputs < rule.minOutputs() || outputs > rule.maxOutputs()) {
      throw problem(subgraph, op, index, "it has " + outputs + " outputs; " + op.op() + " gives "
          + range(rule.minOutputs(), rule.maxOutputs()));
    }
    for (int i = 0; i < inputs; i++) {
      Tensor in = op.input(i);
      if (in == null) {
        if (!rule.optional().contains(i)) {
          throw problem(subgraph, op, index, "input " + i + " is omitted (-1), but " + op.op() + " needs it");
        }
      } else if (!available.contains(in) && !in.isConstant() && !in.isVariable() && !empty(in)) {
        throw problem(subgraph, op, index, "it reads tensor '" + in.name() + "' (input " + i
            + "), which no earlier operator writes and which is neither an input nor a constant");
      }
    }
    if (rule.needsOptions() && op.options() == null) {
      throw problem(subgraph, op, index, "it has no options table; " + op.op() + " cannot run with LiteRT's zero "
          + "defaults");
    }
    for (OperandRules.Check check : rule.checks()) {
      String finding = check.check(op);
      if (finding != null) {
        throw problem(subgraph, op, index, finding);
      }
    }
  }

  /** A tensor of no elements holds nothing to compute (an empty constant is written without data). */
  private static boolean empty(Tensor t) {
    return t.shape().isStatic() && t.shape().numElements() == 0;
  }

  private static String range(int min, int max) {
    return min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
  }

  private static ConversionException problem(Subgraph subgraph, Operator op, int index, String what) {
    String output = op.outputs().isEmpty() || op.output(0) == null ? null : op.output(0).name();
    return ConversionException.builder("malformed .tflite file: operator " + index + " of subgraph '"
            + subgraph.name() + "': " + what)
        .node(output)
        .opType(op.op().name())
        .hint("the file is damaged or was written by a faulty tool; convert the model again")
        .build();
  }

  private static Set<Tensor> identitySet() {
    return java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
