package com.example;

import io.litertj.recipe.KerasModelSource;
import io.litertj.recipe.Output;
import io.litertj.recipe.Quantize;
import io.litertj.recipe.QuantizeMode;
import io.litertj.recipe.RepresentativeDataset;
import io.litertj.recipe.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Full integer with int8 input and output, calibrated on seeded samples. TabularInt8RecipeSample is
 * generated from the model's inputs at compile time: one typed field per input.
 */
@KerasModelSource(path = "models/tabular.keras")
@Quantize(mode = QuantizeMode.INT8, inputType = TensorType.INT8, outputType = TensorType.INT8)
@Output(path = "int8/tabular_int8.tflite")
public class TabularInt8Recipe {

  @RepresentativeDataset(samples = 32)
  Iterable<TabularInt8RecipeSample> calibration() {
    Random random = new Random(11);
    List<TabularInt8RecipeSample> samples = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      float[] features = new float[64];
      for (int j = 0; j < features.length; j++) {
        features[j] = (float) random.nextGaussian();
      }
      samples.add(new TabularInt8RecipeSample(features));
    }
    return samples;
  }
}
