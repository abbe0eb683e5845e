package io.litertj.example;

import io.litertj.recipe.Output;
import io.litertj.recipe.SavedModelSource;

/** The small image classifier as a float32 LiteRT model (every signature, tag set {@code serve}). */
@SavedModelSource(path = "savedmodels/small_cnn")
@Output(path = "tflite/small_cnn.tflite")
public class SmallCnnRecipe {}
