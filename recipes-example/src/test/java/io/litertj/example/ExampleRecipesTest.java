package io.litertj.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.recipe.LockMismatchException;
import io.litertj.recipe.Recipe;
import io.litertj.recipe.RecipeRegistry;
import io.litertj.recipe.RecipeResult;
import io.litertj.recipe.RecipeRunner;
import io.litertj.keras.ReferenceMath;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The example recipes, found through the registry the processor wrote: run twice they give the
 * same bytes and the same lock; verify fails naming the recipe whose model changed; what they
 * write runs in real LiteRT and agrees with real TensorFlow.
 */
class ExampleRecipesTest {

  private static final Path EXAMPLES = Path.of(System.getProperty("litertj.examples", "target/examples"));

  @TempDir
  Path work;

  private List<Recipe> recipes;

  @BeforeEach
  void copyModels() throws IOException {
    ExampleModels.main(new String[] {EXAMPLES.toString()}); // normally already written by the build
    for (String folder : List.of("savedmodels", "keras")) {
      Path from = EXAMPLES.resolve(folder);
      try (Stream<Path> files = Files.walk(from)) {
        for (Path f : files.toList()) {
          Path to = work.resolve(folder).resolve(from.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
          } else {
            Files.copy(f, to);
          }
        }
      }
    }
    recipes = RecipeRegistry.load(getClass().getClassLoader());
  }

  @Test
  void registryListsEveryExampleRecipe() {
    assertEquals(List.of("io.litertj.example.KerasTabularRecipe", "io.litertj.example.MlpFloat16Recipe", "io.litertj.example.MlpRecipe",
            "io.litertj.example.SmallCnnDynamicRangeRecipe", "io.litertj.example.SmallCnnInt8Recipe",
            "io.litertj.example.SmallCnnRecipe"),
        recipes.stream().map(r -> r.descriptor().recipeClass()).toList());
  }

  @Test
  void runningTheRecipesTwiceGivesTheSameBytesAndLock() throws IOException {
    Path lock = Path.of(RecipeRunner.LOCK_FILE);
    List<RecipeResult> first = new RecipeRunner(work, work.resolve("run1")).runAll(recipes, lock);
    List<RecipeResult> second = new RecipeRunner(work, work.resolve("run2")).runAll(recipes, lock);
    assertEquals(6, first.size());
    for (String file : List.of("tflite/mlp.tflite", "tflite/small_cnn.tflite", "tflite/mlp_float16.tflite",
        "tflite/small_cnn_dynamic_range.tflite", "tflite/small_cnn_int8.tflite", "tflite/tabular.tflite", RecipeRunner.LOCK_FILE)) {
      assertArrayEquals(Files.readAllBytes(work.resolve("run1").resolve(file)), Files.readAllBytes(work.resolve("run2").resolve(file)),
          file);
    }
    assertEquals(first.get(0).lock(), second.get(0).lock());
    String json = Files.readString(work.resolve("run1").resolve(RecipeRunner.LOCK_FILE));
    assertTrue(json.contains("\"savedmodels/mlp/saved_model.pb\""), json);
    assertTrue(json.contains("\"recipe\": \"io.litertj.example.SmallCnnRecipe\""), json);
  }

  @Test
  void verifyFailsNamingTheRecipeWhoseModelChanged() throws IOException {
    Path lock = Path.of(RecipeRunner.LOCK_FILE);
    RecipeRunner runner = new RecipeRunner(work, work.resolve("out"));
    runner.runAll(recipes, lock);
    runner.verifyAll(recipes, lock); // unchanged: passes

    Path data;
    try (Stream<Path> files = Files.list(work.resolve("savedmodels/mlp/variables"))) {
      data = files.filter(f -> f.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x40; // one weight changes, the checkpoint stays readable
    Files.write(data, bytes);

    LockMismatchException e = assertThrows(LockMismatchException.class, () -> runner.verifyAll(recipes, lock));
    String message = e.getMessage();
    assertTrue(message.contains("io.litertj.example.MlpRecipe:"), message);
    assertTrue(message.contains("input file savedmodels/mlp/variables/" + data.getFileName() + " changed"), message);
    assertTrue(message.contains("the re-run failed, so output tflite/mlp.tflite could not be compared: corrupt TensorFlow checkpoint"), message);
    assertFalse(message.contains("SmallCnn"), message);
    assertEquals(List.of("io.litertj.example.MlpFloat16Recipe", "io.litertj.example.MlpRecipe"),
        List.copyOf(e.differences().keySet()));
  }

  @Test
  void theMlpRecipesOutputRunsInLiteRtLikeTensorFlow() throws IOException {
    RecipeResult result = new RecipeRunner(work, work).run(new MlpRecipePipeline().descriptor());
    float[] features = new float[16];
    Random random = new Random(3);
    for (int i = 0; i < features.length; i++) {
      features[i] = (float) random.nextGaussian();
    }
    float[] lite = runInLiteRt(result.output(), "features", features, 16, "logits");

    float[] reference = new float[4];
    try (SavedModelBundle bundle = SavedModelBundle.load(work.resolve("savedmodels/mlp").toString(), "serve")) {
      ByteBuffer buf = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(features);
      try (Tensor in = Tensor.of(TFloat32.class, Shape.of(1, 16), DataBuffers.of(buf.array(), true, false));
          Result out = bundle.function("serving_default").call(Map.of("features", in))) {
        TFloat32 logits = (TFloat32) out.get("logits").orElseThrow();
        for (int i = 0; i < 4; i++) {
          reference[i] = logits.getFloat(0, i);
        }
      }
    }
    float max = 0;
    for (float r : reference) {
      max = Math.max(max, Math.abs(r));
    }
    assertArrayEquals(reference, lite, 1e-5f + 1e-4f * max);
  }

  @Test
  void theKerasRecipesOutputRunsInLiteRtLikeTheLayersComputeIt() {
    RecipeResult result = new RecipeRunner(work, work).run(new KerasTabularRecipePipeline().descriptor());
    float[] x = {0.5f, -1f, 2f, 0f, 1.5f, -0.25f, 0.75f, -2f};
    float[] lite = runInLiteRt(result.output(), "features", x, 8, "scores");
    KerasExampleModel.Weights w = KerasExampleModel.weights();
    float[] expected = ReferenceMath.softmax(ReferenceMath.dense(
        ReferenceMath.relu(ReferenceMath.dense(x, w.hiddenKernel(), w.hiddenBias())), w.scoresKernel(), w.scoresBias()));
    assertArrayEquals(expected, lite, 1e-5f + 1e-4f);
  }

  /** One [1, width] float input through the model's serving_default signature in real LiteRT. */
  private static float[] runInLiteRt(Path tflite, String input, float[] values, int width, String output) {
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      return lite.run("serving_default", Map.of(input, TensorData.ofFloats(new long[] {1, width}, values)))
          .get(output).asFloats();
    }
  }
}
