package io.litertj.recipe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds every recipe on the class path, through {@code META-INF/services/io.litertj.recipe.Recipe}. */
public final class RecipeRegistry {

  private RecipeRegistry() {}

  /** All recipes the class loader sees, sorted by recipe class name. */
  public static List<Recipe> load(ClassLoader loader) {
    List<Recipe> recipes = new ArrayList<>();
    ServiceLoader.load(Recipe.class, loader).forEach(recipes::add);
    recipes.sort(Comparator.comparing(r -> r.descriptor().recipeClass()));
    return recipes;
  }

  /** All recipes of the context class loader. */
  public static List<Recipe> load() {
    return load(Thread.currentThread().getContextClassLoader());
  }
}
