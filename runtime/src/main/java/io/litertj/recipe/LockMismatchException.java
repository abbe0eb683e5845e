package io.litertj.recipe;

import java.util.List;
import java.util.Map;

/**
 * Verify mode found recipes whose inputs, options or output differ from {@code recipes.lock.json}.
 * The message names every such recipe and what changed.
 */
public final class LockMismatchException extends RuntimeException {

  private final transient Map<String, List<String>> differences;

  LockMismatchException(Map<String, List<String>> differences) {
    super(message(differences));
    this.differences = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(differences));
  }

  /** Recipe class → what changed, sorted by recipe class. */
  public Map<String, List<String>> differences() {
    return differences;
  }

  private static String message(Map<String, List<String>> differences) {
    StringBuilder sb = new StringBuilder("recipes differ from the lock file:");
    new java.util.TreeMap<>(differences).forEach((recipe, diffs) -> {
      sb.append("\n  ").append(recipe).append(':');
      diffs.forEach(d -> sb.append("\n    - ").append(d));
    });
    sb.append("\nIf the change is intended, run the recipes without --verify to update the lock.");
    return sb.toString();
  }
}
