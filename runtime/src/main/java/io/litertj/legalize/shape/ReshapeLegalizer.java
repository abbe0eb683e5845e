package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.SignatureLegalizer;
import java.util.List;

/**
 * TF Reshape → RESHAPE. The target is resolved at conversion time where it can be: constant
 * entries stay, an entry computed from a dynamic dimension becomes -1 when it is the only one, and
 * a literal -1 is worked out from the static dimensions. Otherwise the target stays a run-time
 * shape input.
 */
final class ReshapeLegalizer {

  private ReshapeLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ReshapeLegalizer::reshape, "Reshape");
  }

  private static List<Tensor> reshape(NodeContext ctx) {
    Tensor input = ctx.input(0);
    Shape resolved = resolve(ctx, input.shape(), ctx.probeValues(1));
    if (resolved != null) {
      return List.of(Reshapes.reshape(ctx, input, resolved));
    }
    // The target is only known at run time.
    Tensor shape = IndexTensors.asInt32(ctx, 1, "shape");
    if (shape.shape().rank() != 1 || shape.shape().dim(0) < 0) {
      throw ctx.error("has a target shape of unknown length " + shape.shape(),
          "give the reshape target a fixed number of dimensions");
    }
    long[] partial = ctx.partialInts(1);
    Shape out = partial != null ? Dims.fromPartial(partial) : Dims.allDynamic(shape.shape().dim(0));
    return List.of(ctx.emit(BuiltinOp.RESHAPE, List.of(input, shape), input.type(), out, null));
  }

  /**
   * The target with at most one -1, or null when it cannot be fixed at conversion time.
   * {@code probes[p][i]} is entry i with the dynamic dimensions set to the p-th probe value.
   */
  static Shape resolve(NodeContext ctx, Shape input, long[][] probes) {
    if (probes == null) {
      return null;
    }
    int n = probes[0].length;
    int literal = -1;
    int dynamic = -1;
    int dynamicCount = 0;
    long known = 1;
    int[] dims = new int[n];
    for (int i = 0; i < n; i++) {
      long a = probes[0][i];
      long b = probes[1][i];
      if (a != b) {
        dynamic = i;
        dynamicCount++;
        dims[i] = Shape.DYNAMIC;
      } else if (a == -1) {
        if (literal >= 0) {
          throw ctx.error("has more than one -1 in its target shape", "at most one dimension can be inferred");
        }
        literal = i;
        dims[i] = Shape.DYNAMIC;
      } else if (a < 0) {
        throw ctx.error("has a negative dimension " + a + " in its target shape", null);
      } else {
        dims[i] = IndexTensors.toInt(ctx, a, "shape");
        known = Math.multiplyExact(known, a);
      }
    }
    if (dynamicCount > 1) {
      return null;
    }
    if (literal >= 0) {
      long inferred = inferLiteral(input, probes, dynamic, known);
      if (inferred >= 0) {
        dims[literal] = IndexTensors.toInt(ctx, inferred, "shape");
      } else if (dynamic >= 0) {
        return null; // two unknown entries
      }
    }
    return Shape.of(dims);
  }

  /**
   * The value of the literal -1, when the element counts agree on one for every probe; -1 when it
   * depends on a dynamic dimension. The input's dynamic dimensions take the probe values, as in
   * the Shape legalizer.
   */
  private static long inferLiteral(Shape input, long[][] probes, int dynamic, long known) {
    long staticElements = Dims.staticProduct(input);
    int inputDynamic = Dims.dynamicCount(input);
    if (inputDynamic == 0 && dynamic < 0) {
      return known == 0 ? -1 : staticElements % known == 0 ? staticElements / known : -1;
    }
    if (dynamic < 0) {
      return -1; // the literal absorbs the dynamic dimension
    }
    long agreed = -1;
    for (int p = 0; p < probes.length; p++) {
      long elements = staticElements;
      for (int k = 0; k < inputDynamic; k++) {
        elements = Math.multiplyExact(elements, SignatureLegalizer.probeDim(p));
      }
      long divisor = Math.multiplyExact(known, probes[p][dynamic]);
      if (divisor <= 0 || elements % divisor != 0) {
        return -1;
      }
      long value = elements / divisor;
      if (p > 0 && value != agreed) {
        return -1;
      }
      agreed = value;
    }
    return agreed;
  }
}
