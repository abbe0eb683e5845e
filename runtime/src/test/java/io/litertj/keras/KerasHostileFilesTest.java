package io.litertj.keras;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.litertj.ConversionException;
import io.litertj.fuzz.RawZip;
import io.litertj.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unsupported, corrupt and hostile Keras files end in a clear ConversionException. */
class KerasHostileFilesTest {

  @TempDir
  Path dir;

  private static final String DENSE_MODEL = """
      {"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [null, 3], "dtype": "float32", "name": "x"}},
        {"class_name": "%s", "config": {"name": "d", "units": 2, "activation": "linear", "use_bias": true}}]}}
      """;

  @Test
  void lambdaLayersNameTheLayerClassAndFile() {
    Path deepfm = SharedModels.path("dl4j_keras_h5/deepfm.h5");
    ConversionException e = assertInputError(() -> KerasPipeline.run(deepfm));
    assertEquals("Lambda", e.opType().orElseThrow());
    assertTrue(Set.of("cat_embed_2d_genure_mean", "square_of_tensors", "sum_of_tensors", "lambda_1", "embed_1d_mean")
        .contains(e.node().orElseThrow()), e.getMessage());
    assertTrue(e.getMessage().contains("deepfm.h5") && e.getMessage().contains("Python code"), e.getMessage());
  }

  @Test
  void truncatedH5() throws Exception {
    byte[] full = Files.readAllBytes(SharedModels.path("mlperf_tiny_resnet8_h5/pretrainedResnet.h5"));
    Path cut = dir.resolve("truncated.h5");
    KerasFixtures.write(cut, Arrays.copyOf(full, full.length / 3));
    ConversionException e = assertInputError(() -> KerasPipeline.run(cut));
    assertTrue(e.getMessage().contains("truncated.h5"), e.getMessage());
  }

  @Test
  void zipBombIsRefusedBeforeInflating() throws Exception {
    Path bomb = KerasFixtures.zipBomb(dir, 32L << 20);
    ConversionException e = assertInputError(() -> KerasPipeline.run(bomb));
    assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
  }

  @Test
  void missingWeight() throws Exception {
    var w = KerasFixtures.weights();
    w.put("d", List.of((Object) new float[][] {{1, 2}, {3, 4}, {5, 6}}));
    Path file = KerasFixtures.keras3(dir, "missing", DENSE_MODEL.formatted("Dense"), w);
    ConversionException e = assertInputError(() -> KerasPipeline.run(file));
    assertEquals("d", e.node().orElseThrow());
    assertTrue(e.getMessage().contains("needs 2 weights"), e.getMessage());
  }

  @Test
  void legacyWeightNamesListAWeightThatIsNotStored() throws Exception {
    String config = """
        {"class_name": "Sequential", "config": [{"class_name": "Dense", "config": {"name": "d", "units": 2,
          "batch_input_shape": [null, 3]}}]}
        """;
    Path h5 = dir.resolve("missing.h5");
    try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(h5)) {
      f.putAttribute("model_config", config);
      io.jhdf.api.WritableGroup mw = f.putGroup("model_weights");
      mw.putAttribute("layer_names", new String[] {"d"});
      io.jhdf.api.WritableGroup layer = mw.putGroup("d");
      layer.putAttribute("weight_names", new String[] {"d/kernel:0", "d/bias:0"});
      layer.putGroup("d").putDataset("kernel:0", new float[][] {{1, 2}, {3, 4}, {5, 6}});
    }
    ConversionException e = assertInputError(() -> KerasPipeline.run(h5));
    assertTrue(e.getMessage().contains("d/bias:0") && e.getMessage().contains("missing.h5"), e.getMessage());
  }

  @Test
  void mismatchedWeightShape() throws Exception {
    var w = KerasFixtures.weights();
    w.put("d", List.of(new float[][] {{1, 2}, {3, 4}}, new float[] {0, 0}));
    Path file = KerasFixtures.keras3(dir, "mismatch", DENSE_MODEL.formatted("Dense"), w);
    ConversionException e = assertInputError(() -> KerasPipeline.run(file));
    assertTrue(e.getMessage().contains("has shape [2, 2], but the config needs [3, 2]"), e.getMessage());
  }

  @Test
  void customLayerClass() throws Exception {
    Path file = KerasFixtures.keras3(dir, "custom", DENSE_MODEL.formatted("MyFancyDense"), KerasFixtures.weights());
    ConversionException e = assertInputError(() -> KerasPipeline.run(file));
    assertEquals("MyFancyDense", e.opType().orElseThrow());
  }

  @Test
  void notAKerasFile() throws Exception {
    Path junk = dir.resolve("junk.h5");
    KerasFixtures.write(junk, "hello, not a model".getBytes());
    assertInputError(() -> KerasPipeline.run(junk));
    Path badJson = KerasFixtures.keras3(dir, "badjson", "{\"class_name\": ", KerasFixtures.weights());
    ConversionException e = assertInputError(() -> KerasPipeline.run(badJson));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  // ---- the damage the fuzzer found, on a real Keras 3 file (Reshape(3, 4) -> LSTM(16) -> Dense -> Dense)

  private static final String EMG = "keras3_emg_lstm/model.keras";

  @Test
  void layersWithoutNameOrConfigAreNamedByPosition() throws Exception {
    ConversionException noName = assertInputError(() -> KerasPipeline.run(emgWith(
        c -> ((ObjectNode) layer(c, 2).get("config")).remove("name"), "noname")));
    assertTrue(noName.getMessage().contains("layer 2 of the model has no name"), noName.getMessage());
    ConversionException nullName = assertInputError(() -> KerasPipeline.run(emgWith(
        c -> ((ObjectNode) layer(c, 2).get("config")).putNull("name"), "nullname")));
    assertTrue(nullName.getMessage().contains("no name"), nullName.getMessage());
    ConversionException config = assertInputError(() -> KerasPipeline.run(emgWith(c -> layer(c, 3).put("config", 7),
        "badconfig")));
    assertTrue(config.getMessage().contains("a config that is a number"), config.getMessage());
  }

  @Test
  void wronglyTypedValuesNameTheKey() throws Exception {
    ConversionException e = assertInputError(() -> KerasPipeline.run(emgWith(
        c -> ((ObjectNode) layer(c, 2).get("config")).put("units", "sixteen"), "units")));
    assertTrue(e.getMessage().contains("units = \"sixteen\"") && e.getMessage().contains("expected an integer")
        && "lstm".equals(e.node().orElse(null)), e.getMessage());
    ConversionException flag = assertInputError(() -> KerasPipeline.run(emgWith(
        c -> ((ObjectNode) layer(c, 2).get("config")).put("use_bias", "yes"), "flag")));
    assertTrue(flag.getMessage().contains("use_bias"), flag.getMessage());
  }

  @Test
  void aReshapeThatLeavesTheLstmNoTimestepsIsRefusedByName() throws Exception {
    ConversionException e = assertInputError(() -> KerasPipeline.run(emgWith(
        c -> targetShape(c, 0, 12), "zero")));
    assertTrue(e.getMessage().contains("target_shape = [0,12]") && "reshape".equals(e.node().orElse(null))
        && e.getMessage().contains("emg-zero.keras"), e.getMessage());
  }

  @Test
  void aReshapeThatDoesNotKeepTheSampleSizeIsRefused() throws Exception {
    ConversionException e = assertInputError(() -> KerasPipeline.run(emgWith(
        c -> targetShape(c, 1_000_000, 4), "million")));
    assertTrue(e.getMessage().contains("(12 elements) into [-1, 1000000, 4]"), e.getMessage());
  }

  @Test
  void aMillionStepLstmIsUnrolledNeverButFusedFine() throws Exception {
    Path file = emgWith(c -> {
      ((ArrayNode) ((ObjectNode) layer(c, 0).get("config")).get("batch_shape")).set(1, 4_000_000);
      targetShape(c, 1_000_000, 4);
    }, "million-steps");
    // Unrolled, it would need millions of operators: refused before memory runs out.
    ConversionException e = assertInputError(() -> KerasPipeline.run(file, new KerasOptions(true)));
    assertTrue(e.getMessage().contains("operators") && "lstm".equals(e.node().orElse(null)), e.getMessage());
    // Fused (the default), the time steps are a dimension of one operator's input.
    assertTrue(KerasPipeline.run(file).subgraphs().get(0).operators().stream()
        .anyMatch(op -> op.op() == io.litertj.ir.BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM));
  }

  @Test
  void aLayerGivenTheWrongRankIsRefusedByName() throws Exception {
    ConversionException e = assertInputError(() -> KerasPipeline.run(emgWith(c -> targetShape(c, 12), "rank")));
    assertTrue(e.getMessage().contains("takes rank 3") && "lstm".equals(e.node().orElse(null)), e.getMessage());
  }

  private static ObjectNode layer(ObjectNode config, int index) {
    return (ObjectNode) config.path("config").path("layers").get(index);
  }

  private static void targetShape(ObjectNode config, int... dims) {
    ArrayNode shape = ((ObjectNode) layer(config, 1).get("config")).putArray("target_shape");
    for (int d : dims) {
      shape.add(d);
    }
  }

  /** The EMG model with its config.json edited; the weights are the file's own. */
  private Path emgWith(Consumer<ObjectNode> edit, String name) throws Exception {
    List<RawZip.Entry> entries = new ArrayList<>(RawZip.read(SharedModels.path(EMG)));
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).nameText().equals("config.json")) {
        ObjectNode config = (ObjectNode) json.readTree(entries.get(i).data());
        edit.accept(config);
        entries.set(i, entries.get(i).withData(json.writeValueAsBytes(config)));
      }
    }
    Path file = dir.resolve("emg-" + name + ".keras");
    Files.write(file, RawZip.write(entries));
    return file;
  }
}
