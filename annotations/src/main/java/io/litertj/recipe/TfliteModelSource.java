package io.litertj.recipe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a recipe starts from an existing float {@code .tflite} model, for example to
 * quantize it. A recipe class carries exactly one source annotation.
 *
 * <p>The runtime does not read {@code .tflite} input yet: such a recipe compiles and is checked,
 * but running it fails with a {@code ConversionException} that says so.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TfliteModelSource {

  /** The {@code .tflite} file; relative paths are resolved as for {@link SavedModelSource#path()}. */
  String path();
}
