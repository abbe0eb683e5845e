package com.example;

import io.litertj.recipe.KerasModelSource;
import io.litertj.recipe.Output;

/** The model as it is, in float32. */
@KerasModelSource(path = "models/tabular.keras")
@Output(path = "tabular.tflite")
public class TabularRecipe {}
