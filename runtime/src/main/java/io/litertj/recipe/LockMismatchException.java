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
    super(describe(differences, "If the change is intended, record it: RecipeRunner --update-lock, or mvn litertj:lock."));
    this.differences = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(differences));
  }

  /** Recipe class → what changed, sorted by recipe class. */
  public Map<String, List<String>> differences() {
    return differences;
  }

  /** The differences, then {@code hint}: how the caller's tool accepts the change. */
  public String describe(String hint) {
    return describe(differences, hint);
  }

  private static String describe(Map<String, List<String>> differences, String hint) {
    StringBuilder sb = new StringBuilder("recipes differ from the lock file:");
    new java.util.TreeMap<>(differences).forEach((recipe, diffs) -> {
      sb.append("\n  ").append(recipe).append(':');
      diffs.forEach(d -> sb.append("\n    - ").append(d));
    });
    sb.append('\n').append(hint);
    return sb.toString();
  }
}
