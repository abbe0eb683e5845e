/**
 * The recipe runtime: what the generated pipelines and the {@code litertj-maven-plugin} call.
 *
 * <p>A recipe is described by a plain {@link io.litertj.recipe.RecipeDescriptor} (from
 * {@code litertj-annotations}); the {@link io.litertj.recipe.RecipeRunner} converts it through
 * {@link io.litertj.LiteRtConverter}, records a lock entry ({@code recipes.lock.json}) as its
 * {@link io.litertj.recipe.LockPolicy} says and, in verify mode, checks a re-run against it.
 * Generated pipelines implement {@link io.litertj.recipe.Recipe} and are registered under
 * {@code META-INF/services/io.litertj.recipe.Recipe}, so {@link io.litertj.recipe.RecipeRegistry}
 * finds them all.
 *
 * <p>Every quantization mode runs: INT8 and INT16X8 recipes are calibrated on the samples of
 * their {@code @RepresentativeDataset} method, shaped from the model's signature.
 */
package io.litertj.recipe;
