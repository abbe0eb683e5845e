package com.example;

import io.litertj.recipe.Output;
import io.litertj.recipe.Quantize;
import io.litertj.recipe.QuantizeMode;
import io.litertj.recipe.TfliteModelSource;

/**
 * Int8 weights, float activations: the image classifier, whose dense layer is big enough (dynamic
 * range leaves weights under 1024 elements in float, as the official converter does).
 */
@TfliteModelSource(path = "models/small_cnn.tflite")
@Quantize(mode = QuantizeMode.DYNAMIC_RANGE)
@Output(path = "small_cnn_dynamic_range.tflite")
public class SmallCnnDynamicRangeRecipe {}
