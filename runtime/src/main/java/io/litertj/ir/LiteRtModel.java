package io.litertj.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A whole LiteRT model: one subgraph per signature, in the order they are written. Control-flow
 * operators (WHILE, IF) name further subgraphs in their options; those are part of the model
 * without being signatures, and {@link #allSubgraphs()} finds them.
 *
 * <p>Signatures that compute the same function share one subgraph: the subgraph is named by the
 * first key, and {@link #addSignatureAlias} adds the others, each written as its own
 * {@code signature_defs} entry pointing at that subgraph.
 */
public final class LiteRtModel {

  /** One {@code signature_defs} entry: a key and the subgraph it runs. */
  public record Signature(String key, Subgraph subgraph) {}

  private final List<Subgraph> subgraphs = new ArrayList<>();
  private final List<Signature> signatures = new ArrayList<>();
  private final String description;

  public LiteRtModel(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** The signature subgraphs. */
  public List<Subgraph> subgraphs() {
    return Collections.unmodifiableList(subgraphs);
  }

  public void addSubgraph(Subgraph subgraph) {
    subgraphs.add(subgraph);
    signatures.add(new Signature(subgraph.name(), subgraph));
  }

  /**
   * Adds {@code key} as another signature of {@code subgraph}, a signature subgraph of this model:
   * same inputs and outputs, by the same names.
   */
  public void addSignatureAlias(String key, Subgraph subgraph) {
    if (subgraphs.stream().noneMatch(s -> s == subgraph)) {
      throw new IllegalArgumentException("not a signature subgraph of this model: " + subgraph.name());
    }
    signatures.add(new Signature(key, subgraph));
  }

  /** Every signature, in the order they were added: one per subgraph, plus the aliases. */
  public List<Signature> signatures() {
    return Collections.unmodifiableList(signatures);
  }

  /** The keys of the signatures that run {@code subgraph}: its name first, then its aliases. */
  public List<String> signatureKeys(Subgraph subgraph) {
    return signatures.stream().filter(s -> s.subgraph() == subgraph).map(Signature::key).toList();
  }

  /**
   * The signature subgraphs, then every subgraph a control-flow operator runs (directly or
   * through other control flow), each once, in the order they are first named: depth first,
   * operators in execution order. The order depends on the graph only.
   */
  public List<Subgraph> allSubgraphs() {
    List<Subgraph> all = new ArrayList<>(subgraphs);
    Set<Subgraph> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.addAll(subgraphs);
    for (Subgraph s : subgraphs) {
      collectCalled(s, seen, all);
    }
    return all;
  }

  /** The subgraphs that control-flow operators run and that are not signatures. */
  public List<Subgraph> calledSubgraphs() {
    List<Subgraph> all = allSubgraphs();
    return all.subList(subgraphs.size(), all.size());
  }

  /** Whether any subgraph has a control-flow operator. */
  public boolean hasControlFlow() {
    return subgraphs.stream().anyMatch(s -> !calledBy(s).isEmpty());
  }

  /** The subgraphs the operators of {@code s} run, in operator order (repeats kept). */
  public static List<Subgraph> calledBy(Subgraph s) {
    List<Subgraph> out = new ArrayList<>();
    for (Operator op : s.operators()) {
      if (op.options() instanceof OpOptions.WithSubgraphs w) {
        out.addAll(w.subgraphs());
      }
    }
    return out;
  }

  private static void collectCalled(Subgraph root, Set<Subgraph> seen, List<Subgraph> out) {
    // Iterative, so deeply nested control flow cannot overflow the stack.
    Deque<Subgraph> stack = new ArrayDeque<>();
    pushCalled(root, seen, stack);
    while (!stack.isEmpty()) {
      Subgraph next = stack.pop();
      out.add(next);
      pushCalled(next, seen, stack);
    }
  }

  private static void pushCalled(Subgraph s, Set<Subgraph> seen, Deque<Subgraph> stack) {
    List<Subgraph> called = calledBy(s);
    for (int i = called.size() - 1; i >= 0; i--) {
      if (seen.add(called.get(i))) {
        stack.push(called.get(i));
      }
    }
  }
}
