package com.example;

import io.litertj.recipe.Output;
import io.litertj.recipe.TfliteModelSource;

/** The model as it is, in float32. */
@TfliteModelSource(path = "models/mlp.tflite")
@Output(path = "perceptron.tflite")
public class PerceptronRecipe {}
