/**
 * The recipe DSL: the annotations a recipe class carries ({@link io.litertj.recipe.SavedModelSource},
 * {@link io.litertj.recipe.KerasModelSource}, {@link io.litertj.recipe.TfliteModelSource},
 * {@link io.litertj.recipe.Quantize}, {@link io.litertj.recipe.RepresentativeDataset},
 * {@link io.litertj.recipe.Output}, {@link io.litertj.recipe.InputShape}), and the plain values the
 * generated pipelines are made of ({@link io.litertj.recipe.Recipe},
 * {@link io.litertj.recipe.RecipeDescriptor}, {@link io.litertj.recipe.Sample}).
 *
 * <p>This artifact is all a project needs to compile its recipes: the {@code litertj-processor}
 * (in {@code annotationProcessorPaths}) checks them and generates their pipelines, and the
 * {@code litertj-maven-plugin} runs them in the build. With {@code litertj-runtime} on the class
 * path as well, the generated pipelines can also convert in-process ({@code new XPipeline().convert()}).
 */
package io.litertj.recipe;
