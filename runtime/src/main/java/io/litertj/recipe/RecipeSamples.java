package io.litertj.recipe;

import io.litertj.ConversionException;
import io.litertj.dataset.NdArray;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.keras.KerasPipeline;
import io.litertj.savedmodel.SavedModelSource;
import io.litertj.savedmodel.SignatureInfo;
import io.litertj.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a recipe's calibration samples (flat arrays by input name) into the converter's shaped
 * arrays. Shapes come from the model's signature (or the recipe's {@code @InputShape}); a dynamic
 * dimension takes whatever the sample's length leaves for it, batch 1 when that is all.
 */
final class RecipeSamples {

  private RecipeSamples() {}

  static List<Map<String, NdArray>> shaped(RecipeDescriptor recipe, Path model) {
    Map<String, Shape> shapes = inputShapes(recipe, model);
    List<Map<String, NdArray>> out = new ArrayList<>();
    int index = 0;
    for (Sample sample : recipe.dataset().get()) {
      Map<String, NdArray> arrays = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : sample.tensors().entrySet()) {
        Shape shape = shapes.get(e.getKey());
        if (shape == null) {
          throw ConversionException.builder("recipe " + recipe.recipeClass() + ": sample " + index + " has input '"
                  + e.getKey() + "', which the model does not have")
              .file(model)
              .hint("the model's inputs are " + shapes.keySet())
              .build();
        }
        arrays.put(e.getKey(), array(e.getValue(), shape, recipe, e.getKey(), index));
      }
      out.add(arrays);
      index++;
    }
    return out;
  }

  private static Map<String, Shape> inputShapes(RecipeDescriptor recipe, Path model) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    switch (recipe.sourceKind()) {
      case SAVED_MODEL -> {
        try (SavedModelSource source = SavedModelSource.open(model, new HashSet<>(recipe.tags()))) {
          List<String> keys = recipe.signatures().isEmpty() ? source.signatureKeys() : recipe.signatures();
          for (String key : keys) {
            for (SignatureInfo.TensorSpec spec : source.signature(key).inputs()) {
              shapes.putIfAbsent(spec.name(), spec.shape() == null ? Shape.scalar() : spec.shape());
            }
          }
        }
      }
      case KERAS -> addInputs(KerasPipeline.run(model), shapes);
      case TFLITE -> addInputs(TfliteReader.read(model), shapes);
    }
    recipe.inputShapes().forEach((name, dims) -> shapes.put(name, Shape.of(dims.stream().mapToInt(Integer::intValue).toArray())));
    return shapes;
  }

  private static void addInputs(LiteRtModel model, Map<String, Shape> shapes) {
    for (Subgraph g : model.subgraphs()) {
      g.inputs().forEach((name, t) -> shapes.putIfAbsent(name, t.shape()));
    }
  }

  private static NdArray array(Object values, Shape shape, RecipeDescriptor recipe, String input, int index) {
    ByteBuffer bytes;
    DataType type;
    int count;
    if (values instanceof float[] v) {
      type = DataType.FLOAT32;
      count = v.length;
      bytes = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(v);
    } else if (values instanceof int[] v) {
      type = DataType.INT32;
      count = v.length;
      bytes = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asIntBuffer().put(v);
    } else if (values instanceof long[] v) {
      type = DataType.INT64;
      count = v.length;
      bytes = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asLongBuffer().put(v);
    } else {
      throw ConversionException.builder("recipe " + recipe.recipeClass() + ": sample " + index + ", input '" + input
              + "' is a " + (values == null ? "null" : values.getClass().getSimpleName())
              + "; calibration takes float[], int[] or long[]")
          .build();
    }
    return new NdArray(type, dims(shape, count, recipe, input, index), bytes.array());
  }

  /** The shape with its dynamic dimension solved from the sample's length. */
  private static int[] dims(Shape shape, int count, RecipeDescriptor recipe, String input, int index) {
    int[] dims = shape.dims();
    long fixed = 1;
    int dynamic = -1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        if (dynamic >= 0) {
          dims[i] = 1; // more than one dynamic dimension: all but the first are taken as 1
          continue;
        }
        dynamic = i;
      } else {
        fixed *= dims[i];
      }
    }
    if (dynamic >= 0 && fixed > 0 && count % fixed == 0) {
      dims[dynamic] = (int) (count / fixed);
    } else if (dynamic >= 0) {
      dims[dynamic] = 1;
    }
    long expected = 1;
    for (int d : dims) {
      expected *= d;
    }
    if (expected != count) {
      throw ConversionException.builder("recipe " + recipe.recipeClass() + ": sample " + index + ", input '" + input
              + "' has " + count + " values, but the model's shape " + shape + " needs " + expected)
          .hint("return one sample per call, flattened in row-major order")
          .build();
    }
    return dims;
  }
}
