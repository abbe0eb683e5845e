package io.litertj.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.family.TType;

/**
 * Builds small SavedModels with TF Java, for per-op tests: declare placeholders, variables and
 * outputs written with {@link Ops}, then export.
 *
 * <pre>{@code
 * Path dir = SavedModels.builder()
 *     .input("x", ElementType.FLOAT32, -1, 3)
 *     .variable("w", TensorData.ofFloats(shape(3), 1, 2, 3))
 *     .output("y", g -> g.tf().math.mul(g.input("x"), g.variable("w")))
 *     .export(tempDir.resolve("mul"));
 * }</pre>
 *
 * <p>What TF Java writes: a TF1-style SavedModel (one MetaGraph tagged {@code serve}, a
 * {@code saver_def}, no object graph). Placeholders are named after their inputs (a later signature
 * reusing a name gets {@code key/name}); a variable is a {@code VariableV2} named after it, whose
 * initial value is restored from a real checkpoint in {@code variables/} (the {@code Assign}
 * initializer stays in the graph). Other nodes get TF's default names unless the test uses
 * {@code tf.withName}. INT8 and INT16 placeholders and variables are impossible (TF Java 1.1.0 has
 * no TInt8/TInt16).
 */
public final class SavedModels {
  private SavedModels() {}

  /** A builder whose first signature is {@code serving_default}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Declares the contents of the SavedModel. Not reusable after {@link #export(Path)}. */
  public static final class Builder {
    private final Map<String, TensorData> variables = new LinkedHashMap<>();
    private final List<SignatureDraft> signatures = new ArrayList<>();
    private String[] tags = {SavedModelBundle.DEFAULT_TAG};

    private Builder() {
      signatures.add(new SignatureDraft(Signature.DEFAULT_KEY));
    }

    /**
     * Starts another signature; the inputs and outputs declared next belong to it. Calling it
     * before declaring anything renames the first signature.
     */
    public Builder signature(String key) {
      SignatureDraft current = current();
      if (signatures.size() == 1 && current.inputs.isEmpty() && current.outputs.isEmpty()) {
        signatures.set(0, new SignatureDraft(key));
      } else {
        if (signatures.stream().anyMatch(s -> s.key.equals(key))) {
          throw new IllegalArgumentException("signature '" + key + "' is already declared");
        }
        signatures.add(new SignatureDraft(key));
      }
      return this;
    }

    /** The MetaGraph tags (default {@code serve}). */
    public Builder tags(String... tags) {
      this.tags = tags.clone();
      return this;
    }

    /** A placeholder input of the current signature; -1 for a dynamic dimension, no dims for a scalar. */
    public Builder input(String name, ElementType type, long... shape) {
      current().addInput(new TensorSpec(name, type, shape));
      return this;
    }

    /** A placeholder input without even a known rank. */
    public Builder inputUnknownRank(String name, ElementType type) {
      current().addInput(new TensorSpec(name, type, null));
      return this;
    }

    /** A variable (VariableV2) with this initial value, saved to the checkpoint; shared by all signatures. */
    public Builder variable(String name, TensorData initialValue) {
      if (variables.putIfAbsent(name, initialValue) != null) {
        throw new IllegalArgumentException("variable '" + name + "' is already declared");
      }
      return this;
    }

    /** An output of the current signature, built from the context's inputs, variables and {@code tf}. */
    public Builder output(String name, Function<Context, Operand<?>> expression) {
      current().addOutput(name, g -> Map.of(name, expression.apply(g)));
      return this;
    }

    /**
     * Several outputs of the current signature from one expression (for multi-output ops); the
     * returned map's keys are the output names.
     */
    public Builder outputs(Function<Context, Map<String, Operand<?>>> expressions) {
      current().addOutput(null, expressions);
      return this;
    }

    /**
     * Builds the graph, initializes the variables and writes the SavedModel to {@code dir}, which
     * must be absent or empty.
     *
     * @return {@code dir}
     */
    public Path export(Path dir) {
      for (SignatureDraft s : signatures) {
        if (s.outputs.isEmpty()) {
          throw new IllegalStateException("signature '" + s.key + "' has no outputs");
        }
      }
      try (Graph graph = new Graph(); Session session = new Session(graph)) {
        Ops tf = Ops.create(graph);
        Map<String, Operand<?>> vars = new LinkedHashMap<>();
        variables.forEach((name, value) -> vars.put(name, variable(tf, name, value)));
        Set<String> usedNames = new HashSet<>(vars.keySet());
        List<Signature> built = new ArrayList<>();
        for (SignatureDraft draft : signatures) {
          built.add(draft.build(tf, graph, vars, usedNames));
        }
        session.initialize();
        SavedModelBundle.Exporter exporter = SavedModelBundle.exporter(dir.toString()).withTags(tags).withSession(session);
        built.forEach(exporter::withSignature);
        exporter.export();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the SavedModel to " + dir, e);
      }
      return dir;
    }

    private SignatureDraft current() {
      return signatures.get(signatures.size() - 1);
    }

    private static Operand<?> variable(Ops tf, String name, TensorData value) {
      Operand<? extends TType> initial = tf.withName(name + "_initial_value").constant(
          TfTypes.typeClass(value.type()), Shape.of(value.shape()), DataBuffers.of(value.bytes(), true, false));
      return tf.withName(name).variable(initial);
    }
  }

  /** What an output expression can use. */
  public static final class Context {
    private final Ops tf;
    private final Graph graph;
    private final Map<String, Operand<?>> inputs;
    private final Map<String, Operand<?>> variables;
    private final String signatureKey;

    private Context(Ops tf, Graph graph, Map<String, Operand<?>> inputs, Map<String, Operand<?>> variables,
        String signatureKey) {
      this.tf = tf;
      this.graph = graph;
      this.inputs = inputs;
      this.variables = variables;
      this.signatureKey = signatureKey;
    }

    /** The op factory of the graph. */
    public Ops tf() {
      return tf;
    }

    /** The graph, for ops that {@link Ops} lacks ({@code graph.opBuilder(...)}). */
    public Graph graph() {
      return graph;
    }

    /** The placeholder of an input of this signature, typed as the caller needs (unchecked). */
    @SuppressWarnings("unchecked")
    public <T extends TType> Operand<T> input(String name) {
      Operand<?> o = inputs.get(name);
      if (o == null) {
        throw new IllegalArgumentException("signature '" + signatureKey + "' has no input '" + name
            + "'; declare it before the output. Inputs: " + inputs.keySet());
      }
      return (Operand<T>) o;
    }

    /** A variable declared on the builder, typed as the caller needs (unchecked). */
    @SuppressWarnings("unchecked")
    public <T extends TType> Operand<T> variable(String name) {
      Operand<?> o = variables.get(name);
      if (o == null) {
        throw new IllegalArgumentException("no variable '" + name + "'; variables: " + variables.keySet());
      }
      return (Operand<T>) o;
    }

    /** A constant holding {@code value}, typed as the caller needs (unchecked). */
    @SuppressWarnings("unchecked")
    public <T extends TType> Operand<T> constant(TensorData value) {
      return (Operand<T>) tf.constant(TfTypes.typeClass(value.type()), Shape.of(value.shape()),
          DataBuffers.of(value.bytes(), true, false));
    }
  }

  /** One signature being declared. */
  private static final class SignatureDraft {
    private final String key;
    private final List<TensorSpec> inputs = new ArrayList<>();
    private final List<OutputDraft> outputs = new ArrayList<>();

    SignatureDraft(String key) {
      this.key = key;
    }

    void addInput(TensorSpec spec) {
      if (inputs.stream().anyMatch(i -> i.name().equals(spec.name()))) {
        throw new IllegalArgumentException("signature '" + key + "' already has an input '" + spec.name() + "'");
      }
      inputs.add(spec);
    }

    void addOutput(String name, Function<Context, Map<String, Operand<?>>> expressions) {
      outputs.add(new OutputDraft(name, expressions));
    }

    Signature build(Ops tf, Graph graph, Map<String, Operand<?>> variables, Set<String> usedNames) {
      Signature.Builder signature = Signature.builder().key(key);
      Map<String, Operand<?>> placeholders = new LinkedHashMap<>();
      for (TensorSpec in : inputs) {
        // A name is one op name, so a later signature's "key/name" is its name in the key's scope.
        Ops named = (usedNames.add(in.name()) ? tf : tf.withSubScope(key)).withName(in.name());
        usedNames.add(key + "/" + in.name());
        Placeholder<?> p = in.rankKnown()
            ? named.placeholder(TfTypes.typeClass(in.type()), Placeholder.shape(Shape.of(in.shape())))
            : named.placeholder(TfTypes.typeClass(in.type()));
        placeholders.put(in.name(), p);
        signature.input(in.name(), p);
      }
      Context context = new Context(tf, graph, placeholders, variables, key);
      Set<String> outputNames = new HashSet<>();
      for (OutputDraft out : outputs) {
        Map<String, Operand<?>> made = out.expressions.apply(context);
        if (made == null || made.isEmpty()) {
          throw new IllegalStateException("an output expression of '" + key + "' returned nothing");
        }
        made.forEach((name, operand) -> {
          if (!outputNames.add(name)) {
            throw new IllegalArgumentException("signature '" + key + "' already has an output '" + name + "'");
          }
          signature.output(name, operand);
        });
      }
      return signature.build();
    }
  }

  private record OutputDraft(String name, Function<Context, Map<String, Operand<?>>> expressions) {}
}
