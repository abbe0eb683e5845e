package io.litertj.legalize.math;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.ir.TransposedData;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.Reshapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Einsum of one or two FLOAT32 operands, lowered as TensorFlow's own converter does: labels that
 * only one operand has and the output lacks are summed out first; then each operand is transposed
 * to {@code [batch, free, contracted]} order, flattened to a matrix per batch and multiplied
 * (FULLY_CONNECTED when the right operand is a constant without batch labels, else BATCH_MATMUL),
 * and the product is unflattened and transposed to the output's order. Repeated labels within an
 * operand (diagonals) are not supported.
 */
final class EinsumLegalizer {

  private EinsumLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(EinsumLegalizer::einsum, "Einsum");
  }

  /** An operand and its labels, one per dimension. */
  private record Term(Tensor tensor, String labels) {}

  private static List<Tensor> einsum(NodeContext ctx) {
    String equation = ctx.attrString("equation", "").replace(" ", "");
    int n = ctx.inputCount();
    if (n < 1 || n > 2) {
      throw ctx.error("has " + n + " operands; only one or two are supported", "split the einsum into pairwise ones");
    }
    for (Tensor t : ctx.inputs()) {
      Elementwise.requireFloat32(ctx, t, "operand");
    }
    String[] sides = equation.split("->", -1);
    String[] ins = sides[0].split(",", -1);
    if (ins.length != n || sides.length != 2) {
      throw ctx.error("has equation '" + equation + "' that does not match its " + n + " operands", null);
    }
    String ellipsis = ellipsisLabels(ctx, ins);
    List<Term> terms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String labels = expand(ctx, ins[i], ctx.input(i).shape().rank(), ellipsis);
      terms.add(new Term(ctx.input(i), labels));
    }
    String out = sides[1].replace("...", ellipsis);
    for (Term t : terms) {
      if (hasRepeats(t.labels())) {
        throw ctx.error("repeats a label within operand '" + t.labels() + "' (a diagonal), which is not supported",
            null);
      }
    }
    if (hasRepeats(out)) {
      throw ctx.error("repeats a label in its output '" + out + "'", null);
    }
    for (char c : out.toCharArray()) {
      if (terms.stream().noneMatch(t -> t.labels().indexOf(c) >= 0)) {
        throw ctx.error("has output label '" + c + "' that no operand has", null);
      }
    }
    List<Term> reduced = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String keep = out + (n == 2 ? terms.get(1 - i).labels() : "");
      reduced.add(sumOut(ctx, terms.get(i), keep));
    }
    Term result = n == 1 ? reduced.get(0) : multiply(ctx, reduced.get(0), reduced.get(1), out);
    return List.of(permute(ctx, result, out).tensor());
  }

  /** The labels standing for "...": digits, which are not valid einsum labels, as many as needed. */
  private static String ellipsisLabels(NodeContext ctx, String[] ins) {
    int most = 0;
    for (int i = 0; i < ins.length; i++) {
      if (ins[i].contains("...")) {
        int named = ins[i].replace("...", "").length();
        most = Math.max(most, ctx.input(i).shape().rank() - named);
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < most; i++) {
      b.append((char) ('0' + i));
    }
    return b.toString();
  }

  /** An operand's labels with its ellipsis expanded (right-aligned, as broadcasting aligns). */
  private static String expand(NodeContext ctx, String spec, int rank, String ellipsis) {
    String labels = spec;
    if (spec.contains("...")) {
      int count = rank - spec.replace("...", "").length();
      if (count < 0) {
        throw ctx.error("has operand '" + spec + "' with more labels than its rank " + rank, null);
      }
      labels = spec.replace("...", ellipsis.substring(ellipsis.length() - count));
    }
    if (labels.length() != rank) {
      throw ctx.error("labels an operand of rank " + rank + " with '" + spec + "'", null);
    }
    for (char c : labels.toCharArray()) {
      if (!Character.isLetter(c) && !Character.isDigit(c)) {
        throw ctx.error("has an invalid label '" + c + "' in '" + spec + "'", null);
      }
    }
    return labels;
  }

  private static boolean hasRepeats(String labels) {
    return labels.chars().distinct().count() != labels.length();
  }

  /** Sums the dimensions whose labels are not in {@code keep}. */
  private static Term sumOut(NodeContext ctx, Term t, String keep) {
    List<Integer> axes = new ArrayList<>();
    StringBuilder kept = new StringBuilder();
    for (int i = 0; i < t.labels().length(); i++) {
      if (keep.indexOf(t.labels().charAt(i)) < 0) {
        axes.add(i);
      } else {
        kept.append(t.labels().charAt(i));
      }
    }
    if (axes.isEmpty()) {
      return t;
    }
    int[] a = axes.stream().mapToInt(Integer::intValue).toArray();
    Tensor x = t.tensor();
    Tensor sum = Kernels.emit(ctx, BuiltinOp.SUM, List.of(x, ctx.constInt32("sum_axes", a)), x.type(), x.type(),
        ReduceLegalizer.reducedShape(x.shape(), a, false), new OpOptions.Reducer(false));
    return new Term(sum, kept.toString());
  }

  /** The product of two operands whose labels are each batch, free or contracted; labels B+L+R. */
  private static Term multiply(NodeContext ctx, Term x, Term y, String out) {
    String batch = filter(out, c -> has(x, c) && has(y, c));
    String left = filter(x.labels(), c -> !has(y, c));
    String right = filter(y.labels(), c -> !has(x, c));
    String contracted = filter(x.labels(), c -> has(y, c) && out.indexOf(c) < 0);
    checkSizes(ctx, x, y, contracted);
    if (batch.isEmpty() && y.tensor().isConstant()) {
      return fullyConnected(ctx, permute(ctx, x, left + contracted), y, left, right, contracted);
    }
    Term xm = permute(ctx, x, batch + left + contracted);
    Term ym = permute(ctx, y, batch + contracted + right);
    Tensor a = reshape(ctx, xm.tensor(), concat(dims(xm, batch), product(dims(xm, left)), product(dims(xm, contracted))));
    Tensor b = reshape(ctx, ym.tensor(), concat(dims(ym, batch), product(dims(ym, contracted)), product(dims(ym, right))));
    Shape batchShape = Broadcast.of(ctx, Shape.of(dims(xm, batch)), Shape.of(dims(ym, batch)));
    int[] mm = concat(batchShape.dims(), product(dims(xm, left)), product(dims(ym, right)));
    Tensor p = Kernels.emit(ctx, BuiltinOp.BATCH_MATMUL, List.of(a, b), DataType.FLOAT32, DataType.FLOAT32,
        Shape.of(mm), new OpOptions.BatchMatMul(false, false, false));
    int[] full = concat(concat(batchShape.dims(), dims(xm, left)), dims(ym, right));
    return new Term(reshape(ctx, p, full), batch + left + right);
  }

  /** x[L, C] times a constant y as FULLY_CONNECTED with weights [R, C] read straight from y. */
  private static Term fullyConnected(NodeContext ctx, Term x, Term y, String left, String right, String contracted) {
    int[] leftDims = dims(x, left);
    int inner = product(dims(x, contracted));
    int units = product(dims(y, right));
    int[] rows = leftDims.length == 0 ? new int[] {1} : leftDims;
    Tensor input = reshape(ctx, x.tensor(), concat(rows, inner));
    Tensor w = y.tensor();
    int[] perm = order(y.labels(), right + contracted);
    ConstantData data = TransposedData.of(w.data(), w.shape().dims(), perm, w.type().byteSize());
    Tensor weights = ctx.constant("weights", w.type(), Shape.of(units, inner), data);
    Tensor bias = ctx.constant("bias", DataType.FLOAT32, Shape.of(units), ConstantData.ofFloats(new float[units]));
    Tensor fc = Kernels.emit(ctx, BuiltinOp.FULLY_CONNECTED, List.of(input, weights, bias), DataType.FLOAT32,
        DataType.FLOAT32, Shape.of(concat(rows, units)), new OpOptions.FullyConnected(Activation.NONE, true, false));
    return new Term(reshape(ctx, fc, concat(leftDims, dims(y, right))), left + right);
  }

  private static void checkSizes(NodeContext ctx, Term x, Term y, String contracted) {
    for (char c : contracted.toCharArray()) {
      int a = x.tensor().shape().dim(x.labels().indexOf(c));
      int b = y.tensor().shape().dim(y.labels().indexOf(c));
      if (a >= 0 && b >= 0 && a != b) {
        throw ctx.error("contracts label '" + c + "' of sizes " + a + " and " + b, null);
      }
    }
  }

  /** The operand transposed so that its labels read {@code target}; constants are permuted lazily. */
  private static Term permute(NodeContext ctx, Term t, String target) {
    int[] perm = order(t.labels(), target);
    if (isIdentity(perm)) {
      return new Term(t.tensor(), target);
    }
    Tensor x = t.tensor();
    int[] in = x.shape().dims();
    int[] outDims = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      outDims[i] = in[perm[i]];
    }
    if (x.isConstant()) {
      ConstantData data = TransposedData.of(x.data(), in, perm, x.type().byteSize());
      return new Term(ctx.constant("permuted", x.type(), Shape.of(outDims), data), target);
    }
    Tensor moved = ctx.emit(BuiltinOp.TRANSPOSE, List.of(x, ctx.constInt32("perm", perm)), x.type(),
        Shape.of(outDims), new OpOptions.Transpose());
    return new Term(moved, target);
  }

  /** A reshape that is skipped when the shape already matches; constants just get the new shape. */
  private static Tensor reshape(NodeContext ctx, Tensor x, int[] target) {
    Shape to = Shape.of(target);
    if (x.shape().equals(to)) {
      return x;
    }
    if (x.isConstant()) {
      return ctx.constant("reshaped", x.type(), to, x.data());
    }
    if (!Reshapes.expressible(to)) {
      throw ctx.error("needs to reshape " + x.shape() + " to " + to + ", with more than one dynamic dimension",
          "give the einsum operands static sizes except for one dimension");
    }
    return Reshapes.reshape(ctx, x, to);
  }

  private static boolean has(Term t, int c) {
    return t.labels().indexOf(c) >= 0;
  }

  private static String filter(String labels, java.util.function.IntPredicate keep) {
    StringBuilder b = new StringBuilder();
    labels.chars().filter(keep).forEach(c -> b.append((char) c));
    return b.toString();
  }

  private static int[] order(String from, String to) {
    int[] perm = new int[to.length()];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = from.indexOf(to.charAt(i));
    }
    return perm;
  }

  private static boolean isIdentity(int[] perm) {
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] != i) {
        return false;
      }
    }
    return true;
  }

  private static int[] dims(Term t, String labels) {
    int[] out = new int[labels.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.tensor().shape().dim(t.labels().indexOf(labels.charAt(i)));
    }
    return out;
  }

  /** Product of sizes; dynamic (-1) if any is. */
  private static int product(int[] dims) {
    int p = 1;
    for (int d : dims) {
      if (d < 0) {
        return Shape.DYNAMIC;
      }
      p = Math.multiplyExact(p, d);
    }
    return p;
  }

  private static int[] concat(int[] head, int... tail) {
    int[] out = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }
}
