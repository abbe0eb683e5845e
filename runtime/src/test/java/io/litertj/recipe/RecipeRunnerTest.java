package io.litertj.recipe;

import static io.litertj.testing.ElementType.FLOAT32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.testing.SavedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  void kerasRecipeUnrollsRecurrentLayersWhenItSaysSo() throws Exception {
    Path keras = io.litertj.testing.SharedModels.path("gen_keras3_rnn/lstm_stack/model.keras");
    Files.createDirectories(dir.resolve("models"));
    Files.copy(keras, dir.resolve("models/lstm.keras"));
    RecipeDescriptor.Builder b = RecipeDescriptor.builder("test.Lstm", SourceKind.KERAS, "models/lstm.keras");
    RecipeResult fused = new RecipeRunner(dir, dir.resolve("fused")).run(b.build());
    RecipeResult unrolled = new RecipeRunner(dir, dir.resolve("unrolled")).run(b.unrollRnn(true).build());
    assertEquals(2, fused.report().operatorCounts().get("UNIDIRECTIONAL_SEQUENCE_LSTM"));
    assertNull(fused.report().operatorCounts().get("UNPACK"));
    assertNull(fused.lock().options().get("unrollRnn"));
    assertEquals(2, unrolled.report().operatorCounts().get("UNPACK"));
    assertNull(unrolled.report().operatorCounts().get("UNIDIRECTIONAL_SEQUENCE_LSTM"));
    assertEquals("true", unrolled.lock().options().get("unrollRnn"));
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
  void int8RecipeIsCalibratedOnItsFlatSamples() {
    model();
    java.util.Random random = new java.util.Random(8);
    List<Sample> samples = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      samples.add(NamedSample.of("x", new float[] {random.nextFloat() * 2 - 1, random.nextFloat(), -random.nextFloat()}));
    }
    RecipeResult q = new RecipeRunner(dir, dir).run(recipe("Q")
        .quantization(quantization(QuantizationSettings.Mode.INT8, List.of()))
        .dataset(() -> samples).build());
    io.litertj.ir.Subgraph g = io.litertj.tflite.TfliteReader.read(q.output()).subgraphs().get(0);
    assertTrue(g.operators().stream().anyMatch(op -> op.op() == io.litertj.ir.BuiltinOp.QUANTIZE), g.opHistogram().toString());
    assertTrue(g.operators().stream().anyMatch(op -> op.op() == io.litertj.ir.BuiltinOp.TANH
        && op.input(0).type() == io.litertj.ir.DataType.INT8), g.opHistogram().toString());
    assertNotNull(q.lock().datasetSha256());
  }

  @Test
  void int8SampleOfTheWrongLengthNamesTheInputAndSample() {
    model();
    ConversionException e = assertThrows(ConversionException.class, () -> new RecipeRunner(dir, dir).run(recipe("W")
        .quantization(quantization(QuantizationSettings.Mode.INT8, List.of()))
        .dataset(() -> List.of(NamedSample.of("x", new float[] {1, 2}))).build()));
    assertTrue(e.getMessage().contains("sample 0, input 'x' has 2 values"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("W.tflite")));
  }

  /** The element type TANH reads in the recipe's int8 output with these keepFloat patterns. */
  private io.litertj.ir.DataType tanhInputType(String name, List<String> keepFloat) {
    List<Sample> samples = List.of(NamedSample.of("x", new float[] {-1, 0.5f, 1}), NamedSample.of("x", new float[] {0.2f, -0.3f, 0}));
    RecipeResult q = new RecipeRunner(dir, dir).run(recipe(name)
        .quantization(quantization(QuantizationSettings.Mode.INT8, keepFloat))
        .dataset(() -> samples).build());
    io.litertj.ir.Subgraph g = io.litertj.tflite.TfliteReader.read(q.output()).subgraphs().get(0);
    return g.operators().stream().filter(op -> op.op() == io.litertj.ir.BuiltinOp.TANH).findFirst().orElseThrow()
        .input(0).type();
  }

  @Test
  void keepFloatTakesTheConvertersSyntaxOpNamesGlobsAndRegexPrefix() {
    model();
    assertEquals(io.litertj.ir.DataType.FLOAT32, tanhInputType("OpName", List.of("tanh")));
    assertEquals(io.litertj.ir.DataType.FLOAT32, tanhInputType("Regex", List.of("regex:TAN[H]")));
    // no longer a regular expression: as a glob it is literal, matches nothing, and that is refused
    io.litertj.ConversionException e = org.junit.jupiter.api.Assertions.assertThrows(io.litertj.ConversionException.class,
        () -> tanhInputType("Literal", List.of("TAN[H]")));
    assertTrue(e.getMessage().contains("'TAN[H]' matches no operator and no tensor"), e.getMessage());
  }

  @Test
  void aRelativeOutputDirectoryIsAppliedOnce() {
    model();
    Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("rel/out"));
    assertFalse(relative.isAbsolute());
    RecipeResult r = new RecipeRunner(dir, relative).run(recipe("Rel").output("tflite/rel.tflite").build());
    assertEquals(dir.resolve("rel/out/tflite/rel.tflite").normalize(), r.output().toAbsolutePath().normalize());
    assertTrue(Files.isRegularFile(dir.resolve("rel/out/tflite/rel.tflite")));
  }

  @Test
  void aRunAddsNewRecipesButKeepsChangedEntriesUnlessAskedToUpdate() throws Exception {
    model();
    RecipeRunner runner = new RecipeRunner(dir, dir.resolve("out"));
    Path lock = Path.of("lock.json");
    LockUpdate first = runner.runAll(List.of(of(recipe("A").build())), lock, LockPolicy.ADD_NEW, true);
    assertEquals(List.of("test.A"), first.added());
    String locked = Files.readString(dir.resolve("out/lock.json"));

    // A changed (a new input shape option) and B new: B is added, A's entry stays as it was
    List<Recipe> changed = List.of(of(recipe("A").inputShape("x", 2, 3).build()), of(recipe("B").build()));
    LockUpdate second = runner.runAll(changed, lock, LockPolicy.ADD_NEW, true);
    assertEquals(List.of("test.B"), second.added());
    assertEquals(List.of(), second.updated());
    assertEquals(List.of("test.A"), List.copyOf(second.kept().keySet()));
    assertTrue(second.keptWarning("run litertj:lock").contains("test.A:\n    - option inputShape.x added"),
        second.keptWarning("x"));
    RecipeLock afterSecond = RecipeLock.read(dir.resolve("out/lock.json"));
    assertEquals(RecipeLock.read(writeString(dir.resolve("old.json"), locked)).entries().get("test.A"),
        afterSecond.entries().get("test.A"));
    LockMismatchException e = assertThrows(LockMismatchException.class, () -> runner.verifyAll(changed, lock));
    assertEquals(List.of("test.A"), List.copyOf(e.differences().keySet()));

    // asked: the entry is rewritten, and verify passes
    LockUpdate third = runner.runAll(changed, lock, LockPolicy.UPDATE, true);
    assertEquals(List.of("test.A"), third.updated());
    runner.verifyAll(changed, lock);

    // a run that changes nothing leaves the file as it is
    String before = Files.readString(dir.resolve("out/lock.json"));
    LockUpdate same = runner.runAll(changed, lock, LockPolicy.ADD_NEW, true);
    assertTrue(same.summary().endsWith(": unchanged"), same.summary());
    assertEquals(before, Files.readString(dir.resolve("out/lock.json")));
  }

  private static Path writeString(Path file, String text) throws java.io.IOException {
    return Files.writeString(file, text);
  }

  @Test
  void entriesOfRemovedRecipesGoOnlyWhenTheLockIsUpdatedFromAllRecipes() {
    model();
    RecipeRunner runner = new RecipeRunner(dir, dir);
    Path lock = Path.of("lock.json");
    runner.runAll(List.of(of(recipe("A").build()), of(recipe("Gone").build())), lock, LockPolicy.ADD_NEW, true);
    List<Recipe> onlyA = List.of(of(recipe("A").build()));

    // a selection: other entries are neither compared nor removed
    runner.verifyAll(onlyA, lock, false);
    runner.runAll(onlyA, lock, LockPolicy.UPDATE, false);
    assertTrue(RecipeLock.read(dir.resolve("lock.json")).entries().containsKey("test.Gone"));

    // all recipes: the stale entry fails verify, and an update from all of them drops it
    LockMismatchException e = assertThrows(LockMismatchException.class, () -> runner.verifyAll(onlyA, lock, true));
    assertTrue(e.getMessage().contains("test.Gone:\n    - in the lock file but no such recipe was run"), e.getMessage());
    LockUpdate update = runner.runAll(onlyA, lock, LockPolicy.UPDATE, true);
    assertEquals(List.of("test.Gone"), update.removed());
    runner.verifyAll(onlyA, lock, true);
  }

  @Test
  void theCommandLineHasHelpAndKeepsTheLockUnlessToldToUpdateIt() {
    model();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream o = new java.io.PrintStream(out, true);
    java.io.PrintStream e = new java.io.PrintStream(err, true);
    assertEquals(0, RecipeRunner.mainWithExitCode(new String[] {"--help"}, List.of(), o, e));
    assertTrue(out.toString().contains("--update-lock"), out.toString());
    assertEquals(2, RecipeRunner.mainWithExitCode(new String[] {"--nope"}, List.of(), o, e));
    assertTrue(err.toString().contains("unknown option --nope\nusage:"), err.toString());

    String[] run = {"--base", dir.toString(), "--lock", "lock.json"};
    assertEquals(0, RecipeRunner.mainWithExitCode(run, List.of(of(recipe("A").build())), o, e));
    List<Recipe> changed = List.of(of(recipe("A").inputShape("x", 2, 3).build()));
    err.reset();
    assertEquals(0, RecipeRunner.mainWithExitCode(run, changed, o, e));
    assertTrue(err.toString().contains("left as it was"), err.toString());
    String[] verify = {"--base", dir.toString(), "--lock", "lock.json", "--verify"};
    assertEquals(1, RecipeRunner.mainWithExitCode(verify, changed, o, e));
    assertTrue(err.toString().contains("test.A:\n    - option inputShape.x added"), err.toString());
    assertTrue(err.toString().contains("run the recipes with --update-lock"), err.toString());
    String[] update = {"--base", dir.toString(), "--lock", "lock.json", "--update-lock"};
    assertEquals(0, RecipeRunner.mainWithExitCode(update, changed, o, e));
    assertEquals(0, RecipeRunner.mainWithExitCode(verify, changed, o, e));
  }

  @Test
  void missingModelAndUnsetPathVariableSayHowToFixThem() {
    ConversionException missing = assertThrows(ConversionException.class,
        () -> new RecipeRunner(dir, dir).run(recipe("M").sourcePath("nowhere").build()));
    assertTrue(missing.getMessage().contains("recipe test.M: model directory not found: " + dir.resolve("nowhere").toAbsolutePath()), missing.getMessage());
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
}
