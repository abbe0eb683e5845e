package io.litertj.recipe;

/**
 * A runnable recipe: implemented by every pipeline the recipe processor generates, and listed in
 * {@code META-INF/services/io.litertj.recipe.Recipe} so that {@code io.litertj.recipe.RecipeRegistry}
 * (in {@code litertj-runtime}) and the {@code litertj-maven-plugin} find it.
 */
public interface Recipe {

  /** What the recipe converts and how. */
  RecipeDescriptor descriptor();
}
