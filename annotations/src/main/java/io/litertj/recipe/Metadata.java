package io.litertj.recipe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * TFLite metadata for the recipe's model: the {@code TFLITE_METADATA} buffer that Android Studio's
 * ML Model Binding, MediaPipe and the support library read. The model must have one signature.
 * {@code file} names a metadata JSON file (as {@code litert-convert --metadata} takes it: per input
 * and output descriptions, normalization, value ranges, label files), resolved like the model
 * path; the values written here replace the file's. Label files go in {@link Labels}.
 *
 * <pre>{@code @Metadata(name = "Keyword spotter", version = "1.0", author = "me", license = "Apache-2.0")}</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Metadata {

  /** The model's name; empty: the file's, or none. */
  String name() default "";

  String description() default "";

  String version() default "";

  String author() default "";

  String license() default "";

  /** A metadata JSON file to start from; empty: none. */
  String file() default "";
}
