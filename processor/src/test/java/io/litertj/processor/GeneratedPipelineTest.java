package io.litertj.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.litertj.ConversionException;
import io.litertj.recipe.Recipe;
import io.litertj.recipe.RecipeResult;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.TensorData;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated code: one golden pipeline, and recipes compiled, run, and their output run in LiteRT. */
class GeneratedPipelineTest {

  @BeforeAll
  static void writeModels() throws Exception {
    RecipeProcessorTest.writeModels();
  }

  @Test
  void generatesTheGoldenPipelineOfAnInt8Recipe() {
    JavaFileObject recipe = RecipeProcessorTest.source("KwsInt8Recipe",
        "@SavedModelSource(path = \"dense\", signatures = \"serving_default\")",
        "@Quantize(mode = QuantizeMode.INT8, inputType = TensorType.INT8, outputType = TensorType.INT8,",
        "    perChannelDense = true, keepFloat = \"scores*\")",
        "@Output(path = \"kws_int8.tflite\")",
        "public class KwsInt8Recipe {",
        "  @RepresentativeDataset(samples = 50)",
        "  Iterable<KwsInt8RecipeSample> calibration() {",
        "    return List.of(new KwsInt8RecipeSample(new float[] {1, 2, 3, 4}, new int[] {1, 1, 0, 1}));",
        "  }",
        "}");
    Compilation c = RecipeProcessorTest.compile(recipe);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.KwsInt8RecipePipeline")
        .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/KwsInt8RecipePipeline.java"));
    assertThat(c).generatedSourceFile("test.KwsInt8RecipeSample")
        .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/KwsInt8RecipeSample.java"));
  }

  @Test
  void compilesRunsAndLiteRtRunsAFloatRecipe(@TempDir Path out) throws Exception {
    JavaFileObject recipe = RecipeProcessorTest.source("DenseRecipe",
        "@SavedModelSource(path = \"dense\", signatures = \"serving_default\")",
        "@Output(path = \"dense.tflite\")",
        "public class DenseRecipe {}");
    Compilation c = RecipeProcessorTest.compile(recipe);
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = loader(c);
    Class<?> pipeline = loader.loadClass("test.DenseRecipePipeline");
    Object builder = pipeline.getMethod("builder").invoke(null);
    builder.getClass().getMethod("baseDir", Path.class).invoke(builder, RecipeProcessorTest.BASE);
    builder.getClass().getMethod("outDir", Path.class).invoke(builder, out);
    Object built = builder.getClass().getMethod("build").invoke(builder);
    RecipeResult result = (RecipeResult) pipeline.getMethod("convert").invoke(built);

    Path tflite = out.resolve("dense.tflite");
    assertEquals(tflite, result.output());
    assertEquals(Files.size(tflite), result.lock().outputBytes());
    assertEquals("test.DenseRecipe", result.lock().recipe());
    assertTrue(result.lock().inputs().containsKey("dense/saved_model.pb"), result.lock().inputs().toString());

    // features * mask @ w, in real LiteRT, against the same product in Java
    float[] features = {0.5f, -1f, 2f, 3f};
    int[] mask = {1, 0, 1, 1};
    float[] scores;
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      scores = lite.run("serving_default", Map.of(
          "features", TensorData.ofFloats(new long[] {1, 4}, features),
          "mask", TensorData.ofInts(new long[] {1, 4}, mask))).get("scores").asFloats();
    }
    float[] w = weights();
    float[] expected = new float[2];
    for (int j = 0; j < 2; j++) {
      for (int i = 0; i < 4; i++) {
        expected[j] += features[i] * mask[i] * w[i * 2 + j];
      }
    }
    assertArrayEquals(expected, scores, 1e-5f);

    // the same recipe again: the same bytes
    Path again = out.resolve("again.tflite");
    pipeline.getMethod("convert", Path.class).invoke(built, again);
    assertArrayEquals(Files.readAllBytes(tflite), Files.readAllBytes(again));
    assertTrue(((Recipe) built).descriptor().quantization() == null);
  }

  @Test
  void aFloat16RecipeIsQuantizedByTheConverter(@TempDir Path out) throws Exception {
    JavaFileObject recipe = RecipeProcessorTest.source("HalfRecipe",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.FLOAT16)",
        "public class HalfRecipe {}");
    Compilation c = RecipeProcessorTest.compile(recipe);
    assertThat(c).succeededWithoutWarnings();
    Class<?> pipeline = loader(c).loadClass("test.HalfRecipePipeline");
    Object builder = pipeline.getMethod("builder").invoke(null);
    builder.getClass().getMethod("baseDir", Path.class).invoke(builder, RecipeProcessorTest.BASE);
    builder.getClass().getMethod("outDir", Path.class).invoke(builder, out);
    Object built = builder.getClass().getMethod("build").invoke(builder);
    RecipeResult result = (RecipeResult) pipeline.getMethod("convert").invoke(built);
    assertTrue(result.lock().options().get("quantization").startsWith("FLOAT16"), result.lock().options().toString());
    assertTrue(Files.exists(out.resolve("HalfRecipe.tflite")));
  }

  @Test
  void anInt8RecipeIsCalibratedOnItsTypedSamples() throws Exception {
    JavaFileObject recipe = RecipeProcessorTest.source("Int8Recipe",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "@Output(path = \"int8.tflite\")",
        "public class Int8Recipe {",
        "  @RepresentativeDataset",
        "  static Iterable<Int8RecipeSample> samples() {",
        "    return List.of(new Int8RecipeSample(new float[] {1, -2, 3, 0.5f}, new int[] {1, 1, 0, 1}),",
        "        new Int8RecipeSample(new float[] {-1, 2, 0, 4}, new int[] {0, 1, 0, 0}));",
        "  }",
        "}");
    Compilation c = RecipeProcessorTest.compile(recipe);
    assertThat(c).succeededWithoutWarnings();
    Path out = Files.createTempDirectory("int8-recipe");
    Class<?> pipeline = loader(c).loadClass("test.Int8RecipePipeline");
    Object builder = pipeline.getMethod("builder").invoke(null);
    builder.getClass().getMethod("baseDir", Path.class).invoke(builder, RecipeProcessorTest.BASE);
    builder.getClass().getMethod("outDir", Path.class).invoke(builder, out);
    Object built = builder.getClass().getMethod("build").invoke(builder);
    RecipeResult result = (RecipeResult) pipeline.getMethod("convert").invoke(built);
    assertTrue(result.lock().options().get("quantization").startsWith("INT8"), result.lock().options().toString());
    assertTrue(result.lock().datasetSha256() != null);
    assertTrue(Files.size(out.resolve("int8.tflite")) > 0);
  }

  @Test
  void aMetadataRecipeWritesMetadataTheOfficialReaderReads(@TempDir Path out) throws Exception {
    Files.writeString(RecipeProcessorTest.BASE.resolve("scores_labels.txt"), "yes\nno\n");
    Files.writeString(RecipeProcessorTest.BASE.resolve("dense_metadata.json"),
        "{\"description\": \"from the file\", \"version\": \"0\","
            + " \"inputs\": {\"features\": {\"mean\": [0], \"std\": [2]}}}");
    JavaFileObject recipe = RecipeProcessorTest.source("MetaRecipe",
        "@SavedModelSource(path = \"dense\")",
        "@Metadata(name = \"Dense\", version = \"1.0\", author = \"tests\", license = \"MIT\",",
        "    file = \"dense_metadata.json\")",
        "@Labels(output = \"scores\", path = \"scores_labels.txt\", locale = \"en\")",
        "@Output(path = \"meta.tflite\")",
        "public class MetaRecipe {}");
    Compilation c = RecipeProcessorTest.compile(recipe);
    assertThat(c).succeededWithoutWarnings();
    Class<?> pipeline = loader(c).loadClass("test.MetaRecipePipeline");
    Object builder = pipeline.getMethod("builder").invoke(null);
    builder.getClass().getMethod("baseDir", Path.class).invoke(builder, RecipeProcessorTest.BASE);
    builder.getClass().getMethod("outDir", Path.class).invoke(builder, out);
    Object built = builder.getClass().getMethod("build").invoke(builder);
    RecipeResult result = (RecipeResult) pipeline.getMethod("convert").invoke(built);
    assertTrue(result.lock().inputs().containsKey("scores_labels.txt"), result.lock().inputs().toString());
    assertTrue(result.lock().inputs().containsKey("dense_metadata.json"), result.lock().inputs().toString());
    assertTrue(result.lock().options().get("metadata").contains("labels.scores=scores_labels.txt (en)"),
        result.lock().options().toString());

    byte[] bytes = Files.readAllBytes(out.resolve("meta.tflite"));
    org.tensorflow.lite.support.metadata.MetadataExtractor extractor =
        new org.tensorflow.lite.support.metadata.MetadataExtractor(java.nio.ByteBuffer.wrap(bytes));
    assertEquals("Dense", extractor.getModelMetadata().name());
    assertEquals("from the file", extractor.getModelMetadata().description());
    assertEquals("1.0", extractor.getModelMetadata().version()); // the annotation's, not the file's
    assertEquals("tests", extractor.getModelMetadata().author());
    assertEquals("MIT", extractor.getModelMetadata().license());
    org.tensorflow.lite.support.metadata.schema.TensorMetadata features = null;
    for (int i = 0; i < extractor.getInputTensorCount(); i++) {
      if (extractor.getInputTensorMetadata(i).name().equals("features")) {
        features = extractor.getInputTensorMetadata(i);
      }
    }
    org.tensorflow.lite.support.metadata.schema.NormalizationOptions norm =
        (org.tensorflow.lite.support.metadata.schema.NormalizationOptions) features.processUnits(0)
            .options(new org.tensorflow.lite.support.metadata.schema.NormalizationOptions());
    assertEquals(2f, norm.std(0));
    assertEquals("scores_labels.txt", extractor.getOutputTensorMetadata(0).associatedFiles(0).name());
    assertEquals("en", extractor.getOutputTensorMetadata(0).associatedFiles(0).locale());
    try (InputStream in = extractor.getAssociatedFile("scores_labels.txt")) {
      assertEquals("yes\nno\n", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    try (LiteRtOracle lite = LiteRtOracle.load(bytes)) {
      float[] scores = lite.run("serving_default", Map.of(
          "features", TensorData.ofFloats(new long[] {1, 4}, 1, 1, 1, 1),
          "mask", TensorData.ofInts(new long[] {1, 4}, 1, 1, 1, 1))).get("scores").asFloats();
      float[] w = weights();
      for (int j = 0; j < 2; j++) {
        assertEquals(w[j] + w[2 + j] + w[4 + j] + w[6 + j], scores[j], 1e-5f);
      }
    }
  }

  /** The weights TestModels.dense draws from its seed. */
  private static float[] weights() {
    java.util.Random random = new java.util.Random(42);
    float[] w = new float[8];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    return w;
  }

  /** Loads the classes a compilation wrote, in memory. */
  static ClassLoader loader(Compilation c) throws IOException {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String name = f.toUri().getPath();
        name = name.substring(name.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), name.length() - ".class".length());
        try (InputStream in = f.openInputStream()) {
          classes.put(name.replace('/', '.'), in.readAllBytes());
        }
      }
    }
    return new ClassLoader(GeneratedPipelineTest.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name + " (have " + classes.keySet() + ")");
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }
}
