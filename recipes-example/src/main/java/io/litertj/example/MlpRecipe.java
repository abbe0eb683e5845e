package io.litertj.example;

import io.litertj.recipe.Output;
import io.litertj.recipe.SavedModelSource;

/**
 * The two-layer perceptron as a float32 LiteRT model. Its model is written by
 * {@link ExampleModels} under the examples directory before this class is compiled, so the
 * recipe processor checks the path and the signature key.
 */
@SavedModelSource(path = "savedmodels/mlp", signatures = "serving_default")
@Output(path = "tflite/mlp.tflite")
public class MlpRecipe {}
