package com.example;

import io.litertj.recipe.Output;
import io.litertj.recipe.SavedModelSource;

/** The model as it is, in float32. */
@SavedModelSource(path = "models/mlp", signatures = "serving_default")
@Output(path = "mlp.tflite")
public class MlpRecipe {}
