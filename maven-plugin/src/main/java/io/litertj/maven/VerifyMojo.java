package io.litertj.maven;

import io.litertj.recipe.LockMismatchException;
import io.litertj.recipe.Recipe;
import io.litertj.recipe.RecipeRunner;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Re-runs the recipes in memory and fails the build, naming each recipe and what changed (an input
 * file, an option, the dataset, the runtime version or the output), when it differs from the lock
 * file. With every recipe run, a lock entry of a recipe that no longer exists fails too.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class VerifyMojo extends AbstractRecipesMojo {

  @Override
  void run(RecipeRunner runner, List<Recipe> selected, boolean complete) throws MojoFailureException {
    if (!Files.exists(lockPath())) {
      throw new MojoFailureException("litertj: there is no lock file " + shown(lockPath()) + " to verify against. Run the "
          + "build through process-classes (litertj:convert writes it) or mvn litertj:lock, and commit it.");
    }
    try {
      runner.verifyAll(selected, lockPath(), complete);
    } catch (LockMismatchException e) {
      throw new MojoFailureException("litertj: " + e.describe("If the change is intended, run mvn litertj:lock (or build "
          + "with -Dlitertj.updateLock) and commit " + shown(lockPath()) + ".")); // the message is complete: no cause
    }
    getLog().info("litertj: " + selected.size() + " recipe" + (selected.size() == 1 ? "" : "s") + " match "
        + shown(lockPath()));
  }
}
