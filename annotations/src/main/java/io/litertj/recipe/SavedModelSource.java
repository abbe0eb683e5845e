package io.litertj.recipe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a recipe converts a TensorFlow SavedModel.
 *
 * <p>The recipe processor that checks and runs recipes is not built yet; this annotation fixes
 * the source part of the recipe DSL.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SavedModelSource {

  /** The SavedModel directory, relative to the working directory of the build. */
  String path();

  /** The tag set of the MetaGraph to convert. */
  String[] tags() default {"serve"};

  /** The signatures to convert; empty converts all of them. */
  String[] signatures() default {};
}
