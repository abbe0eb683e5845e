package io.litertj.maven;

import io.litertj.recipe.LockPolicy;
import io.litertj.recipe.LockUpdate;
import io.litertj.recipe.Recipe;
import io.litertj.recipe.RecipeResult;
import io.litertj.recipe.RecipeRunner;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs every recipe compiled in the project (or those named in {@code recipes}), writes the
 * {@code .tflite} files to {@code outputDirectory}, and adds lock entries for recipes the lock file
 * does not have yet. An existing entry is never rewritten unless {@code updateLock} is set (or
 * {@code litertj:lock} runs): a model or option that changed is reported as a warning here and
 * fails {@code litertj:verify}, instead of being re-locked quietly.
 */
@Mojo(name = "convert", defaultPhase = LifecyclePhase.PROCESS_CLASSES, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ConvertMojo extends AbstractRecipesMojo {

  /** Also rewrite the lock entries that changed: the change is accepted ({@code -Dlitertj.updateLock}). */
  @Parameter(property = "litertj.updateLock", defaultValue = "false")
  boolean updateLock;

  @Override
  void run(RecipeRunner runner, List<Recipe> selected, boolean complete) {
    LockUpdate update = runner.runAll(selected, lockPath(), updateLock ? LockPolicy.UPDATE : LockPolicy.ADD_NEW, complete);
    report(update);
    if (!update.kept().isEmpty()) {
      getLog().warn("litertj: " + update.keptWarning("run mvn litertj:lock (or build with -Dlitertj.updateLock) and commit "
          + shown(update.lockFile())));
    }
  }

  /** One line per recipe, then what happened to the lock. */
  void report(LockUpdate update) {
    for (RecipeResult r : update.results()) {
      getLog().info(String.format("litertj: %s: %s -> %s (%,d bytes, %s)", r.recipe().simpleName(), r.recipe().sourcePath(),
          shown(r.output()), r.report().modelBytes(),
          r.recipe().quantization() == null ? "float32" : r.recipe().quantization().mode()));
    }
    getLog().info("litertj: " + update.summary().replace(update.lockFile().toAbsolutePath().toString(), shown(update.lockFile())));
  }
}
