package io.litertj.recipe;

import java.util.Map;

/**
 * One calibration sample: the value of every model input, by its signature name. Values are
 * flat primitive arrays in row-major order ({@code float[]}, {@code double[]}, {@code int[]},
 * {@code long[]}, {@code short[]}, {@code byte[]} or {@code boolean[]}).
 *
 * <p>The recipe processor generates a typed record implementing this interface from the model's
 * signature; {@link NamedSample} is the name-keyed fallback.
 */
public interface Sample {

  /** Input name → flat primitive array, in a stable order. */
  Map<String, Object> tensors();
}
