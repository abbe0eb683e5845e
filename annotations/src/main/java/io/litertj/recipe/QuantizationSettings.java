package io.litertj.recipe;

import java.util.List;
import java.util.Objects;

/**
 * The post-training quantization a recipe asks for; mirrors the {@code @Quantize} and
 * {@code @RepresentativeDataset} annotations as plain values, which generated pipelines build.
 *
 * <p>The recipe runner hands every mode to the converter; {@code keepFloat} holds the converter's
 * own patterns (see {@link Quantize#keepFloat()}).
 */
public record QuantizationSettings(Mode mode, IoType inputType, IoType outputType, boolean int8Only,
    boolean perChannelDense, List<String> keepFloat, int samples) {

  /** Quantization schemes, as in {@code io.litertj.recipe.QuantizeMode}. */
  public enum Mode { INT8, INT16X8, DYNAMIC_RANGE, FLOAT16 }

  /** Boundary element types, as in {@code io.litertj.recipe.TensorType}. */
  public enum IoType { FLOAT32, INT8, UINT8, INT16 }

  public QuantizationSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(outputType, "outputType");
    keepFloat = List.copyOf(keepFloat);
  }

  @Override
  public String toString() {
    return mode + " input=" + inputType + " output=" + outputType + " int8Only=" + int8Only
        + " perChannelDense=" + perChannelDense + " keepFloat=" + keepFloat + " samples=" + samples;
  }
}
