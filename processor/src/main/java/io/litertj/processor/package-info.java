/**
 * The recipe processor: checks recipe classes at compile time and generates their pipelines.
 *
 * <p>Three rooms, as google/auto's AutoFactory: {@link io.litertj.processor.RecipeValidator}
 * reads an annotated class and reports every mistake on the exact element, annotation or value
 * (through {@link io.litertj.processor.ErrorReporter}, with texts from
 * {@link io.litertj.processor.Message}); it yields a {@link io.litertj.processor.RecipeModel} of
 * plain records; {@link io.litertj.processor.PipelineWriter} turns that model into JavaPoet files
 * and never looks at {@code javax.lang.model} elements.
 *
 * <p>Processor options: {@code -Alitertj.baseDir=DIR} resolves relative model paths at compile
 * time (default: the compiler's working directory).
 */
package io.litertj.processor;
