package io.litertj.recipe;

import io.litertj.ConversionReport;
import java.nio.file.Path;

/**
 * One run of a recipe: where the {@code .tflite} went, the converter's report, and the lock entry.
 *
 * @param output the written file, or null in verify mode (which converts in memory)
 */
public record RecipeResult(RecipeDescriptor recipe, Path output, ConversionReport report, LockEntry lock) {}
