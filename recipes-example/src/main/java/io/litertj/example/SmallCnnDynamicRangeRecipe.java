package io.litertj.example;

import io.litertj.recipe.Output;
import io.litertj.recipe.Quantize;
import io.litertj.recipe.QuantizeMode;
import io.litertj.recipe.SavedModelSource;

/** The image classifier with int8 weights and float activations (dynamic range quantization). */
@SavedModelSource(path = "savedmodels/small_cnn")
@Quantize(mode = QuantizeMode.DYNAMIC_RANGE)
@Output(path = "tflite/small_cnn_dynamic_range.tflite")
public class SmallCnnDynamicRangeRecipe {}
