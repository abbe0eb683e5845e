package io.litertj.pipeline;

import io.litertj.ir.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to convert: the SavedModel directory, the MetaGraph's tag set, the signatures (empty: all,
 * or only {@code serving_default} when {@code servingDefaultWhenPresent} and the model has it) and
 * shapes that replace the signature's own for some inputs (needed for unknown ranks).
 */
public record ConversionSettings(Path savedModelDir, Set<String> tags, List<String> signatureKeys,
    Map<String, Shape> inputShapes, boolean servingDefaultWhenPresent) {

  /** The signature {@code tflite_convert} converts when none is named. */
  public static final String SERVING_DEFAULT = "serving_default";

  public ConversionSettings {
    tags = Set.copyOf(tags);
    signatureKeys = List.copyOf(signatureKeys);
    inputShapes = Map.copyOf(inputShapes);
  }

  /** Every signature when none is named (TFLiteConverter's default). */
  public ConversionSettings(Path savedModelDir, Set<String> tags, List<String> signatureKeys,
      Map<String, Shape> inputShapes) {
    this(savedModelDir, tags, signatureKeys, inputShapes, false);
  }
}
