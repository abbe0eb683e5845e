package io.litertj.recipe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a recipe converts a TensorFlow SavedModel. A recipe class carries exactly one
 * source annotation: this one, {@link KerasModelSource} or {@link TfliteModelSource}.
 *
 * <pre>{@code
 * @SavedModelSource(path = "models/mlp", signatures = "serving_default")
 * @Output("build/mlp.tflite")
 * public class MlpRecipe {}
 * }</pre>
 *
 * <p>When the directory exists at compile time the recipe processor opens it: an unknown
 * signature key is a compile error, and a typed sample record is generated for the
 * {@link RepresentativeDataset} method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SavedModelSource {

  /**
   * The SavedModel directory (the folder that holds {@code saved_model.pb}). A relative path is
   * resolved against the project directory ({@code ${project.basedir}}): at compile time the
   * processor finds it above the class output (the nearest folder with a {@code pom.xml} or
   * {@code build.gradle}; the option {@code -Alitertj.baseDir=DIR} names another), and the
   * {@code litertj-maven-plugin} runs recipes from it. Run by hand, {@code RecipeRunner --base DIR}
   * or the system property {@code litertj.baseDir} name it, else the working directory.
   * {@code ${name}} in the path is filled in at run time from the system property or environment
   * variable {@code name}; such a path is not checked at compile time.
   */
  String path();

  /** The tag set of the MetaGraph to convert. */
  String[] tags() default {"serve"};

  /** The signatures to convert, one subgraph each; empty converts all of them. */
  String[] signatures() default {};
}
