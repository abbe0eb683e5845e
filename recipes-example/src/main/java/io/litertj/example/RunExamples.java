package io.litertj.example;

import io.litertj.recipe.LockPolicy;
import io.litertj.recipe.LockUpdate;
import io.litertj.recipe.Recipe;
import io.litertj.recipe.RecipeRegistry;
import io.litertj.recipe.RecipeResult;
import io.litertj.recipe.RecipeRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The example job: makes sure the example SavedModels exist, runs every recipe of the class path
 * through the registry, writes the {@code .tflite} files and {@code recipes.lock.json}, and says
 * where the files went and how big they are.
 *
 * <p>{@code RunExamples [DIR] [--verify] [--update-lock]}: DIR is the examples directory (default
 * {@code target/examples}); with {@code --verify} the recipes are re-run and compared with the lock.
 * A run adds lock entries for new recipes and keeps existing ones; {@code --update-lock} rewrites
 * the entries that changed.
 */
public final class RunExamples {

  private RunExamples() {}

  public static void main(String[] args) throws IOException {
    boolean verify = List.of(args).contains("--verify");
    Path root = Path.of(List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst().orElse("target/examples"));
    ExampleModels.main(new String[] {root.toString()});
    List<Recipe> recipes = RecipeRegistry.load(RunExamples.class.getClassLoader());
    RecipeRunner runner = new RecipeRunner(root, root);
    Path lock = root.resolve(RecipeRunner.LOCK_FILE);
    if (verify) {
      runner.verifyAll(recipes, lock);
      System.out.println("verified " + recipes.size() + " recipes against " + lock.toAbsolutePath());
      return;
    }
    LockUpdate update = runner.runAll(recipes, lock, List.of(args).contains("--update-lock") ? LockPolicy.UPDATE
        : LockPolicy.ADD_NEW, true);
    for (RecipeResult r : update.results()) {
      System.out.printf("%s: %s -> %s (%,d bytes; operators %s)%n", r.recipe().simpleName(),
          root.resolve(r.recipe().sourcePath()), r.output().toAbsolutePath(), r.report().modelBytes(),
          r.report().operatorCounts());
    }
    System.out.println(update.summary());
    if (!update.kept().isEmpty()) {
      System.out.println(update.keptWarning("run again with --update-lock"));
    }
  }
}
