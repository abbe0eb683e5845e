package io.litertj.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.recipe.LockEntry;
import io.litertj.recipe.RecipeLock;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorFlowOracle;
import io.litertj.tflite.TfliteReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the invoker's real Maven builds of the test projects ({@code src/it}) wrote and logged:
 * outputs that run in LiteRT, lock files with the right entries, and the messages of each step.
 */
class PluginBuildsIT {

  private static final Path IT = Path.of(System.getProperty("litertj.it", "target/it"));
  private static final String RECIPE_DATA = "models/mlp/variables/variables.data-00000-of-00001";

  private static String log(String project) throws IOException {
    return Files.readString(IT.resolve(project).resolve("build.log"));
  }

  @Test
  void aRetrainedModelFailsVerifyNamingTheRecipesUntilTheLockIsUpdated() throws Exception {
    Path project = IT.resolve("savedmodel-recipes");
    String log = log("savedmodel-recipes");
    // build 1 added the recipes
    assertTrue(log.contains("litertj: lock recipes.lock.json: added [com.example.MlpInt8Recipe, com.example.MlpRecipe, "
        + "com.example.SmallCnnDynamicRangeRecipe]"), log);
    // build 2 (retrained): convert kept the entries and warned, verify failed naming the two recipes of the perceptron
    assertTrue(log.contains("[WARNING] litertj: recipes differ from the lock file, which was left as it was "
        + "(verification will fail):"), log);
    String failure = log.substring(log.indexOf("[ERROR] Failed to execute goal io.litertj:litertj-maven-plugin"));
    failure = failure.substring(0, failure.indexOf("[ERROR] -> [Help 1]"));
    assertTrue(failure.contains("litertj: recipes differ from the lock file:"), failure);
    for (String recipe : List.of("MlpRecipe", "MlpInt8Recipe")) {
      int at = failure.indexOf("[ERROR]   com.example." + recipe + ":");
      assertTrue(at >= 0, failure);
      int next = failure.indexOf("\n[ERROR]   com.", at + 1);
      String entry = failure.substring(at, next > 0 ? next : failure.length());
      assertTrue(entry.contains("- input file " + RECIPE_DATA + " changed"), entry);
      assertTrue(entry.contains(" changed (sha256 "), entry); // and its output
    }
    assertFalse(failure.contains("SmallCnnDynamicRangeRecipe"), failure); // its model did not change
    assertTrue(failure.contains("If the change is intended, run mvn litertj:lock (or build with -Dlitertj.updateLock) "
        + "and commit recipes.lock.json."), failure);
    // build 3 (litertj:lock) accepted it, build 4 passed
    assertTrue(log.contains("litertj: lock recipes.lock.json: updated [com.example.MlpInt8Recipe, com.example.MlpRecipe]"),
        log);
    assertTrue(log.contains("litertj: 3 recipes match recipes.lock.json"), log);

    RecipeLock lock = RecipeLock.read(project.resolve("recipes.lock.json"));
    assertEquals(Set.of("com.example.MlpRecipe", "com.example.SmallCnnDynamicRangeRecipe", "com.example.MlpInt8Recipe"),
        lock.entries().keySet());
    String retrained = sha256(project.resolve("models/mlp-retrained/variables/variables.data-00000-of-00001"));
    for (String recipe : List.of("com.example.MlpRecipe", "com.example.MlpInt8Recipe")) {
      assertEquals(retrained, lock.entries().get(recipe).inputs().get(RECIPE_DATA), recipe);
    }
    for (LockEntry e : lock.entries().values()) {
      Path output = project.resolve("target/litertj").resolve(e.output());
      assertEquals(e.outputSha256(), sha256(output), e.recipe()); // the files on disk are the locked ones
    }

    // the float output computes what real TensorFlow computes on the (retrained) SavedModel
    Map<String, TensorData> in = Map.of("features", features(16, 1));
    Map<String, TensorData> reference;
    try (TensorFlowOracle tf = TensorFlowOracle.load(project.resolve("models/mlp"))) {
      reference = tf.run("serving_default", in);
    }
    try (LiteRtOracle lite = LiteRtOracle.load(project.resolve("target/litertj/mlp.tflite"))) {
      Closeness.standard().assertAllClose(reference, lite.run("serving_default", in));
    }
    assertEquals(DataType.INT8, inputType(project.resolve("target/litertj/int8/mlp_int8.tflite")));
    assertTrue(hasInt8Weights(project.resolve("target/litertj/small_cnn_dynamic_range.tflite")));
  }

  @Test
  void aKerasProjectIsSkippedWithLitertjSkipAndConvertedWithTypedSamples() throws Exception {
    Path project = IT.resolve("keras-recipes");
    String log = log("keras-recipes");
    assertTrue(log.contains("litertj: skipped (litertj.skip)"), log);
    assertFalse(log.contains("LRJ040"), log); // the .keras file is read at compile time: typed samples
    assertTrue(Files.exists(project.resolve("target/generated-sources/annotations/com/example/TabularInt8RecipeSample.java")));
    assertEquals(3, RecipeLock.read(project.resolve("recipes.lock.json")).entries().size());
    // the float model runs in LiteRT: three class probabilities
    try (LiteRtOracle lite = LiteRtOracle.load(project.resolve("target/litertj/tabular.tflite"))) {
      float[] scores = lite.run("serving_default", Map.of("features", features(64, 2))).values().iterator().next().asFloats();
      assertEquals(3, scores.length);
      float sum = 0;
      for (float s : scores) {
        assertTrue(s >= 0 && s <= 1, String.valueOf(s));
        sum += s;
      }
      assertEquals(1f, sum, 1e-5f);
    }
    assertEquals(DataType.INT8, inputType(project.resolve("target/litertj/int8/tabular_int8.tflite")));
    assertTrue(hasInt8Weights(project.resolve("target/litertj/tabular_dynamic_range.tflite")));
  }

  @Test
  void aTfliteProjectQuantizesKeepingTheGlobbedTensorInFloat() throws Exception {
    Path project = IT.resolve("tflite-recipes");
    assertEquals(3, RecipeLock.read(project.resolve("recipes.lock.json")).entries().size());
    // the float rewrite computes what the source .tflite computes
    Map<String, TensorData> in = Map.of("features", features(16, 3));
    try (LiteRtOracle source = LiteRtOracle.load(project.resolve("models/mlp.tflite"));
        LiteRtOracle rewritten = LiteRtOracle.load(project.resolve("target/litertj/perceptron.tflite"))) {
      Closeness.standard().assertAllClose(source.run("serving_default", in), rewritten.run("serving_default", in));
    }
    // keepFloat = "*logits*": the op that writes logits stays float inside the int8 model
    Subgraph g = TfliteReader.read(project.resolve("target/litertj/int8/perceptron_int8.tflite")).subgraphs().get(0);
    Operator logits = g.operators().stream()
        .filter(op -> op.outputs().stream().anyMatch(t -> t != null && t.name().contains("logits")))
        .filter(op -> op.op() == io.litertj.ir.BuiltinOp.FULLY_CONNECTED).findFirst().orElseThrow();
    assertEquals(DataType.FLOAT32, logits.outputs().get(0).type(), g.opHistogram().toString());
    assertEquals(DataType.INT8, g.inputs().values().iterator().next().type());
    assertTrue(hasInt8Weights(project.resolve("target/litertj/small_cnn_dynamic_range.tflite")));
    assertTrue(log("tflite-recipes").contains("litertj: 3 recipes match recipes.lock.json"));
  }

  private static TensorData features(int n, long seed) {
    Random random = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return TensorData.ofFloats(new long[] {1, n}, v);
  }

  private static DataType inputType(Path tflite) {
    return TfliteReader.read(tflite).subgraphs().get(0).inputs().values().iterator().next().type();
  }

  private static boolean hasInt8Weights(Path tflite) {
    LiteRtModel m = TfliteReader.read(tflite);
    List<Operator> dense = m.subgraphs().get(0).operators().stream()
        .filter(op -> op.op() == io.litertj.ir.BuiltinOp.FULLY_CONNECTED).toList();
    // small weight matrices stay float, as with the official converter: the big one is int8, with float activations
    return dense.stream().anyMatch(op -> op.input(1).type() == DataType.INT8 && op.outputs().get(0).type() == DataType.FLOAT32);
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
