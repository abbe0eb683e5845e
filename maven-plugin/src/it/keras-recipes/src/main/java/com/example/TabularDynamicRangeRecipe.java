package com.example;

import io.litertj.recipe.KerasModelSource;
import io.litertj.recipe.Output;
import io.litertj.recipe.Quantize;
import io.litertj.recipe.QuantizeMode;

/** Int8 weights, float activations. */
@KerasModelSource(path = "models/tabular.keras")
@Quantize(mode = QuantizeMode.DYNAMIC_RANGE)
@Output(path = "tabular_dynamic_range.tflite")
public class TabularDynamicRangeRecipe {}
