package io.litertj.optimize.fold;

/**
 * Raised inside a kernel when it cannot fold the op it was given (an unsupported type, a value
 * LiteRT would reject, an output too large); {@link ConstantFolder} turns it into "not foldable",
 * so the op stays in the graph. Carries no stack trace: it is control flow, not an error.
 */
final class NotFoldable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  NotFoldable(String reason) {
    super(reason, null, false, false);
  }
}
