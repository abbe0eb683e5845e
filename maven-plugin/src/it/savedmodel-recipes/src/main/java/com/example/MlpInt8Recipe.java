package com.example;

import io.litertj.recipe.Output;
import io.litertj.recipe.Quantize;
import io.litertj.recipe.QuantizeMode;
import io.litertj.recipe.RepresentativeDataset;
import io.litertj.recipe.SavedModelSource;
import io.litertj.recipe.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Full integer with int8 input and output, calibrated on seeded samples. MlpInt8RecipeSample is
 * generated from the model's inputs at compile time: one typed field per input.
 */
@SavedModelSource(path = "models/mlp", signatures = "serving_default")
@Quantize(mode = QuantizeMode.INT8, inputType = TensorType.INT8, outputType = TensorType.INT8)
@Output(path = "int8/mlp_int8.tflite")
public class MlpInt8Recipe {

  @RepresentativeDataset(samples = 32)
  Iterable<MlpInt8RecipeSample> calibration() {
    Random random = new Random(11);
    List<MlpInt8RecipeSample> samples = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      float[] features = new float[16];
      for (int j = 0; j < features.length; j++) {
        features[j] = (float) random.nextGaussian();
      }
      samples.add(new MlpInt8RecipeSample(features));
    }
    return samples;
  }
}
