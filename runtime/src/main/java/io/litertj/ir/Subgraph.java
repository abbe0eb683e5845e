package io.litertj.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A LiteRT subgraph: operators in execution order, with named inputs and outputs. Each converted
 * signature becomes one subgraph; its input and output names are the signature's own.
 */
public final class Subgraph {

  private final String name;
  private final List<Operator> operators = new ArrayList<>();
  private final LinkedHashMap<String, Tensor> inputs = new LinkedHashMap<>();
  private final LinkedHashMap<String, Tensor> outputs = new LinkedHashMap<>();

  public Subgraph(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The subgraph's name; for a converted signature, its signature key. */
  public String name() {
    return name;
  }

  public List<Operator> operators() {
    return Collections.unmodifiableList(operators);
  }

  public void addOperator(Operator op) {
    operators.add(op);
  }

  public void removeOperator(Operator op) {
    operators.removeIf(o -> o == op);
  }

  public void replaceOperators(List<Operator> ops) {
    operators.clear();
    operators.addAll(ops);
  }

  /** Signature inputs, by name, in signature order. */
  public Map<String, Tensor> inputs() {
    return Collections.unmodifiableMap(inputs);
  }

  public void addInput(String signatureName, Tensor tensor) {
    inputs.put(signatureName, tensor);
  }

  /** Removes the input of that name (a loop value a WHILE no longer passes, say). */
  public void removeInput(String name) {
    if (inputs.remove(name) == null) {
      throw new IllegalArgumentException("no input " + name);
    }
  }

  /** Removes the output of that name. */
  public void removeOutput(String name) {
    if (outputs.remove(name) == null) {
      throw new IllegalArgumentException("no output " + name);
    }
  }

  /** Signature outputs, by name, in signature order. */
  public Map<String, Tensor> outputs() {
    return Collections.unmodifiableMap(outputs);
  }

  public void addOutput(String signatureName, Tensor tensor) {
    outputs.put(signatureName, tensor);
  }

  public void setOutput(String signatureName, Tensor tensor) {
    if (!outputs.containsKey(signatureName)) {
      throw new IllegalArgumentException("no output " + signatureName);
    }
    outputs.put(signatureName, tensor);
  }

  /** The operator that computes {@code tensor}, or {@code null} for inputs and constants. */
  public Operator producer(Tensor tensor) {
    for (Operator op : operators) {
      for (Tensor out : op.outputs()) {
        if (out == tensor) {
          return op;
        }
      }
    }
    return null;
  }

  /** Operators that read {@code tensor}, in execution order. */
  public List<Operator> consumers(Tensor tensor) {
    List<Operator> result = new ArrayList<>();
    for (Operator op : operators) {
      for (Tensor in : op.inputs()) {
        if (in == tensor) {
          result.add(op);
          break;
        }
      }
    }
    return result;
  }

  public boolean isOutput(Tensor tensor) {
    return outputs.values().stream().anyMatch(t -> t == tensor);
  }

  /** Redirects every reader of {@code from} (operators and subgraph outputs) to {@code to}. */
  public void replaceAllUses(Tensor from, Tensor to) {
    for (Operator op : operators) {
      for (int i = 0; i < op.inputs().size(); i++) {
        if (op.input(i) == from) {
          op.setInput(i, to);
        }
      }
    }
    outputs.replaceAll((k, v) -> v == from ? to : v);
  }

  /**
   * Removes operators whose outputs no output depends on. An op reading a variable tensor may also
   * write it (fused recurrent ops update their state in place), so it is live when that tensor is.
   */
  public void pruneDeadOperators() {
    Map<Tensor, Operator> producers = new IdentityHashMap<>();
    Map<Tensor, List<Operator>> stateWriters = new IdentityHashMap<>();
    for (Operator op : operators) {
      for (Tensor out : op.outputs()) {
        producers.put(out, op);
      }
      for (Tensor in : op.inputs()) {
        if (in != null && in.isVariable()) {
          stateWriters.computeIfAbsent(in, k -> new ArrayList<>()).add(op);
        }
      }
    }
    Set<Operator> live = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Tensor> work = new ArrayDeque<>(outputs.values());
    while (!work.isEmpty()) {
      Tensor t = work.pop();
      List<Operator> writers = new ArrayList<>(stateWriters.getOrDefault(t, List.of()));
      writers.add(producers.get(t));
      for (Operator op : writers) {
        if (op != null && live.add(op)) {
          for (Tensor in : op.inputs()) {
            if (in != null) {
              work.push(in);
            }
          }
        }
      }
    }
    operators.removeIf(op -> !live.contains(op));
  }

  /** How many operators read each tensor, counting subgraph outputs as readers. */
  public Map<Tensor, Integer> useCounts() {
    Map<Tensor, Integer> counts = new IdentityHashMap<>();
    for (Operator op : operators) {
      for (Tensor in : op.inputs()) {
        if (in != null) {
          counts.merge(in, 1, Integer::sum);
        }
      }
    }
    for (Tensor out : outputs.values()) {
      counts.merge(out, 1, Integer::sum);
    }
    return counts;
  }

  /** Operator counts by builtin name, for reports. */
  public Map<String, Integer> opHistogram() {
    Map<String, Integer> counts = new HashMap<>();
    for (Operator op : operators) {
      counts.merge(op.op().name(), 1, Integer::sum);
    }
    return counts;
  }
}
