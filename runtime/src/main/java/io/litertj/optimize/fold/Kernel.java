package io.litertj.optimize.fold;

import java.util.List;

/** Evaluates one LiteRT builtin on constant operands, with that builtin's semantics. */
@FunctionalInterface
interface Kernel {

  /**
   * One result per output of the op; throws {@link NotFoldable} when these operands cannot be
   * folded.
   */
  List<Folded> fold(FoldCall call);
}
