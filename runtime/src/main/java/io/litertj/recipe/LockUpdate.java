package io.litertj.recipe;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link RecipeRunner#runAll(List, Path, LockPolicy, boolean)} did to the lock file.
 *
 * @param results every recipe's run, in order
 * @param lockFile the lock file
 * @param added recipes that got a new entry
 * @param updated recipes whose changed entry was rewritten ({@link LockPolicy#UPDATE})
 * @param removed entries dropped because their recipe no longer exists ({@link LockPolicy#UPDATE})
 * @param kept recipe → what changed, for entries left as they were although the run differs
 *     ({@link LockPolicy#ADD_NEW}): verification will fail on them
 */
public record LockUpdate(List<RecipeResult> results, Path lockFile, List<String> added, List<String> updated,
    List<String> removed, Map<String, List<String>> kept) {

  public LockUpdate {
    results = List.copyOf(results);
    added = List.copyOf(added);
    updated = List.copyOf(updated);
    removed = List.copyOf(removed);
    kept = Map.copyOf(kept);
  }

  /** One line: what happened to the lock file. */
  public String summary() {
    StringBuilder sb = new StringBuilder("lock " + lockFile.toAbsolutePath() + ": ");
    if (added.isEmpty() && updated.isEmpty() && removed.isEmpty()) {
      sb.append("unchanged");
    } else {
      String sep = "";
      if (!added.isEmpty()) {
        sb.append("added ").append(added);
        sep = "; ";
      }
      if (!updated.isEmpty()) {
        sb.append(sep).append("updated ").append(updated);
        sep = "; ";
      }
      if (!removed.isEmpty()) {
        sb.append(sep).append("removed ").append(removed);
      }
    }
    return sb.toString();
  }

  /** The recipes whose entries were kept although they changed, and what changed; {@code hint} says how to accept it. */
  public String keptWarning(String hint) {
    StringBuilder sb = new StringBuilder("recipes differ from the lock file, which was left as it was (verification will fail):");
    new java.util.TreeMap<>(kept).forEach((recipe, diffs) -> {
      sb.append("\n  ").append(recipe).append(':');
      diffs.forEach(d -> sb.append("\n    - ").append(d));
    });
    return sb.append("\nIf the change is intended, ").append(hint).append(" to record it.").toString();
  }
}
