package io.litertj.example;

import io.litertj.recipe.Output;
import io.litertj.recipe.Quantize;
import io.litertj.recipe.QuantizeMode;
import io.litertj.recipe.SavedModelSource;

/** The perceptron with float16 weights: about half the size, float32 computation. */
@SavedModelSource(path = "savedmodels/mlp")
@Quantize(mode = QuantizeMode.FLOAT16)
@Output(path = "tflite/mlp_float16.tflite")
public class MlpFloat16Recipe {}
