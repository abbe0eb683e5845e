package io.litertj.recipe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fixes the shape of one model input, by its signature name: needed when the SavedModel leaves an
 * input's rank unknown. {@code -1} keeps a dimension dynamic. Repeatable, one per input.
 *
 * <pre>{@code @InputShape(name = "image", dims = {1, 28, 28, 1})}</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(InputShapes.class)
public @interface InputShape {

  /** The input's name in the signature. */
  String name();

  /** The dimensions; -1 keeps one dynamic. */
  int[] dims();
}
