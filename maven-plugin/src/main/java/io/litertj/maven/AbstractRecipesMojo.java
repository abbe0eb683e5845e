package io.litertj.maven;

import io.litertj.ConversionException;
import io.litertj.recipe.Recipe;
import io.litertj.recipe.RecipeRunner;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals share: the recipes of the project's compiled classes, the directories they are
 * run with, the lock file, the selection and the skip switch.
 */
abstract class AbstractRecipesMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** Where the {@code .tflite} files are written; a recipe's {@code @Output} path is relative to it. */
  @Parameter(property = "litertj.outputDirectory", defaultValue = "${project.build.directory}/litertj", required = true)
  File outputDirectory;

  /** The lock file: one entry per recipe (input hashes, options, runtime version, output hash). Commit it. */
  @Parameter(property = "litertj.lockFile", defaultValue = "${project.basedir}/recipes.lock.json", required = true)
  File lockFile;

  /** The directory relative model paths are resolved against, as the recipe processor resolves them at compile time. */
  @Parameter(property = "litertj.baseDirectory", defaultValue = "${project.basedir}", required = true)
  File baseDirectory;

  /**
   * The recipes to run, by class name or simple name; all of the project's when empty. With a
   * selection, lock entries of other recipes are left alone.
   */
  @Parameter(property = "litertj.recipes")
  List<String> recipes;

  /** Skips the goal. */
  @Parameter(property = "litertj.skip", defaultValue = "false")
  boolean skip;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("litertj: skipped (litertj.skip)");
      return;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog().debug("litertj: a pom project has no recipes");
      return;
    }
    quietHdf5Reader();
    try (ProjectRecipes all = ProjectRecipes.load(project); MavenLogBridge ignored = MavenLogBridge.install(getLog())) {
      List<Recipe> selected = select(all);
      RecipeRunner runner = new RecipeRunner(baseDirectory.toPath(), outputDirectory.toPath());
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(all.loader()); // dataset methods run user code
      try {
        run(runner, selected, recipes == null || recipes.isEmpty());
      } finally {
        thread.setContextClassLoader(previous);
      }
    } catch (ConversionException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  /**
   * jHDF (the Keras weights reader) logs every dataset it reads at INFO through SLF4J, which Maven
   * shows; its loggers are made at first use and read their level from this system property then.
   * Left as the user set it, and untouched with {@code -X}.
   */
  private void quietHdf5Reader() {
    String key = "org.slf4j.simpleLogger.log.io.jhdf";
    if (System.getProperty(key) == null && !getLog().isDebugEnabled()) {
      System.setProperty(key, "error");
    }
  }

  /** Runs the goal on the selected recipes; {@code complete}: they are all of the project's. */
  abstract void run(RecipeRunner runner, List<Recipe> selected, boolean complete) throws MojoFailureException;

  Path lockPath() {
    return lockFile.toPath();
  }

  private List<Recipe> select(ProjectRecipes all) throws MojoFailureException {
    if (all.recipes().isEmpty()) {
      throw new MojoFailureException("litertj: the project has no recipes: " + all.where() + " lists none. A recipe is a class "
          + "annotated @SavedModelSource, @KerasModelSource or @TfliteModelSource; the processor that registers it must be in "
          + "the maven-compiler-plugin's <annotationProcessorPaths> (io.litertj:litertj-processor), since JDK 23 javac no "
          + "longer runs processors found on the class path. Or skip the goal with -Dlitertj.skip.");
    }
    List<String> names = recipes == null ? List.of() : recipes;
    List<Recipe> selected = RecipeRunner.select(all.recipes(), names);
    for (String name : names) {
      if (RecipeRunner.select(all.recipes(), List.of(name)).isEmpty()) {
        throw new MojoFailureException("litertj: <recipes> names " + name + ", which is not a recipe of this project; its recipes are "
            + all.recipes().stream().map(r -> r.descriptor().recipeClass()).toList());
      }
    }
    return selected;
  }

  /** A path for messages: relative to the project when it is inside it. */
  String shown(Path path) {
    Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
    Path p = path.toAbsolutePath().normalize();
    return p.startsWith(base) ? base.relativize(p).toString() : p.toString();
  }
}
