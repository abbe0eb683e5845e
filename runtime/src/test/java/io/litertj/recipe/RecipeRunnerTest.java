package io.litertj.recipe;

import static io.litertj.testing.ElementType.FLOAT32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.testing.SavedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeRunnerTest {

  @TempDir
  Path dir;

  private Path model() {
    return SavedModels.builder().input("x", FLOAT32, -1, 3)
        .output("y", g -> g.tf().math.tanh(g.input("x")))
        .export(dir.resolve("models/tanh"));
  }

  private static RecipeDescriptor.Builder recipe(String name) {
    return RecipeDescriptor.builder("test." + name, SourceKind.SAVED_MODEL, "models/tanh").output(name + ".tflite");
  }

  private static Recipe of(RecipeDescriptor d) {
    return () -> d;
  }

  @Test
  void runsAFloatRecipeAndRecordsItsLockEntry() {
    model();
    RecipeResult r = new RecipeRunner(dir, dir.resolve("out")).run(recipe("Tanh").build());
    assertEquals(dir.resolve("out/Tanh.tflite"), r.output());
    assertTrue(Files.exists(r.output()));
    LockEntry e = r.lock();
    assertEquals("test.Tanh", e.recipe());
    assertEquals(r.report().modelBytes(), e.outputBytes());
    assertTrue(e.inputs().containsKey("models/tanh/saved_model.pb"), e.inputs().toString());
    assertEquals("none (float32)", e.options().get("quantization"));
    assertNull(e.datasetSha256());
    assertEquals(e.outputSha256(), new RecipeRunner(dir, dir).dryRun(recipe("Tanh").build()).lock().outputSha256());
  }

  @Test
  void lockFileRoundTripsAndIsDeterministic() {
    model();
    RecipeRunner runner = new RecipeRunner(dir, dir.resolve("out"));
    runner.runAll(List.of(of(recipe("B").build()), of(recipe("A").signatures("serving_default").build())), Path.of("lock.json"));
    RecipeLock lock = RecipeLock.read(dir.resolve("out/lock.json"));
    assertEquals(List.of("test.A", "test.B"), List.copyOf(lock.entries().keySet()));
    assertEquals(lock.toJson(), RecipeLock.of(lock.entries().values()).toJson());
    assertEquals("serving_default", lock.entries().get("test.A").options().get("signatures"));
  }

  @Test
  void verifyNamesTheRecipeAndTheChangedOption() {
    model();
    RecipeRunner runner = new RecipeRunner(dir, dir);
    runner.runAll(List.of(of(recipe("A").build())), Path.of("lock.json"));
    runner.verifyAll(List.of(of(recipe("A").build())), Path.of("lock.json"));
    LockMismatchException e = assertThrows(LockMismatchException.class,
        () -> runner.verifyAll(List.of(of(recipe("A").inputShape("x", 1, 3).build()), of(recipe("New").build())),
            Path.of("lock.json")));
    assertTrue(e.getMessage().contains("test.A:\n    - option inputShape.x added"), e.getMessage());
    assertTrue(e.getMessage().contains("test.New:\n    - not in the lock file"), e.getMessage());
  }

  private static QuantizationSettings quantization(QuantizationSettings.Mode mode, List<String> keepFloat) {
    return new QuantizationSettings(mode, QuantizationSettings.IoType.FLOAT32, QuantizationSettings.IoType.FLOAT32, false, true,
        keepFloat, 100);
  }

  @Test
  void dynamicRangeAndFloat16RecipesAreQuantized() {
    model();
    RecipeRunner runner = new RecipeRunner(dir, dir);
    RecipeResult f16 = runner.run(recipe("F16").quantization(quantization(QuantizationSettings.Mode.FLOAT16, List.of())).build());
    RecipeResult dr = runner.run(recipe("Dr").quantization(quantization(QuantizationSettings.Mode.DYNAMIC_RANGE, List.of())).build());
    assertTrue(Files.exists(f16.output()) && Files.exists(dr.output()));
    assertTrue(f16.lock().options().get("quantization").startsWith("FLOAT16 "), f16.lock().options().toString());
  }

  @Test
  void integerModesAndKeepFloatFailUntilTheRecipeRuntimeHandsThemOver() {
    model();
    ConversionException int8 = assertThrows(ConversionException.class,
        () -> new RecipeRunner(dir, dir).run(recipe("Q").quantization(quantization(QuantizationSettings.Mode.INT8, List.of())).build()));
    assertTrue(int8.getMessage().startsWith("recipe test.Q: INT8 quantization is not available from recipes in this build yet"),
        int8.getMessage());
    assertFalse(Files.exists(dir.resolve("Q.tflite")));
    ConversionException keep = assertThrows(ConversionException.class, () -> new RecipeRunner(dir, dir)
        .run(recipe("K").quantization(quantization(QuantizationSettings.Mode.FLOAT16, List.of("SOFTMAX"))).build()));
    assertTrue(keep.getMessage().contains("@Quantize(keepFloat) is not available from recipes"), keep.getMessage());
  }

  @Test
  void missingModelAndUnsetPathVariableSayHowToFixThem() {
    ConversionException missing = assertThrows(ConversionException.class,
        () -> new RecipeRunner(dir, dir).run(recipe("M").sourcePath("nowhere").build()));
    assertTrue(missing.getMessage().contains("recipe test.M: the model directory does not exist"), missing.getMessage());
    ConversionException unset = assertThrows(ConversionException.class,
        () -> new RecipeRunner(dir, dir).run(recipe("V").sourcePath("${litertj.test.unset}/m").build()));
    assertTrue(unset.getMessage().contains("uses ${litertj.test.unset}, which is not set"), unset.getMessage());
  }

  @Test
  void datasetBytesAreHashedInOrder() {
    RecipeDescriptor a = recipe("D").dataset(() -> List.of(NamedSample.of("x", new float[] {1, 2, 3}))).build();
    RecipeDescriptor b = recipe("D").dataset(() -> List.of(NamedSample.of("x", new float[] {1, 2, 4}))).build();
    assertEquals(RecipeRunner.datasetSha256(a), RecipeRunner.datasetSha256(a));
    assertFalse(RecipeRunner.datasetSha256(a).equals(RecipeRunner.datasetSha256(b)));
  }

  @Test
  void jsonParsesWhatItWrites() {
    Map<String, Object> value = Map.of("a", List.of("x\"y", 3L, true), "b", Map.of());
    assertEquals(new java.util.TreeMap<>(value), new java.util.TreeMap<>((Map<?, ?>) Json.parse(Json.write(value))));
  }
}
