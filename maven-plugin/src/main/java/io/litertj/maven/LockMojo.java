package io.litertj.maven;

import io.litertj.recipe.LockPolicy;
import io.litertj.recipe.LockUpdate;
import io.litertj.recipe.Recipe;
import io.litertj.recipe.RecipeResult;
import io.litertj.recipe.RecipeRunner;
import java.util.List;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Accepts the current state: compiles the project, runs its recipes, writes their outputs, and
 * rewrites the lock file from them (every changed entry updated; with all recipes run, entries of
 * recipes that no longer exist removed). {@code mvn litertj:lock}, then commit the lock file.
 */
@Mojo(name = "lock", requiresDependencyResolution = ResolutionScope.RUNTIME)
@Execute(phase = LifecyclePhase.COMPILE)
public class LockMojo extends AbstractRecipesMojo {

  @Override
  void run(RecipeRunner runner, List<Recipe> selected, boolean complete) {
    LockUpdate update = runner.runAll(selected, lockPath(), LockPolicy.UPDATE, complete);
    for (RecipeResult r : update.results()) {
      getLog().info(String.format("litertj: %s -> %s (%,d bytes)", r.recipe().simpleName(), shown(r.output()),
          r.report().modelBytes()));
    }
    getLog().info("litertj: " + update.summary().replace(update.lockFile().toAbsolutePath().toString(), shown(update.lockFile())));
  }
}
