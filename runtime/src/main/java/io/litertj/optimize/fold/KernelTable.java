package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The kernels by LiteRT builtin; {@link #standard()} lists every op the folder evaluates. */
final class KernelTable {

  private final Map<BuiltinOp, Kernel> kernels = new EnumMap<>(BuiltinOp.class);

  static KernelTable standard() {
    KernelTable table = new KernelTable();
    ArithmeticKernels.register(table);
    ComparisonKernels.register(table);
    UnaryKernels.register(table);
    CastKernel.register(table);
    ReduceKernels.register(table);
    ArgMinMaxKernel.register(table);
    LayoutKernels.register(table);
    JoinSplitKernels.register(table);
    SliceKernels.register(table);
    GatherKernel.register(table);
    TilePadKernels.register(table);
    GeneratorKernels.register(table);
    SelectKernels.register(table);
    return table;
  }

  void put(BuiltinOp op, Kernel kernel) {
    if (kernels.putIfAbsent(op, kernel) != null) {
      throw new IllegalStateException("two kernels for " + op);
    }
  }

  Kernel get(BuiltinOp op) {
    return kernels.get(op);
  }

  Set<BuiltinOp> ops() {
    return Collections.unmodifiableSet(kernels.keySet());
  }
}
