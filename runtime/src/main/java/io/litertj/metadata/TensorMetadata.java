package io.litertj.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The metadata of one model input or output: what it is, how inputs are normalized
 * ({@code (x - mean) / std}, per channel or one value for all), the range of values it holds
 * ({@code Stats}), what kind of content it is, and its label files.
 *
 * <pre>{@code
 * TensorMetadata.builder().description("RGB image, 0..255").image(ColorSpace.RGB)
 *     .normalization(new float[] {127.5f}, new float[] {127.5f}).valueRange(new float[] {0}, new float[] {255})
 *     .build();
 * }</pre>
 */
public record TensorMetadata(String description, TensorContent content, float[] mean, float[] std, float[] min,
    float[] max, List<AssociatedFile> files) {

  public TensorMetadata {
    Objects.requireNonNull(content, "content");
    mean = copy(mean);
    std = copy(std);
    min = copy(min);
    max = copy(max);
    if ((mean == null) != (std == null)) {
      throw new IllegalArgumentException("normalization needs both mean and std");
    }
    if (mean != null) {
      if (mean.length == 0 || mean.length != std.length) {
        throw new IllegalArgumentException("normalization needs as many std values as mean values, at least one: "
            + Arrays.toString(mean) + " and " + Arrays.toString(std));
      }
      for (int i = 0; i < mean.length; i++) {
        if (!Float.isFinite(mean[i]) || !Float.isFinite(std[i]) || std[i] == 0) {
          throw new IllegalArgumentException("normalization needs finite means and finite, non-zero stds: "
              + Arrays.toString(mean) + " and " + Arrays.toString(std));
        }
      }
    }
    if ((min == null) != (max == null)) {
      throw new IllegalArgumentException("a value range needs both min and max");
    }
    if (min != null) {
      if (min.length == 0 || min.length != max.length) {
        throw new IllegalArgumentException("a value range needs as many max values as min values, at least one: "
            + Arrays.toString(min) + " and " + Arrays.toString(max));
      }
      for (int i = 0; i < min.length; i++) {
        if (!(min[i] <= max[i])) {
          throw new IllegalArgumentException("a value range needs min <= max: " + Arrays.toString(min) + " and "
              + Arrays.toString(max));
        }
      }
    }
    files = List.copyOf(files);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public float[] mean() {
    return copy(mean);
  }

  @Override
  public float[] std() {
    return copy(std);
  }

  @Override
  public float[] min() {
    return copy(min);
  }

  @Override
  public float[] max() {
    return copy(max);
  }

  private static float[] copy(float[] values) {
    return values == null ? null : values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorMetadata t && Objects.equals(description, t.description) && content.equals(t.content)
        && Arrays.equals(mean, t.mean) && Arrays.equals(std, t.std) && Arrays.equals(min, t.min)
        && Arrays.equals(max, t.max) && files.equals(t.files);
  }

  @Override
  public int hashCode() {
    return Objects.hash(description, content, Arrays.hashCode(mean), Arrays.hashCode(std), Arrays.hashCode(min),
        Arrays.hashCode(max), files);
  }

  /** Builds a {@link TensorMetadata}; everything is optional. */
  public static final class Builder {
    private String description;
    private TensorContent content = TensorContent.feature();
    private float[] mean;
    private float[] std;
    private float[] min;
    private float[] max;
    private final List<AssociatedFile> files = new ArrayList<>();

    private Builder() {}

    public Builder description(String text) {
      this.description = text;
      return this;
    }

    /** The input is normalized as {@code (x - mean) / std} before it enters the model. */
    public Builder normalization(float[] mean, float[] std) {
      this.mean = mean.clone();
      this.std = std.clone();
      return this;
    }

    /** The smallest and largest values the tensor holds, per channel or one for all. */
    public Builder valueRange(float[] min, float[] max) {
      this.min = min.clone();
      this.max = max.clone();
      return this;
    }

    public Builder image(TensorContent.ColorSpace colorSpace) {
      this.content = new TensorContent.Image(colorSpace);
      return this;
    }

    public Builder audio(int sampleRate, int channels) {
      this.content = new TensorContent.Audio(sampleRate, channels);
      return this;
    }

    public Builder content(TensorContent value) {
      this.content = Objects.requireNonNull(value, "value");
      return this;
    }

    /** A label file for this tensor's last axis (one label per line), read when the model is written. */
    public Builder labels(java.nio.file.Path labelFile) {
      files.add(AssociatedFile.of(labelFile, FileType.TENSOR_AXIS_LABELS));
      return this;
    }

    /** An associated file of this tensor: labels of another type or locale, a vocabulary. */
    public Builder file(AssociatedFile file) {
      files.add(Objects.requireNonNull(file, "file"));
      return this;
    }

    public TensorMetadata build() {
      return new TensorMetadata(description, content, mean, std, min, max, files);
    }
  }
}
