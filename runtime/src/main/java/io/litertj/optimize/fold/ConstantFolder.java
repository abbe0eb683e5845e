package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.ConstantEvaluator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A reference evaluator of LiteRT builtins on constant inputs, with LiteRT's semantics: NumPy
 * broadcasting, C++ integer division, LiteRT's fused-activation clamps (which turn float infinities
 * into ±FLT_MAX), its StridedSlice mask and {@code offset} rules, its half-to-even ROUND, and so on
 * (each kernel family documents its rules). FLOAT32 is computed in float, as LiteRT does. The
 * differential test {@code LiteRtOracleTest} checks the kernels against the LiteRT interpreter.
 *
 * <p>{@link #evaluate} returns {@code null}, leaving the op in the graph, when it has no kernel
 * for the op or type; when an input or output is quantized; when an output (or a decoded input)
 * would have more than {@link #maxElements()} elements; when a result disagrees with the output
 * shape the legalizer inferred; when LiteRT itself would reject the values (integer division by
 * zero, a gather index out of range, ...); and when LiteRT's answer depends on its version or the
 * CPU (NaN or out-of-range float-to-integer CASTs, NaN in ARG_MAX/ARG_MIN, subnormal floats). It
 * never throws for such values: the legalizer also folds with made-up probe values for dynamic
 * dims, where an error would be spurious; LiteRT reports real ones when the model runs.
 *
 * <p>RESHAPE, SQUEEZE, EXPAND_DIMS and TRANSPOSE never copy data (TRANSPOSE returns a lazy
 * {@link io.litertj.ir.TransposedData}), so they fold weights of any size.
 */
public final class ConstantFolder implements ConstantEvaluator {

  /** The default limit on the elements of one folded tensor: 16M (64 MiB of floats). */
  public static final long DEFAULT_MAX_ELEMENTS = 1L << 24;

  /** The highest limit: a folded tensor of 8-byte elements must fit one Java array. */
  public static final long MAX_LIMIT = (Integer.MAX_VALUE - 8) / 8;

  private static final Logger LOG = Logger.getLogger(ConstantFolder.class.getName());
  private static final Set<BuiltinOp> LAYOUT_ONLY =
      EnumSet.of(BuiltinOp.RESHAPE, BuiltinOp.SQUEEZE, BuiltinOp.EXPAND_DIMS, BuiltinOp.TRANSPOSE);

  private final KernelTable kernels = KernelTable.standard();
  private final long maxElements;

  public ConstantFolder() {
    this(DEFAULT_MAX_ELEMENTS);
  }

  /** @param maxElements the most elements a folded (materialized) tensor may have */
  public ConstantFolder(long maxElements) {
    if (maxElements < 1 || maxElements > MAX_LIMIT) {
      throw new IllegalArgumentException("maxElements must be in [1, " + MAX_LIMIT + "]: " + maxElements);
    }
    this.maxElements = maxElements;
  }

  /** The folder with the default size limit. */
  public static ConstantFolder standard() {
    return new ConstantFolder();
  }

  public long maxElements() {
    return maxElements;
  }

  /** Every op this folder has a kernel for (which types each takes is up to the kernel). */
  public Set<BuiltinOp> supportedOps() {
    return kernels.ops();
  }

  @Override
  public List<ConstantData> evaluate(BuiltinOp op, List<Tensor> inputs, OpOptions options, List<Tensor> outputs) {
    Kernel kernel = kernels.get(op);
    if (kernel == null) {
      return null;
    }
    try {
      List<Operand> operands = new ArrayList<>();
      for (Tensor t : inputs) {
        if (t == null) {
          operands.add(null);
        } else if (op == BuiltinOp.SHAPE && operands.isEmpty()) {
          operands.add(Operand.shapeOf(t)); // SHAPE reads dims only: its input need not be constant
        } else if (!t.isConstant() || quantizedFor(op, t)) {
          return null;
        } else {
          operands.add(Operand.of(t, maxElements));
        }
      }
      for (Tensor t : outputs) {
        if (quantizedFor(op, t)) {
          return null;
        }
      }
      List<Folded> results = kernel.fold(new FoldCall(op, operands, options, outputs, maxElements));
      return checked(op, results, outputs);
    } catch (NotFoldable e) {
      // The only expected failure; anything else a kernel throws is a folder bug and must surface.
      LOG.fine(() -> "not folding " + op + ": " + e.getMessage());
      return null;
    }
  }

  /** Quantized values mean other arithmetic; only ops that leave the bytes alone fold them. */
  private static boolean quantizedFor(BuiltinOp op, Tensor t) {
    return t.quantization() != null && !LAYOUT_ONLY.contains(op);
  }

  /** The results' data, when each agrees with its output's type and inferred shape. */
  private static List<ConstantData> checked(BuiltinOp op, List<Folded> results, List<Tensor> outputs) {
    if (results.size() != outputs.size()) {
      throw new NotFoldable(op + " gave " + results.size() + " results for " + outputs.size() + " outputs");
    }
    List<ConstantData> data = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      Folded result = results.get(i);
      Tensor out = outputs.get(i);
      int[] dims = result.dims();
      if (!fits(dims, out.shape())) {
        throw new NotFoldable(op + " result " + NdIndex.show(dims) + " does not match output " + out);
      }
      long bytes = NdIndex.count(dims) * out.type().byteSize();
      if (result.data().byteSize() != bytes) {
        throw new NotFoldable(op + " result has " + result.data().byteSize() + " bytes for " + out);
      }
      data.add(result.data());
    }
    return data;
  }

  /** Same rank, and equal dims wherever the inferred shape knows the dim. */
  private static boolean fits(int[] dims, Shape shape) {
    if (dims.length != shape.rank()) {
      return false;
    }
    for (int i = 0; i < dims.length; i++) {
      int known = shape.dim(i);
      if (known != Shape.DYNAMIC && known != dims[i]) {
        return false;
      }
    }
    return true;
  }
}
