package io.litertj.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.dataset.NdArray;
import io.litertj.ir.DataType;
import io.litertj.legalize.shape.Graphs;
import io.litertj.quantize.IoType;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.testing.Closeness;
import io.litertj.testing.ElementType;
import io.litertj.testing.InputErrors;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorFlowOracle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.support.metadata.MetadataExtractor;
import org.tensorflow.lite.support.metadata.schema.AssociatedFileType;
import org.tensorflow.lite.support.metadata.schema.AudioProperties;
import org.tensorflow.lite.support.metadata.schema.ColorSpaceType;
import org.tensorflow.lite.support.metadata.schema.ContentProperties;
import org.tensorflow.lite.support.metadata.schema.ImageProperties;
import org.tensorflow.lite.support.metadata.schema.ModelMetadata;
import org.tensorflow.lite.support.metadata.schema.NormalizationOptions;
import org.tensorflow.lite.support.metadata.schema.ProcessUnitOptions;
import org.tensorflow.lite.support.metadata.schema.TensorMetadata;

/**
 * TFLite metadata, judged by the official Java reader ({@code org.tensorflow:tensorflow-lite-metadata}
 * 0.4.4, {@link MetadataExtractor}): it reads back every field we write and every associated file,
 * and LiteRT still runs the model, which still matches TensorFlow.
 */
class MetadataTest {

  @TempDir
  static Path temp;
  static Path model;
  static Path labels;
  static Path readme;
  static Path vocabulary;

  static final List<String> FLOWERS = List.of("daisy", "dandelion", "roses", "sunflowers", "tulips");

  @BeforeAll
  static void writeModel() throws IOException {
    model = SavedModels.builder()
        .input("image", ElementType.FLOAT32, -1, 4, 4, 3)
        .variable("w", Graphs.randomFloats(31, 48, 5))
        .output("probabilities", g -> g.tf().nn.softmax(g.tf().linalg.matMul(
            g.tf().reshape(g.input("image"), g.tf().constant(new int[] {-1, 48})), g.variable("w"))))
        .export(temp.resolve("flowers"));
    labels = Files.writeString(temp.resolve("labels.txt"), String.join("\n", FLOWERS) + "\n");
    readme = Files.writeString(temp.resolve("README.txt"), "A flower classifier, for tests.\n");
    vocabulary = Files.writeString(temp.resolve("vocab.txt"), "petal\nstem\n");
  }

  private static io.litertj.metadata.ModelMetadata everything() {
    return io.litertj.metadata.ModelMetadata.builder()
        .name("Flower classifier").description("Tells five kinds of flowers apart.").version("v1.2")
        .author("litertj tests").license("Apache-2.0")
        .input("image", io.litertj.metadata.TensorMetadata.builder().description("RGB image, values 0 to 255")
            .image(TensorContent.ColorSpace.RGB)
            .normalization(new float[] {127.5f, 127f, 126.5f}, new float[] {127.5f, 128f, 64f})
            .valueRange(new float[] {0}, new float[] {255})
            .build())
        .output("probabilities", io.litertj.metadata.TensorMetadata.builder().description("one score per flower")
            .valueRange(new float[] {0}, new float[] {1})
            .labels(labels)
            .file(AssociatedFile.labels("labels_fr.txt", List.of("marguerite", "pissenlit", "roses", "tournesols",
                "tulipes")).withLocale("fr"))
            .build())
        .file(AssociatedFile.of(readme, FileType.DESCRIPTIONS).withDescription("what the model is"))
        .file(AssociatedFile.of(vocabulary, FileType.VOCABULARY))
        .build();
  }

  @Test
  void theOfficialReaderReadsBackEveryFieldAndEveryFile() throws IOException {
    ConversionResult result = LiteRtConverter.fromSavedModel(model).metadata(everything()).convert();
    MetadataExtractor extractor = new MetadataExtractor(ByteBuffer.wrap(result.bytes()));
    assertTrue(extractor.hasMetadata());
    assertTrue(extractor.isMinimumParserVersionSatisfied());

    ModelMetadata meta = extractor.getModelMetadata();
    assertEquals("Flower classifier", meta.name());
    assertEquals("Tells five kinds of flowers apart.", meta.description());
    assertEquals("v1.2", meta.version());
    assertEquals("litertj tests", meta.author());
    assertEquals("Apache-2.0", meta.license());
    assertEquals("1.0.1", meta.minParserVersion()); // the VOCABULARY file type came with 1.0.1
    assertEquals(1, meta.subgraphMetadataLength());
    assertEquals(2, meta.associatedFilesLength());
    assertEquals("README.txt", meta.associatedFiles(0).name());
    assertEquals("what the model is", meta.associatedFiles(0).description());
    assertEquals(AssociatedFileType.DESCRIPTIONS, meta.associatedFiles(0).type());
    assertEquals("vocab.txt", meta.associatedFiles(1).name());
    assertEquals(AssociatedFileType.VOCABULARY, meta.associatedFiles(1).type());

    assertEquals(1, extractor.getInputTensorCount());
    TensorMetadata image = extractor.getInputTensorMetadata(0);
    assertEquals("image", image.name());
    assertEquals("RGB image, values 0 to 255", image.description());
    assertEquals(ContentProperties.ImageProperties, image.content().contentPropertiesType());
    ImageProperties properties = (ImageProperties) image.content().contentProperties(new ImageProperties());
    assertEquals(ColorSpaceType.RGB, properties.colorSpace());
    assertEquals(1, image.processUnitsLength());
    assertEquals(ProcessUnitOptions.NormalizationOptions, image.processUnits(0).optionsType());
    NormalizationOptions norm = (NormalizationOptions) image.processUnits(0).options(new NormalizationOptions());
    assertArrayEquals(new float[] {127.5f, 127f, 126.5f}, floats(norm.meanLength(), norm::mean));
    assertArrayEquals(new float[] {127.5f, 128f, 64f}, floats(norm.stdLength(), norm::std));
    assertArrayEquals(new float[] {0}, floats(image.stats().minLength(), image.stats()::min));
    assertArrayEquals(new float[] {255}, floats(image.stats().maxLength(), image.stats()::max));
    assertArrayEquals(new int[] {1, 4, 4, 3}, extractor.getInputTensorShape(0));

    assertEquals(1, extractor.getOutputTensorCount());
    TensorMetadata scores = extractor.getOutputTensorMetadata(0);
    assertEquals("probabilities", scores.name());
    assertEquals("one score per flower", scores.description());
    assertEquals(ContentProperties.FeatureProperties, scores.content().contentPropertiesType());
    assertEquals(0, scores.processUnitsLength());
    assertArrayEquals(new float[] {1}, floats(scores.stats().maxLength(), scores.stats()::max));
    assertEquals(2, scores.associatedFilesLength());
    assertEquals("labels.txt", scores.associatedFiles(0).name());
    assertEquals(AssociatedFileType.TENSOR_AXIS_LABELS, scores.associatedFiles(0).type());
    assertNull(scores.associatedFiles(0).locale());
    assertEquals("labels_fr.txt", scores.associatedFiles(1).name());
    assertEquals("fr", scores.associatedFiles(1).locale());

    assertEquals(Set.of("README.txt", "vocab.txt", "labels.txt", "labels_fr.txt"),
        extractor.getAssociatedFileNames());
    assertEquals(Files.readString(labels), read(extractor.getAssociatedFile("labels.txt")));
    assertEquals("marguerite\npissenlit\nroses\ntournesols\ntulipes\n", read(extractor.getAssociatedFile("labels_fr.txt")));
    assertEquals(Files.readString(readme), read(extractor.getAssociatedFile("README.txt")));
    assertEquals(Files.readString(vocabulary), read(extractor.getAssociatedFile("vocab.txt")));

    assertStillRunsAndMatchesTensorFlow(result.bytes());
  }

  @Test
  void theModelFileIsAZipThatAnyReaderOpensAndTheOutputIsDeterministic() throws IOException {
    Path out = temp.resolve("flowers_meta.tflite");
    LiteRtConverter.fromSavedModel(model).metadata(everything()).convertTo(out);
    byte[] again = LiteRtConverter.fromSavedModel(model).metadata(everything()).convert().bytes();
    assertArrayEquals(Files.readAllBytes(out), again, "file and memory, two runs: the same bytes");
    try (ZipFile zip = new ZipFile(out.toFile())) { // the JDK's reader, independent of the support library's
      List<String> names = new ArrayList<>();
      zip.stream().forEach(e -> names.add(e.getName()));
      assertEquals(List.of("README.txt", "vocab.txt", "labels.txt", "labels_fr.txt"), names);
      try (InputStream in = zip.getInputStream(zip.getEntry("labels.txt"))) {
        assertEquals(Files.readString(labels), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void aQuantizedModelKeepsItsMetadataAndQuantizationParameters() throws IOException {
    List<Map<String, NdArray>> samples = new ArrayList<>();
    for (long seed = 0; seed < 8; seed++) {
      TensorData x = RandomInputs.seeded(seed).floats(0, 1).forInput(
          new io.litertj.testing.TensorSpec("image", ElementType.FLOAT32, new long[] {1, 4, 4, 3}));
      samples.add(Map.of("image", new NdArray(DataType.FLOAT32, new int[] {1, 4, 4, 3}, x.bytes())));
    }
    ConversionResult result = LiteRtConverter.fromSavedModel(model)
        .quantize(QuantizationOptions.of(QuantizationMode.INT8).withIoTypes(IoType.UINT8, IoType.UINT8))
        .representativeDataset(samples)
        .metadata(everything())
        .convert();
    MetadataExtractor extractor = new MetadataExtractor(ByteBuffer.wrap(result.bytes()));
    assertEquals("Flower classifier", extractor.getModelMetadata().name());
    assertEquals(org.tensorflow.lite.schema.TensorType.UINT8, extractor.getInputTensorType(0));
    assertTrue(extractor.getInputTensorQuantizationParams(0).getScale() > 0);
    assertEquals(Set.of("README.txt", "vocab.txt", "labels.txt", "labels_fr.txt"), extractor.getAssociatedFileNames());
    try (LiteRtOracle lite = LiteRtOracle.load(result.bytes())) {
      assertEquals(ElementType.UINT8, lite.signature("serving_default").inputs().get(0).type());
      lite.run("serving_default", RandomInputs.seeded(3).ints(0, 255).forSignature(lite.signature("serving_default")));
    }
  }

  @Test
  void bufferOffsetLayoutKeepsTheMetadataReadable() throws IOException {
    ConversionResult result = LiteRtConverter.fromSavedModel(model).bufferOffsets(true).metadata(everything()).convert();
    MetadataExtractor extractor = new MetadataExtractor(ByteBuffer.wrap(result.bytes()));
    assertEquals("v1.2", extractor.getModelMetadata().version());
    assertEquals(Files.readString(labels), read(extractor.getAssociatedFile("labels.txt")));
    assertStillRunsAndMatchesTensorFlow(result.bytes());
  }

  @Test
  void aJsonFileSetsTheSameFieldsAndAudioRaisesTheParserVersion() throws IOException {
    Path json = temp.resolve("meta").resolve("flowers.json");
    Files.createDirectories(json.getParent());
    Files.writeString(json.getParent().resolve("labels.txt"), String.join("\n", FLOWERS) + "\n");
    Files.writeString(json, """
        {
          "name": "Flower classifier", "description": "from JSON", "version": "3", "author": "me", "license": "MIT",
          "inputs": {"image": {"description": "a sound, really", "content": "audio", "sample_rate": 16000,
                               "channels": 1, "mean": 0.5, "std": [2], "min": [-1], "max": [1]}},
          "outputs": {"probabilities": {"labels": [{"path": "labels.txt", "locale": "en"}], "min": 0, "max": 1}}
        }
        """);
    ConversionResult result = LiteRtConverter.fromSavedModel(model)
        .metadata(io.litertj.metadata.ModelMetadata.fromJson(json)).convert();
    MetadataExtractor extractor = new MetadataExtractor(ByteBuffer.wrap(result.bytes()));
    ModelMetadata meta = extractor.getModelMetadata();
    assertEquals("from JSON", meta.description());
    assertEquals("MIT", meta.license());
    assertEquals("1.3.0", meta.minParserVersion()); // AudioProperties came with 1.3.0
    TensorMetadata input = extractor.getInputTensorMetadata(0);
    assertEquals(ContentProperties.AudioProperties, input.content().contentPropertiesType());
    AudioProperties audio = (AudioProperties) input.content().contentProperties(new AudioProperties());
    assertEquals(16000, audio.sampleRate());
    assertEquals(1, audio.channels());
    NormalizationOptions norm = (NormalizationOptions) input.processUnits(0).options(new NormalizationOptions());
    assertArrayEquals(new float[] {0.5f}, floats(norm.meanLength(), norm::mean));
    TensorMetadata output = extractor.getOutputTensorMetadata(0);
    assertEquals("en", output.associatedFiles(0).locale());
    assertEquals(String.join("\n", FLOWERS) + "\n", read(extractor.getAssociatedFile("labels.txt")));
    // without metadata entries for them, the tensors are named only: the plain 1.0.0 reader needs no more
    ConversionResult bare = LiteRtConverter.fromSavedModel(model)
        .metadata(io.litertj.metadata.ModelMetadata.builder().name("bare").build()).convert();
    MetadataExtractor plain = new MetadataExtractor(ByteBuffer.wrap(bare.bytes()));
    assertEquals("1.0.0", plain.getModelMetadata().minParserVersion());
    assertEquals("image", plain.getInputTensorMetadata(0).name());
    assertEquals(ContentProperties.FeatureProperties, plain.getInputTensorMetadata(0).content().contentPropertiesType());
  }

  @Test
  void mistakesAreInputErrorsBeforeOrAfterConversion() throws IOException {
    Path json = temp.resolve("typo.json");
    Files.writeString(json, "{\"name\": \"x\", \"inputs\": {\"image\": {\"means\": [1]}}}");
    ConversionException typo = InputErrors.assertInputError(() -> io.litertj.metadata.ModelMetadata.fromJson(json));
    assertTrue(typo.getMessage().contains("'inputs.image' has a key 'means' that the metadata format does not define"),
        typo.getMessage());

    ConversionException wrongInput = InputErrors.assertInputError(() -> LiteRtConverter.fromSavedModel(model)
        .metadata(io.litertj.metadata.ModelMetadata.builder()
            .input("img", io.litertj.metadata.TensorMetadata.builder().build()).build())
        .convert());
    assertTrue(wrongInput.getMessage().contains("input 'img', which the model does not have")
        && wrongInput.getMessage().contains("[image]"), wrongInput.getMessage());

    ConversionException channels = InputErrors.assertInputError(() -> LiteRtConverter.fromSavedModel(model)
        .metadata(io.litertj.metadata.ModelMetadata.builder().input("image", io.litertj.metadata.TensorMetadata
            .builder().normalization(new float[] {1, 2}, new float[] {1, 1}).build()).build())
        .convert());
    assertTrue(channels.getMessage().contains("has 2 values [1.0, 2.0], but the input [-1, 4, 4, 3] has 3 channels"),
        channels.getMessage());

    ConversionException missing = InputErrors.assertInputError(() -> LiteRtConverter.fromSavedModel(model)
        .metadata(io.litertj.metadata.ModelMetadata.builder().output("probabilities", io.litertj.metadata
            .TensorMetadata.builder().labels(temp.resolve("no_labels.txt")).build()).build())
        .convert());
    assertTrue(missing.getMessage().contains("associated file not found"), missing.getMessage());

    Path twoSignatures = SavedModels.builder()
        .input("x", ElementType.FLOAT32, 2).output("y", g -> g.tf().math.neg(g.input("x")))
        .signature("other").input("z", ElementType.FLOAT32, 2).output("y", g -> g.tf().math.abs(g.input("z")))
        .export(temp.resolve("two_signatures"));
    ConversionException two = InputErrors.assertInputError(() -> LiteRtConverter.fromSavedModel(twoSignatures)
        .metadata(io.litertj.metadata.ModelMetadata.builder().name("two").build()).convert());
    assertTrue(two.getMessage().contains("TFLite metadata describes one subgraph, but the model has 2 signatures"),
        two.getMessage());
  }

  private static void assertStillRunsAndMatchesTensorFlow(byte[] bytes) {
    try (LiteRtOracle lite = LiteRtOracle.load(bytes); TensorFlowOracle tf = TensorFlowOracle.load(model)) {
      Map<String, TensorData> in = RandomInputs.seeded(11).floats(0, 1).forSignature(lite.signature("serving_default"));
      Closeness.standard().assertAllClose(tf.run("serving_default", in), lite.run("serving_default", in));
    }
  }

  private static float[] floats(int length, java.util.function.IntToDoubleFunction get) {
    float[] out = new float[length];
    for (int i = 0; i < length; i++) {
      out[i] = (float) get.applyAsDouble(i);
    }
    return out;
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
