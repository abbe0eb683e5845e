package io.litertj.example;

import io.litertj.recipe.KerasModelSource;
import io.litertj.recipe.Output;

/** The Keras 3 tabular classifier ({@code .keras}, written in the build) as a float32 model. */
@KerasModelSource(path = "keras/tabular.keras")
@Output(path = "tflite/tabular.tflite")
public class KerasTabularRecipe {}
