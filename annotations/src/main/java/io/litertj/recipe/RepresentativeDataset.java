package io.litertj.recipe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a recipe that supplies calibration samples for {@link Quantize}. At most one
 * per recipe. The method must not be private, must take no parameters, and must return
 * {@code Iterable<S>} where {@code S} is the sample record the processor generates from the
 * model's signature ({@code <Recipe>Sample}, one field per model input). When the model is not
 * there at compile time, {@code S} is the name-keyed {@code io.litertj.recipe.NamedSample}.
 * The method may be static; otherwise the recipe class is instantiated with its no-arg
 * constructor.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RepresentativeDataset {

  /** How many samples to take from the iterable (fewer if it ends first); must be positive. */
  int samples() default 100;
}
