package io.litertj.recipe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a recipe means, as plain values: the source (kind and path), the MetaGraph tags, the
 * signatures, fixed input shapes, the output file, the quantization settings and the dataset.
 * Generated pipelines build one; {@code io.litertj.recipe.RecipeRunner} (in {@code litertj-runtime})
 * runs it.
 *
 * @param recipeClass the recipe's fully-qualified class name (names it in messages and the lock)
 * @param sourceKind the kind of model
 * @param sourcePath the model path as written in the recipe; relative to the base directory
 * @param tags the MetaGraph tag set
 * @param signatures the signatures to convert; empty means all
 * @param inputShapes input name → dimensions, for inputs of unknown rank
 * @param output the output file; relative to the output directory
 * @param quantization the quantization, or null for a float32 model
 * @param dataset supplies the calibration samples, or null when the recipe has no dataset method
 * @param unrollRnn whether a Keras model's LSTM and SimpleRNN layers are unrolled
 * @param metadata the TFLite metadata ({@code @Metadata}, {@code @Labels}), or null for none
 */
public record RecipeDescriptor(String recipeClass, SourceKind sourceKind, String sourcePath, List<String> tags,
    List<String> signatures, Map<String, List<Integer>> inputShapes, String output,
    QuantizationSettings quantization, Supplier<? extends Iterable<? extends Sample>> dataset, boolean unrollRnn,
    RecipeMetadata metadata) {

  public RecipeDescriptor {
    Objects.requireNonNull(recipeClass, "recipeClass");
    Objects.requireNonNull(sourceKind, "sourceKind");
    Objects.requireNonNull(sourcePath, "sourcePath");
    Objects.requireNonNull(output, "output");
    tags = List.copyOf(tags);
    signatures = List.copyOf(signatures);
    Map<String, List<Integer>> shapes = new LinkedHashMap<>();
    inputShapes.forEach((k, v) -> shapes.put(k, List.copyOf(v)));
    inputShapes = Collections.unmodifiableMap(shapes);
  }

  /** The recipe's simple name, for messages. */
  public String simpleName() {
    return recipeClass.substring(recipeClass.lastIndexOf('.') + 1);
  }

  /** Starts a descriptor; defaults: tags {@code serve}, all signatures, {@code <Simple>.tflite}, float32. */
  public static Builder builder(String recipeClass, SourceKind kind, String path) {
    return new Builder(recipeClass, kind, path);
  }

  /** A builder initialised from this descriptor, to override some of its options. */
  public Builder toBuilder() {
    Builder b = new Builder(recipeClass, sourceKind, sourcePath);
    b.tags = tags;
    b.signatures = signatures;
    b.inputShapes.putAll(inputShapes);
    b.output = output;
    b.quantization = quantization;
    b.dataset = dataset;
    b.unrollRnn = unrollRnn;
    b.metadata = metadata;
    return b;
  }

  /** Builds a {@link RecipeDescriptor}; every setter returns this builder. */
  public static final class Builder {
    private final String recipeClass;
    private final SourceKind kind;
    private String path;
    private List<String> tags = List.of("serve");
    private List<String> signatures = List.of();
    private final Map<String, List<Integer>> inputShapes = new LinkedHashMap<>();
    private String output;
    private QuantizationSettings quantization;
    private Supplier<? extends Iterable<? extends Sample>> dataset;
    private boolean unrollRnn;
    private RecipeMetadata metadata;

    private Builder(String recipeClass, SourceKind kind, String path) {
      this.recipeClass = recipeClass;
      this.kind = kind;
      this.path = path;
      this.output = recipeClass.substring(recipeClass.lastIndexOf('.') + 1) + ".tflite";
    }

    public Builder sourcePath(String path) {
      this.path = Objects.requireNonNull(path);
      return this;
    }

    public Builder tags(String... tags) {
      this.tags = List.of(tags);
      return this;
    }

    public Builder signatures(String... signatures) {
      this.signatures = List.of(signatures);
      return this;
    }

    public Builder inputShape(String name, int... dims) {
      List<Integer> list = new ArrayList<>();
      Arrays.stream(dims).forEach(list::add);
      inputShapes.put(name, list);
      return this;
    }

    public Builder output(String output) {
      this.output = Objects.requireNonNull(output);
      return this;
    }

    public Builder quantization(QuantizationSettings quantization) {
      this.quantization = quantization;
      return this;
    }

    public Builder dataset(Supplier<? extends Iterable<? extends Sample>> dataset) {
      this.dataset = dataset;
      return this;
    }

    /** Unrolls a Keras model's LSTM and SimpleRNN layers (see {@code @KerasModelSource.unrollRnn}). */
    public Builder unrollRnn(boolean unroll) {
      this.unrollRnn = unroll;
      return this;
    }

    /** The TFLite metadata to write into the model, or null for none. */
    public Builder metadata(RecipeMetadata metadata) {
      this.metadata = metadata;
      return this;
    }

    public RecipeDescriptor build() {
      return new RecipeDescriptor(recipeClass, kind, path, tags, signatures, inputShapes, output, quantization, dataset,
          unrollRnn, metadata);
    }
  }
}
