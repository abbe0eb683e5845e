package io.litertj.testing;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an oracle says about one input or output of a signature.
 *
 * @param name         the signature's name for the tensor
 * @param type         its element type
 * @param shape        its dimensions, with -1 for a dimension that is not fixed; {@code null} when even
 *                     the rank is unknown (some TF1 SavedModels declare no shape at all)
 * @param quantization LiteRT's per-tensor quantization, or {@code null} (always null from TensorFlow)
 */
public record TensorSpec(String name, ElementType type, long[] shape, Quantization quantization) {

  /** Per-tensor affine quantization: {@code real = scale * (q - zeroPoint)}. */
  public record Quantization(float scale, int zeroPoint) {}

  /** Copies the shape. */
  public TensorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    shape = shape == null ? null : shape.clone();
  }

  /** A spec without quantization. */
  public TensorSpec(String name, ElementType type, long[] shape) {
    this(name, type, shape, null);
  }

  /** A copy of the dimensions (-1 = not fixed), or null if the rank is unknown. */
  @Override
  public long[] shape() {
    return shape == null ? null : shape.clone();
  }

  /** False when the model does not even say how many dimensions the tensor has. */
  public boolean rankKnown() {
    return shape != null;
  }

  /** True when the rank is known and no dimension is -1. */
  public boolean fullyDefined() {
    return shape != null && Arrays.stream(shape).allMatch(d -> d >= 0);
  }

  /**
   * The shape with every -1 replaced by {@code dynamicDim} (a batch size, typically).
   *
   * @throws IllegalStateException if the rank is unknown
   */
  public long[] concreteShape(long dynamicDim) {
    if (shape == null) {
      throw new IllegalStateException("'" + name + "' has unknown rank: give its shape explicitly");
    }
    return Arrays.stream(shape).map(d -> d < 0 ? dynamicDim : d).toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t
        && name.equals(t.name)
        && type == t.type
        && Arrays.equals(shape, t.shape)
        && Objects.equals(quantization, t.quantization);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(shape), quantization);
  }

  /** For example {@code x: FLOAT32[-1, 3]} or {@code x: FLOAT32[unknown rank]}. */
  @Override
  public String toString() {
    String dims = shape == null ? "[unknown rank]" : Arrays.toString(shape);
    String q = quantization == null ? "" : " q(" + quantization.scale() + ", " + quantization.zeroPoint() + ")";
    return name + ": " + type + dims + q;
  }
}
