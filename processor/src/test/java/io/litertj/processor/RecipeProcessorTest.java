package io.litertj.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One compilation test per diagnostic of the recipe processor: the message and the line it points at. */
class RecipeProcessorTest {

  static final Path BASE = Path.of("target", "test-models").toAbsolutePath();

  @BeforeAll
  static void writeModels() throws Exception {
    Files.createDirectories(BASE);
    TestModels.dense(BASE.resolve("dense"));
    TestModels.keras(BASE.resolve("tabular.keras"));
    TestModels.tflite(BASE.resolve("dense"), BASE.resolve("dense.tflite"));
    Files.createDirectories(BASE.resolve("not_a_savedmodel"));
  }

  static JavaFileObject source(String name, String... body) {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("");
    lines.add("import io.litertj.recipe.*;");
    lines.add("import java.util.List;");
    lines.add("");
    lines.addAll(List.of(body));
    return JavaFileObjects.forSourceLines("test." + name, lines);
  }

  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new RecipeProcessor(), new RecipeIndexProcessor())
        .withOptions("-Alitertj.baseDir=" + BASE)
        .compile(sources);
  }

  @Test
  void reportsRecipeWithoutSource() {
    JavaFileObject f = source("NoSource",
        "@Output(path = \"x.tflite\")",
        "public class NoSource {}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[LRJ001] recipe NoSource has no model source").inFile(f).onLineContaining("class NoSource");
  }

  @Test
  void reportsTwoSourcesOnTheSecond() {
    JavaFileObject f = source("TwoSources",
        "@SavedModelSource(path = \"dense\")",
        "@KerasModelSource(path = \"model.keras\")",
        "public class TwoSources {}");
    assertThat(compile(f)).hadErrorContaining("more than one model source (@SavedModelSource, @KerasModelSource)")
        .inFile(f).onLineContaining("@KerasModelSource");
  }

  @Test
  void reportsInterfaceRecipe() {
    JavaFileObject f = source("Iface",
        "@SavedModelSource(path = \"dense\")",
        "public interface Iface {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ003] recipe Iface must be a class").inFile(f).onLineContaining("interface Iface");
  }

  @Test
  void reportsAbstractRecipe() {
    JavaFileObject f = source("Abstract",
        "@SavedModelSource(path = \"dense\")",
        "public abstract class Abstract {}");
    assertThat(compile(f)).hadErrorContaining("recipe Abstract cannot be instantiated: it is abstract")
        .inFile(f).onLineContaining("abstract class Abstract");
  }

  @Test
  void reportsRecipeWithoutNoArgConstructor() {
    JavaFileObject f = source("NoCtor",
        "@SavedModelSource(path = \"dense\")",
        "public class NoCtor {",
        "  NoCtor(int x) {}",
        "}");
    assertThat(compile(f)).hadErrorContaining("cannot be instantiated: it has no non-private no-argument constructor")
        .inFile(f).onLineContaining("public class NoCtor");
  }

  @Test
  void reportsInnerRecipe() {
    JavaFileObject f = source("Outer",
        "public class Outer {",
        "  @SavedModelSource(path = \"dense\")",
        "  class Inner {}",
        "}");
    assertThat(compile(f)).hadErrorContaining("recipe Inner cannot be instantiated: it is an inner class (not static)")
        .inFile(f).onLineContaining("class Inner");
  }

  @Test
  void reportsIntegerModeWithoutDataset() {
    JavaFileObject f = source("NoDataset",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "public class NoDataset {}");
    assertThat(compile(f)).hadErrorContaining(
            "[LRJ010] @Quantize(mode = INT8) needs calibration samples, but recipe NoDataset has no @RepresentativeDataset method. "
                + "Fix: add a method annotated @RepresentativeDataset that returns Iterable<NoDatasetSample>")
        .inFile(f).onLineContaining("@Quantize");
  }

  @Test
  void reportsInt16x8WithoutDataset() {
    JavaFileObject f = source("NoDataset16",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT16X8)",
        "public class NoDataset16 {}");
    assertThat(compile(f)).hadErrorContaining("@Quantize(mode = INT16X8) needs calibration samples").inFile(f).onLineContaining("INT16X8");
  }

  @Test
  void reportsIntegerIoTypeWithFloatMode() {
    JavaFileObject f = source("Uint8Io",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.DYNAMIC_RANGE,",
        "    inputType = TensorType.UINT8)",
        "public class Uint8Io {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ011] inputType = UINT8 needs an integer quantization mode, but the mode is DYNAMIC_RANGE")
        .inFile(f).onLineContaining("inputType = TensorType.UINT8");
  }

  @Test
  void reportsInt8OutputTypeWithFloat16() {
    JavaFileObject f = source("Int8Out",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.FLOAT16,",
        "    outputType = TensorType.INT8)",
        "public class Int8Out {}");
    assertThat(compile(f)).hadErrorContaining("outputType = INT8 needs an integer quantization mode, but the mode is FLOAT16")
        .inFile(f).onLineContaining("outputType");
  }

  @Test
  void reportsInvalidKeepFloatRegex() {
    JavaFileObject f = source("BadRegex",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.DYNAMIC_RANGE,",
        "    keepFloat = {\"regex:logits.*\", \"regex:dense[0\"})",
        "public class BadRegex {}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[LRJ013] keepFloat pattern \"regex:dense[0\" is not a valid regular expression: "
            + "Unclosed character class")
        .inFile(f).onLineContaining("keepFloat");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void keepFloatTakesTheCliSyntaxAndRefusesARegexWrittenAsAGlob() {
    JavaFileObject ok = source("Globs",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.DYNAMIC_RANGE, keepFloat = {\"SOFTMAX\", \"*logits*\", \"dense_?/w\", \"regex:a|b\"})",
        "public class Globs {}");
    assertThat(compile(ok)).succeededWithoutWarnings();
    JavaFileObject f = source("OldRegex",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.DYNAMIC_RANGE,",
        "    keepFloat = \"logits.*\")",
        "public class OldRegex {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ014] keepFloat pattern \"logits.*\" is not an op name or a tensor-name glob: "
            + "it has regular-expression syntax, which a glob takes literally. Fix: write an op name (SOFTMAX) or a glob "
            + "(* any run, ? one character), or a regular expression after regex:, e.g. \"regex:logits.*\"")
        .inFile(f).onLineContaining("keepFloat");
  }

  @Test
  void reportsPrivateDatasetMethod() {
    JavaFileObject f = source("PrivateDataset",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "public class PrivateDataset {",
        "  @RepresentativeDataset(samples = 10)",
        "  private Iterable<PrivateDatasetSample> samples() { return List.of(); }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[LRJ020] @RepresentativeDataset method samples() is private")
        .inFile(f).onLineContaining("@RepresentativeDataset");
  }

  @Test
  void reportsDatasetMethodWithParameters() {
    JavaFileObject f = source("ParamDataset",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "public class ParamDataset {",
        "  @RepresentativeDataset",
        "  Iterable<ParamDatasetSample> samples(int n) { return List.of(); }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[LRJ021] @RepresentativeDataset method samples() takes parameters")
        .inFile(f).onLineContaining("@RepresentativeDataset");
  }

  @Test
  void reportsDatasetOfTheWrongType() {
    JavaFileObject f = source("WrongType",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "public class WrongType {",
        "  @RepresentativeDataset",
        "  List<float[]> samples() { return List.of(); }",
        "}");
    assertThat(compile(f)).hadErrorContaining(
            "[LRJ022] @RepresentativeDataset method samples() returns java.util.List<float[]>, but the model's samples are WrongTypeSample. "
                + "Fix: return Iterable<WrongTypeSample>")
        .inFile(f).onLineContaining("@RepresentativeDataset");
  }

  @Test
  void reportsNameKeyedDatasetWhenTheModelIsTyped() {
    JavaFileObject f = source("Untyped",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "public class Untyped {",
        "  @RepresentativeDataset",
        "  Iterable<NamedSample> samples() { return List.of(); }",
        "}");
    assertThat(compile(f)).hadErrorContaining("returns java.lang.Iterable<io.litertj.recipe.NamedSample>, but the model's samples are UntypedSample")
        .inFile(f).onLineContaining("@RepresentativeDataset");
  }

  @Test
  void reportsTwoDatasetMethodsOnTheSecond() {
    JavaFileObject f = source("TwoDatasets",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "public class TwoDatasets {",
        "  @RepresentativeDataset",
        "  Iterable<TwoDatasetsSample> first() { return List.of(); }",
        "  @RepresentativeDataset(samples = 5)",
        "  Iterable<TwoDatasetsSample> second() { return List.of(); }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[LRJ023] recipe TwoDatasets has more than one @RepresentativeDataset method (first() and second())")
        .inFile(f).onLineContaining("samples = 5");
  }

  @Test
  void reportsNonPositiveSampleCount() {
    JavaFileObject f = source("ZeroSamples",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "public class ZeroSamples {",
        "  @RepresentativeDataset(samples = 0)",
        "  Iterable<ZeroSamplesSample> samples() { return List.of(); }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[LRJ024] @RepresentativeDataset(samples = 0) must be positive")
        .inFile(f).onLineContaining("samples = 0");
  }

  @Test
  void warnsAboutAnUnusedDataset() {
    JavaFileObject f = source("Unused",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.FLOAT16)",
        "public class Unused {",
        "  @RepresentativeDataset",
        "  static Iterable<UnusedSample> samples() { return List.of(); }",
        "}");
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[LRJ025] @RepresentativeDataset method samples() is not used: mode FLOAT16 does not calibrate")
        .inFile(f).onLineContaining("samples()");
  }

  @Test
  void reportsMissingModelPath() {
    JavaFileObject f = source("Missing",
        "@SavedModelSource(",
        "    path = \"models/nowhere\")",
        "public class Missing {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ030] model path \"models/nowhere\" does not exist (resolved to "
            + BASE.resolve("models/nowhere") + ")")
        .inFile(f).onLineContaining("path = \"models/nowhere\"");
  }

  @Test
  void reportsMissingKerasFile() {
    JavaFileObject f = source("MissingKeras",
        "@KerasModelSource(path = \"model.keras\")",
        "public class MissingKeras {}");
    assertThat(compile(f)).hadErrorContaining("model path \"model.keras\" does not exist").inFile(f).onLineContaining("model.keras");
  }

  @Test
  void kerasRecipeCarriesUnrollRnn() throws Exception {
    JavaFileObject f = source("Rnn",
        "@KerasModelSource(path = \"tabular.keras\", unrollRnn = true)",
        "public class Rnn {}");
    JavaFileObject g = source("Fused",
        "@KerasModelSource(path = \"tabular.keras\")",
        "public class Fused {}");
    Compilation c = compile(f, g);
    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile("test.RnnPipeline").contentsAsUtf8String().contains(".unrollRnn(true)");
    assertThat(c).generatedSourceFile("test.FusedPipeline").contentsAsUtf8String().doesNotContain("unrollRnn");
  }

  @Test
  void reportsUnreadableKerasAndTfliteFiles() throws Exception {
    Files.writeString(BASE.resolve("text.keras"), "not a zip");
    Files.writeString(BASE.resolve("text.tflite"), "not a flatbuffer");
    JavaFileObject k = source("BadKeras", "@KerasModelSource(path = \"text.keras\")", "public class BadKeras {}");
    JavaFileObject t = source("BadTflite", "@TfliteModelSource(path = \"text.tflite\")", "public class BadTflite {}");
    assertThat(compile(k)).hadErrorContaining("[LRJ031] cannot read the Keras model: ")
        .inFile(k).onLineContaining("text.keras");
    assertThat(compile(t)).hadErrorContaining("[LRJ031] cannot read the LiteRT model: ")
        .inFile(t).onLineContaining("text.tflite");
  }

  @Test
  void reportsUnreadableSavedModel() {
    JavaFileObject f = source("Unreadable",
        "@SavedModelSource(path = \"not_a_savedmodel\")",
        "public class Unreadable {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ031] cannot read the SavedModel: saved_model.pb not found in "
        + BASE.resolve("not_a_savedmodel") + ". Fix: Pass the directory that tf.saved_model.save wrote")
        .inFile(f).onLineContaining("not_a_savedmodel");
  }

  @Test
  void reportsUnknownSignatureKey() {
    JavaFileObject f = source("UnknownSig",
        "@SavedModelSource(path = \"dense\",",
        "    signatures = {\"serving_default\", \"predict\"})",
        "public class UnknownSig {}");
    assertThat(compile(f)).hadErrorContaining(
            "[LRJ032] the SavedModel at \"dense\" has no signature \"predict\". Fix: use one of [serving_default]")
        .inFile(f).onLineContaining("signatures =");
  }

  @Test
  void reportsUnknownInputShapeName() {
    JavaFileObject f = source("UnknownInput",
        "@SavedModelSource(path = \"dense\")",
        "@InputShape(name = \"image\", dims = {1, 28, 28, 1})",
        "public class UnknownInput {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ033] @InputShape names input \"image\", but the model's inputs are [features, mask]")
        .inFile(f).onLineContaining("\"image\"");
  }

  @Test
  void reportsEmptyOutputPath() {
    JavaFileObject f = source("EmptyOut",
        "@SavedModelSource(path = \"dense\")",
        "@Output(path = \"\")",
        "public class EmptyOut {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ034] @Output(path) is empty").inFile(f).onLineContaining("@Output");
  }

  @Test
  void fallsBackToNamedSamplesWithANoteWhenTheModelIsNotKnown() {
    JavaFileObject f = source("Later",
        "@SavedModelSource(path = \"${models}/dense\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "public class Later {",
        "  @RepresentativeDataset",
        "  Iterable<NamedSample> samples() { return List.of(NamedSample.of(\"features\", new float[4])); }",
        "}");
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("[LRJ040] model path \"${models}/dense\" is only known at run time: the dataset of Later "
            + "uses name-keyed NamedSample")
        .inFile(f).onLineContaining("samples()");
    assertThat(c).generatedSourceFile("test.LaterPipeline");
  }

  @Test
  void reportsEveryMistakeOfOneRecipeInOneCompilation() {
    JavaFileObject f = source("Many",
        "@SavedModelSource(path = \"dense\", signatures = \"nope\")",
        "@Quantize(mode = QuantizeMode.INT8, keepFloat = \"(\")",
        "public abstract class Many {}");
    Compilation c = compile(f);
    assertThat(c).hadErrorCount(4);
  }

  @Test
  void generatesTypedSampleFromTheModelSignature() {
    JavaFileObject f = source("Typed",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT8, inputType = TensorType.INT8, outputType = TensorType.INT8)",
        "public class Typed {",
        "  @RepresentativeDataset(samples = 2)",
        "  Iterable<TypedSample> samples() { return List.of(new TypedSample(new float[4], new int[4])); }",
        "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.TypedSample").contentsAsUtf8String()
        .contains("@param features input {@code features}: DT_FLOAT, shape [-1, 4] (signature serving_default)");
    assertThat(c).generatedSourceFile("test.TypedSample").contentsAsUtf8String()
        .contains("public record TypedSample(float[] features, int[] mask) implements Sample");
  }

  @Test
  void generatesTypedSampleFromAKerasModel() {
    JavaFileObject f = source("KerasInt8",
        "@KerasModelSource(path = \"tabular.keras\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "public class KerasInt8 {",
        "  @RepresentativeDataset(samples = 1)",
        "  Iterable<KerasInt8Sample> samples() { return List.of(new KerasInt8Sample(new float[3])); }",
        "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    // the .keras file is read at compile time: no LRJ040 note that it is not there
    assertThat(c.notes().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("LRJ040")).toList()).isEmpty();
    assertThat(c).generatedSourceFile("test.KerasInt8Sample").contentsAsUtf8String()
        .contains("@param features input {@code features}: FLOAT32, shape [-1, 3] (signature serving_default)");
    assertThat(c).generatedSourceFile("test.KerasInt8Sample").contentsAsUtf8String()
        .contains("public record KerasInt8Sample(float[] features) implements Sample");
  }

  @Test
  void generatesTypedSampleFromATfliteModel() {
    JavaFileObject f = source("TfliteInt8",
        "@TfliteModelSource(path = \"dense.tflite\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "public class TfliteInt8 {",
        "  @RepresentativeDataset(samples = 1)",
        "  Iterable<TfliteInt8Sample> samples() { return List.of(new TfliteInt8Sample(new float[4], new int[4])); }",
        "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.TfliteInt8Sample").contentsAsUtf8String()
        .contains("public record TfliteInt8Sample(float[] features, int[] mask) implements Sample");
  }

  @Test
  void withoutTheRuntimeThePipelineIsOnlyItsDescriptor() throws Exception {
    // the class path of a user project: the annotations artifact alone
    Path annotations = Path.of(io.litertj.recipe.Recipe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaFileObject f = source("Lean",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT8)",
        "public class Lean {",
        "  @RepresentativeDataset",
        "  Iterable<LeanSample> samples() { return List.of(new LeanSample(new float[4], new int[4])); }",
        "}");
    Compilation c = javac().withProcessors(new RecipeProcessor(), new RecipeIndexProcessor())
        .withOptions("-Alitertj.baseDir=" + BASE)
        .withClasspath(List.of(annotations.toFile()))
        .compile(f);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.LeanPipeline").contentsAsUtf8String().contains("public RecipeDescriptor descriptor()");
    assertThat(c).generatedSourceFile("test.LeanPipeline").contentsAsUtf8String().doesNotContain("RecipeRunner");
    assertThat(c).generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "META-INF/services/io.litertj.recipe.Recipe")
        .contentsAsUtf8String().isEqualTo("test.LeanPipeline\n");
    // the plugin's view: the registered class is a Recipe whose descriptor calls the dataset method
    Class<?> pipeline = GeneratedPipelineTest.loader(c).loadClass("test.LeanPipeline");
    io.litertj.recipe.RecipeDescriptor d = ((io.litertj.recipe.Recipe) pipeline.getConstructor().newInstance()).descriptor();
    assertThat(d.recipeClass()).isEqualTo("test.Lean");
    assertThat(d.dataset().get().iterator().next().tensors().keySet()).containsExactly("features", "mask").inOrder();
  }

  @Test
  void findsTheProjectDirectoryWithoutAnOption(@org.junit.jupiter.api.io.TempDir Path project) throws Exception {
    // a Maven project on disk: pom.xml, the model under it, classes written to target/classes
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    TestModels.dense(project.resolve("models/dense"));
    Path src = project.resolve("src/main/java/test");
    Files.createDirectories(src);
    Files.writeString(src.resolve("InProject.java"), String.join("\n", "package test;", "import io.litertj.recipe.*;",
        "@SavedModelSource(path = \"models/dense\")", "public class InProject {}"));
    Path classes = Files.createDirectories(project.resolve("target/classes"));
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    java.io.StringWriter log = new java.io.StringWriter();
    try (javax.tools.StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      javax.tools.JavaCompiler.CompilationTask task = javac.getTask(log, files, null,
          List.of("-d", classes.toString(), "-s", project.resolve("target/generated-sources").toString(),
              "-classpath", System.getProperty("java.class.path")),
          null, files.getJavaFileObjects(src.resolve("InProject.java")));
      Files.createDirectories(project.resolve("target/generated-sources"));
      task.setProcessors(List.of(new RecipeProcessor(), new RecipeIndexProcessor()));
      assertThat(task.call()).isTrue();
    }
    assertThat(log.toString()).doesNotContain("LRJ030");
    assertThat(Files.exists(classes.resolve("test/InProjectPipeline.class"))).isTrue();
  }

  @Test
  void registersEveryPipelineOfTheCompilation() throws Exception {
    Compilation c = compile(
        source("A", "@SavedModelSource(path = \"dense\")", "public class A {}"),
        source("B", "@SavedModelSource(path = \"dense\")", "public class B {",
            "  @SavedModelSource(path = \"dense\") @Output(path = \"nested.tflite\")", "  public static class Nested {}", "}"));
    assertThat(c).succeeded();
    assertThat(c).generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "META-INF/services/io.litertj.recipe.Recipe")
        .contentsAsUtf8String().isEqualTo("test.APipeline\ntest.BPipeline\ntest.B_NestedPipeline\n");
  }

  @Test
  void reportsAMissingLabelFileOnItsAnnotation() {
    JavaFileObject f = source("NoLabels",
        "@SavedModelSource(path = \"dense\")",
        "@Labels(output = \"scores\", path = \"absent_labels.txt\")",
        "public class NoLabels {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ050] label file \"absent_labels.txt\" does not exist")
        .inFile(f).onLineContaining("@Labels");
  }

  @Test
  void reportsLabelsForAnOutputTheModelLacks() throws Exception {
    Files.writeString(BASE.resolve("two_labels.txt"), "a\nb\n");
    JavaFileObject f = source("WrongOutput",
        "@SavedModelSource(path = \"dense\")",
        "@Labels(output = \"score\", path = \"two_labels.txt\")",
        "public class WrongOutput {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ052] @Labels names output \"score\", but the model's outputs are [scores]")
        .inFile(f).onLineContaining("@Labels");
  }

  @Test
  void reportsAnInvalidMetadataFileOnTheAnnotation() throws Exception {
    Files.writeString(BASE.resolve("typo_metadata.json"), "{\"nmae\": \"x\"}");
    JavaFileObject f = source("BadMetadata",
        "@SavedModelSource(path = \"dense\")",
        "@Metadata(name = \"x\", file = \"typo_metadata.json\")",
        "public class BadMetadata {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ054] metadata file \"typo_metadata.json\" cannot be used: the metadata"
        + " has a key 'nmae' that the metadata format does not define").inFile(f).onLineContaining("@Metadata");
  }

  @Test
  void reportsMetadataForAModelOfTwoSignatures() {
    if (!Files.exists(BASE.resolve("two_signatures/saved_model.pb"))) {
      io.litertj.testing.SavedModels.builder()
          .input("x", io.litertj.testing.ElementType.FLOAT32, 2).output("y", g -> g.tf().math.neg(g.input("x")))
          .signature("other").input("z", io.litertj.testing.ElementType.FLOAT32, 2)
          .output("y", g -> g.tf().math.abs(g.input("z")))
          .export(BASE.resolve("two_signatures"));
    }
    JavaFileObject f = source("TwoSignatures",
        "@SavedModelSource(path = \"two_signatures\")",
        "@Metadata(name = \"two\")",
        "public class TwoSignatures {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ055] TFLite metadata describes one subgraph, but recipe TwoSignatures"
        + " converts 2 signatures [other, serving_default]").inFile(f).onLineContaining("@Metadata");
  }

  // --- the command line's misuse rules, as compile errors where the recipe alone tells

  @Test
  void reportsInputShapeOnAKerasRecipe() throws Exception {
    Files.writeString(BASE.resolve("shaped.keras"), "only its existence is checked at compile time");
    JavaFileObject f = source("ShapedKeras",
        "@KerasModelSource(path = \"shaped.keras\")",
        "@InputShape(name = \"x\", dims = {1, 6})",
        "public class ShapedKeras {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ035] @InputShape applies to SavedModels, but recipe ShapedKeras "
            + "converts a Keras model. Fix: remove @InputShape: a Keras model has the input shapes it declares")
        .inFile(f).onLineContaining("@InputShape");
  }

  @Test
  void reportsBadAndRepeatedInputShapes() {
    JavaFileObject f = source("BadShapes",
        "@SavedModelSource(path = \"dense\")",
        "@InputShape(name = \"features\", dims = {-2, 4})",
        "@InputShape(name = \"features\", dims = {1, 4})",
        "public class BadShapes {}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[LRJ036] @InputShape(name = \"features\") has dimension -2");
    assertThat(c).hadErrorContaining("[LRJ037] @InputShape names input \"features\" twice");
  }

  @Test
  void reportsASignatureNamedTwice() {
    JavaFileObject f = source("TwiceSig",
        "@SavedModelSource(path = \"dense\", signatures = {\"serving_default\", \"serving_default\"})",
        "public class TwiceSig {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ038] signature \"serving_default\" is named twice")
        .inFile(f).onLineContaining("signatures");
  }

  @Test
  void reportsInt8OnlyWithAFloatMode() {
    JavaFileObject f = source("Int8OnlyFp16",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.FLOAT16,",
        "    int8Only = true)",
        "public class Int8OnlyFp16 {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ012] int8Only = true applies to full-integer quantization, but the "
        + "mode is FLOAT16").inFile(f).onLineContaining("int8Only");
  }

  @Test
  void reportsPerTensorWeightsWithFloat16() {
    JavaFileObject f = source("PerTensorFp16",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.FLOAT16,",
        "    perChannelDense = false)",
        "public class PerTensorFp16 {}");
    assertThat(compile(f)).hadErrorContaining("[LRJ014] perChannelDense = false applies to int8 weights")
        .inFile(f).onLineContaining("perChannelDense");
  }

  @Test
  void reportsAnIoTypeOfTheOtherIntegerMode() {
    JavaFileObject f = source("Int8Io16x8",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT16X8,",
        "    inputType = TensorType.INT8)",
        "public class Int8Io16x8 {",
        "  @RepresentativeDataset(samples = 2)",
        "  Iterable<Int8Io16x8Sample> samples() { return List.of(); }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[LRJ015] inputType = INT8 does not fit mode INT16X8, which computes in "
        + "int16. Fix: use INT16 or mode INT8, or keep inputType = FLOAT32").inFile(f).onLineContaining("inputType");
    JavaFileObject g = source("Int16IoInt8",
        "@SavedModelSource(path = \"dense\")",
        "@Quantize(mode = QuantizeMode.INT8,",
        "    outputType = TensorType.INT16)",
        "public class Int16IoInt8 {",
        "  @RepresentativeDataset(samples = 2)",
        "  Iterable<Int16IoInt8Sample> samples() { return List.of(); }",
        "}");
    assertThat(compile(g)).hadErrorContaining("[LRJ015] outputType = INT16 does not fit mode INT8, which computes in int8")
        .inFile(g).onLineContaining("outputType");
  }
}
