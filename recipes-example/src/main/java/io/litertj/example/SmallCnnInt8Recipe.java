package io.litertj.example;

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
 * The image classifier in full integer, with int8 input and output, calibrated on seeded
 * image-like samples. {@code SmallCnnInt8RecipeSample} is generated from the model's signature:
 * a dataset that does not fit the model does not compile.
 */
@SavedModelSource(path = "savedmodels/small_cnn")
@Quantize(mode = QuantizeMode.INT8, inputType = TensorType.INT8, outputType = TensorType.INT8)
@Output(path = "tflite/small_cnn_int8.tflite")
public class SmallCnnInt8Recipe {

  @RepresentativeDataset(samples = 32)
  Iterable<SmallCnnInt8RecipeSample> calibrationImages() {
    Random random = new Random(28);
    List<SmallCnnInt8RecipeSample> samples = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      float[] image = new float[28 * 28];
      for (int p = 0; p < image.length; p++) {
        image[p] = random.nextFloat();
      }
      samples.add(new SmallCnnInt8RecipeSample(image));
    }
    return samples;
  }
}
