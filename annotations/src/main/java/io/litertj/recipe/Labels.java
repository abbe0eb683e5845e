package io.litertj.recipe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A label file (one label per line) for a model output's last axis, packed into the model and
 * named in its TFLite metadata ({@code TENSOR_AXIS_LABELS}), as the support library's classifiers
 * read it. The path is resolved like the model path. Repeatable: one per output, or several with
 * different locales.
 *
 * <pre>{@code @Labels(output = "scores", path = "labels.txt")}</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(LabelFiles.class)
public @interface Labels {

  /** The output's name in the signature. */
  String output();

  /** The label file. */
  String path();

  /** Its language, an ISO 639-1 code such as {@code "en"}; empty: none. */
  String locale() default "";
}
