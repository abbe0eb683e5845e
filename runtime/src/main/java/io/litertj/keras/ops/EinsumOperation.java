package io.litertj.keras.ops;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.ir.TransposedData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code keras.ops.einsum} of one or two operands, lowered as the TF-side EinsumLegalizer lowers
 * TF's Einsum: labels only one operand has and the output lacks are summed out; each operand is
 * transposed to [batch, free, contracted], flattened to a matrix per batch and multiplied
 * (FULLY_CONNECTED for a constant right operand without batch labels, else BATCH_MATMUL); the
 * product is unflattened and transposed to the output's order. Integers are computed in float32
 * and cast back, as Keras's TF backend does. Repeated labels within an operand (diagonals) and
 * more than two operands are refused.
 */
final class EinsumOperation {

  private EinsumOperation() {}

  static void register(Registry r) {
    r.add(EinsumOperation::einsum, "Einsum");
  }

  private record Term(Tensor tensor, String labels) {}

  private static Tensor einsum(OpNode n) {
    n.parameters("operand0", "operand1", "operand2");
    String subscripts = n.config("subscripts").asText("").replace(" ", "");
    if (subscripts.isEmpty()) {
      throw n.error("has no subscripts", null);
    }
    List<Operand> operands = new ArrayList<>();
    for (String name : List.of("operand0", "operand1", "operand2")) {
      Operand o = n.operand(name);
      if (o != null) {
        operands.add(o);
      }
    }
    int count = operands.size();
    if (count < 1 || count > 2) {
      throw n.error("has " + count + " operands; one or two are supported", "split it into pairwise einsums");
    }
    DataType result = KerasType.promote(operands.stream().map(Operand::type).toArray(KerasType[]::new));
    if (result == DataType.BOOL) {
      throw n.error("multiplies bools", "cast them to a number first");
    }
    List<Tensor> inputs = new ArrayList<>();
    for (Operand o : operands) {
      inputs.add(Emit.as(n, o, DataType.FLOAT32));
    }
    String[] sides = subscripts.split("->", -1);
    String[] ins = sides[0].split(",", -1);
    if (ins.length != count || sides.length > 2) {
      throw n.error("has subscripts '" + subscripts + "' that do not match its " + count + " operands", null);
    }
    String ellipsis = ellipsisLabels(inputs, ins);
    List<Term> terms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      terms.add(new Term(inputs.get(i), expand(n, ins[i], inputs.get(i).shape().rank(), ellipsis)));
    }
    String out = sides.length == 2 ? sides[1].replace("...", ellipsis) : implicitOutput(terms, ellipsis);
    for (Term t : terms) {
      if (hasRepeats(t.labels())) {
        throw n.error("repeats a label within operand '" + t.labels() + "' (a diagonal), which is not supported",
            null);
      }
    }
    if (hasRepeats(out)) {
      throw n.error("repeats a label in its output '" + out + "'", null);
    }
    for (char c : out.toCharArray()) {
      if (terms.stream().noneMatch(t -> t.labels().indexOf(c) >= 0)) {
        throw n.error("has output label '" + c + "' that no operand has", null);
      }
    }
    List<Term> reduced = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String keep = out + (count == 2 ? terms.get(1 - i).labels() : "");
      reduced.add(sumOut(n, terms.get(i), keep));
    }
    Term product = count == 1 ? reduced.get(0) : multiply(n, reduced.get(0), reduced.get(1), out);
    return Emit.cast(n, permute(n, product, out).tensor(), result);
  }

  /** NumPy's implicit output: the ellipsis, then the labels used once, in alphabetical order. */
  private static String implicitOutput(List<Term> terms, String ellipsis) {
    TreeSet<Character> once = new TreeSet<>();
    String all = String.join("", terms.stream().map(Term::labels).toList());
    for (char c : all.toCharArray()) {
      if (Character.isLetter(c) && all.indexOf(c) == all.lastIndexOf(c)) {
        once.add(c);
      }
    }
    StringBuilder b = new StringBuilder(ellipsis);
    once.forEach(b::append);
    return b.toString();
  }

  /** Labels standing for "...": digits, which are not valid einsum labels. */
  private static String ellipsisLabels(List<Tensor> inputs, String[] ins) {
    int most = 0;
    for (int i = 0; i < ins.length; i++) {
      if (ins[i].contains("...")) {
        most = Math.max(most, inputs.get(i).shape().rank() - ins[i].replace("...", "").length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < most; i++) {
      b.append((char) ('0' + i));
    }
    return b.toString();
  }

  private static String expand(OpNode n, String spec, int rank, String ellipsis) {
    String labels = spec;
    if (spec.contains("...")) {
      int count = rank - spec.replace("...", "").length();
      if (count < 0 || count > ellipsis.length()) {
        throw n.error("has operand '" + spec + "' with more labels than its rank " + rank, null);
      }
      labels = spec.replace("...", ellipsis.substring(ellipsis.length() - count));
    }
    if (labels.length() != rank) {
      throw n.error("labels an operand of rank " + rank + " with '" + spec + "'", null);
    }
    for (char c : labels.toCharArray()) {
      if (!Character.isLetter(c) && !Character.isDigit(c)) {
        throw n.error("has an invalid label '" + c + "' in '" + spec + "'", null);
      }
    }
    return labels;
  }

  private static boolean hasRepeats(String labels) {
    return labels.chars().distinct().count() != labels.length();
  }

  /** Sums the dimensions whose labels are not in {@code keep}. */
  private static Term sumOut(OpNode n, Term t, String keep) {
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
    Tensor sum = Emit.op(n, BuiltinOp.SUM, List.of(x, Emit.ints(n, "sum_axes", a)), x.type(), x.type(),
        ReductionOperations.reducedShape(x.shape(), a, false), new OpOptions.Reducer(false));
    return new Term(sum, kept.toString());
  }

  /** The product of two operands whose labels are each batch, free or contracted; labels B+L+R. */
  private static Term multiply(OpNode n, Term x, Term y, String out) {
    String batch = filter(out, c -> has(x, c) && has(y, c));
    String left = filter(x.labels(), c -> !has(y, c));
    String right = filter(y.labels(), c -> !has(x, c));
    String contracted = filter(x.labels(), c -> has(y, c) && out.indexOf(c) < 0);
    for (char c : contracted.toCharArray()) {
      int a = x.tensor().shape().dim(x.labels().indexOf(c));
      int b = y.tensor().shape().dim(y.labels().indexOf(c));
      if (a >= 0 && b >= 0 && a != b) {
        throw n.error("contracts label '" + c + "' of sizes " + a + " and " + b, null);
      }
    }
    if (batch.isEmpty() && y.tensor().isConstant()) {
      return fullyConnected(n, permute(n, x, left + contracted), y, left, right, contracted);
    }
    Term xm = permute(n, x, batch + left + contracted);
    Term ym = permute(n, y, batch + contracted + right);
    Tensor a = reshape(n, xm.tensor(), concat(dims(xm, batch), Emit.product(dims(xm, left)),
        Emit.product(dims(xm, contracted))));
    Tensor b = reshape(n, ym.tensor(), concat(dims(ym, batch), Emit.product(dims(ym, contracted)),
        Emit.product(dims(ym, right))));
    Shape batchShape = Emit.broadcast(n, Shape.of(dims(xm, batch)), Shape.of(dims(ym, batch)));
    int[] mm = concat(batchShape.dims(), Emit.product(dims(xm, left)), Emit.product(dims(ym, right)));
    Tensor p = Emit.op(n, BuiltinOp.BATCH_MATMUL, List.of(a, b), DataType.FLOAT32, DataType.FLOAT32, Shape.of(mm),
        new OpOptions.BatchMatMul(false, false, false));
    int[] full = concat(concat(batchShape.dims(), dims(xm, left)), dims(ym, right));
    return new Term(reshape(n, p, full), batch + left + right);
  }

  /** x[L, C] times a constant y as FULLY_CONNECTED with weights [R, C] read straight from y. */
  private static Term fullyConnected(OpNode n, Term x, Term y, String left, String right, String contracted) {
    int[] leftDims = dims(x, left);
    int inner = Emit.product(dims(x, contracted));
    int units = Emit.product(dims(y, right));
    int[] rows = leftDims.length == 0 ? new int[] {1} : leftDims;
    Tensor input = reshape(n, x.tensor(), concat(rows, inner));
    Tensor w = y.tensor();
    int[] perm = order(y.labels(), right + contracted);
    ConstantData data = TransposedData.of(w.data(), w.shape().dims(), perm, w.type().byteSize());
    Tensor weights = n.ctx().constant("weights", w.type(), Shape.of(units, inner), data);
    Tensor bias = n.ctx().constant("bias", DataType.FLOAT32, Shape.of(units), ConstantData.ofFloats(new float[units]));
    Tensor fc = Emit.op(n, BuiltinOp.FULLY_CONNECTED, List.of(input, weights, bias), DataType.FLOAT32,
        DataType.FLOAT32, Shape.of(concat(rows, units)), new OpOptions.FullyConnected(Activation.NONE, true, false));
    return new Term(reshape(n, fc, concat(leftDims, dims(y, right))), left + right);
  }

  /** The operand transposed so that its labels read {@code target}; constants are permuted lazily. */
  private static Term permute(OpNode n, Term t, String target) {
    int[] perm = order(t.labels(), target);
    Tensor x = t.tensor();
    if (x.isConstant()) {
      int[] in = x.shape().dims();
      int[] outDims = new int[perm.length];
      for (int i = 0; i < perm.length; i++) {
        outDims[i] = in[perm[i]];
      }
      ConstantData data = TransposedData.of(x.data(), in, perm, x.type().byteSize());
      return new Term(n.ctx().constant("permuted", x.type(), Shape.of(outDims), data), target);
    }
    return new Term(Emit.transpose(n, x, perm), target);
  }

  /** A reshape that constants just take as their new shape. */
  private static Tensor reshape(OpNode n, Tensor x, int[] target) {
    Shape to = Shape.of(target);
    if (x.isConstant() && to.isStatic()) {
      return to.equals(x.shape()) ? x : n.ctx().constant("reshaped", x.type(), to, x.data());
    }
    return Emit.reshape(n, x, to);
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

  private static int[] dims(Term t, String labels) {
    int[] out = new int[labels.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.tensor().shape().dim(t.labels().indexOf(labels.charAt(i)));
    }
    return out;
  }

  private static int[] concat(int[] head, int... tail) {
    int[] out = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }
}
