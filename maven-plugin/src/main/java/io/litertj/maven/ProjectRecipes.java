package io.litertj.maven;

import io.litertj.recipe.Recipe;
import io.litertj.recipe.RecipeRegistry;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/**
 * The recipes of a project: its compiled classes and runtime class path in a class loader whose
 * parent is the plugin's, so the recipe types ({@code io.litertj.recipe.*}) are the plugin's own and
 * the project's pipelines run on the plugin's converter.
 */
final class ProjectRecipes implements AutoCloseable {

  private final URLClassLoader loader;
  private final List<Recipe> recipes;
  private final String where;

  private ProjectRecipes(URLClassLoader loader, List<Recipe> recipes, String where) {
    this.loader = loader;
    this.recipes = recipes;
    this.where = where;
  }

  static ProjectRecipes load(MavenProject project) throws MojoExecutionException {
    Set<String> elements = new LinkedHashSet<>();
    try {
      elements.addAll(project.getRuntimeClasspathElements()); // the output directory first, then dependencies
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("litertj: the project's dependencies are not resolved", e);
    }
    List<URL> urls = new ArrayList<>();
    for (String element : elements) {
      try {
        urls.add(new File(element).toURI().toURL());
      } catch (MalformedURLException e) {
        throw new MojoExecutionException("litertj: class path element " + element + " is not a path", e);
      }
    }
    URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ProjectRecipes.class.getClassLoader());
    String where = new File(project.getBuild().getOutputDirectory(), "META-INF/services/io.litertj.recipe.Recipe").toString();
    try {
      return new ProjectRecipes(loader, RecipeRegistry.load(loader), where);
    } catch (java.util.ServiceConfigurationError e) {
      close(loader);
      throw new MojoExecutionException("litertj: a recipe listed in " + where + " cannot be loaded: " + e.getMessage()
          + ". Recompile the project (mvn clean compile).", e);
    }
  }

  List<Recipe> recipes() {
    return recipes;
  }

  ClassLoader loader() {
    return loader;
  }

  /** The registry file the recipes come from, for messages. */
  String where() {
    return where;
  }

  @Override
  public void close() {
    close(loader);
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // the jars stay open until the class loader is collected: nothing to report
    }
  }
}
