package io.litertj.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Map;

/**
 * What a recipe means, as plain records: all the writer reads. Built by {@link RecipeValidator}
 * once a recipe has no errors.
 *
 * @param recipe the recipe class
 * @param pipeline the generated pipeline class ({@code <Recipe>Pipeline})
 * @param sourceKind {@code SAVED_MODEL}, {@code KERAS} or {@code TFLITE}
 * @param sourcePath the model path as written
 * @param tags the MetaGraph tags
 * @param signatures the signatures; empty means all
 * @param inputShapes fixed input shapes
 * @param output the output path
 * @param quantize the quantization, or null for float32
 * @param dataset the dataset method, or null
 * @param sample the typed sample record to generate, or null when the name-keyed fallback is used
 * @param unrollRnn whether a Keras model's LSTM and SimpleRNN layers are unrolled
 * @param metadata {@code @Metadata} and {@code @Labels}, or null when the recipe has neither
 */
record RecipeModel(ClassName recipe, ClassName pipeline, String sourceKind, String sourcePath, List<String> tags,
    List<String> signatures, Map<String, List<Integer>> inputShapes, String output, QuantizeModel quantize,
    DatasetModel dataset, SampleModel sample, boolean unrollRnn, MetadataModel metadata) {

  /** {@code @Metadata} (empty strings when absent) and the {@code @Labels}. */
  record MetadataModel(String name, String description, String version, String author, String license, String file,
      List<LabelModel> labels) {}

  /** One {@code @Labels}. */
  record LabelModel(String output, String path, String locale) {}

  /** {@code @Quantize} and the dataset's sample count. */
  record QuantizeModel(String mode, String inputType, String outputType, boolean int8Only, boolean perChannelDense,
      List<String> keepFloat, int samples) {}

  /** The {@code @RepresentativeDataset} method. */
  record DatasetModel(String method, boolean isStatic) {}

  /** The typed sample record: one field per model input. */
  record SampleModel(ClassName name, String modelPath, List<SampleField> fields) {}

  /**
   * One model input.
   *
   * @param field the Java field name
   * @param input the input's name in the signature
   * @param javaType {@code float[]}, {@code int[]}, ...
   * @param dtype the TensorFlow dtype, e.g. {@code DT_FLOAT}
   * @param shape the shape, e.g. {@code [-1, 16]}, or {@code unknown}
   * @param signatures the signatures that take it
   */
  record SampleField(String field, String input, Class<?> javaType, String dtype, String shape, List<String> signatures) {}
}
