package io.litertj.recipe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a recipe writes its {@code .tflite} file. A relative path is resolved against the output
 * directory of the run (the Maven plugin's {@code outputDirectory}, {@code target/litertj} by
 * default; the runner's {@code --out} option, else the base directory). Without this
 * annotation the output is {@code <RecipeSimpleName>.tflite}. The generated pipeline's builder can
 * override it at run time.
 *
 * <pre>{@code @Output(path = "mlp.tflite")}</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Output {

  /** The output file, for example {@code "kws_int8.tflite"}. */
  String path();
}
