package io.litertj.keras.reader;

import java.util.Arrays;

/**
 * One stored weight of a layer, as float32 values in row-major order with Keras's own shape (for
 * example a Dense kernel is {@code [in, out]}).
 */
public record Weight(String name, int[] shape, float[] values) {

  public Weight {
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    if (n != values.length) {
      throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " does not hold "
          + values.length + " values");
    }
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
