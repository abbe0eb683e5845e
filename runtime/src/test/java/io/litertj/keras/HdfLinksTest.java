package io.litertj.keras;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.litertj.ConversionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDF5 links in Keras files: jHDF follows an external link by opening the file it names (any path
 * on the machine) and a soft link anywhere in the file. Keras never writes links, so both are
 * refused by name, before anything resolves them. The files are real HDF5: written by jHDF, then
 * one hard link rewritten as a link ({@link HdfLinkPatch}); jHDF itself is shown to follow it.
 */
class HdfLinksTest {

  private static final String DENSE_MODEL = """
      {"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [null, 3], "dtype": "float32", "name": "x"}},
        {"class_name": "Dense", "config": {"name": "d", "units": 2, "activation": "linear", "use_bias": true}}]}}
      """;
  private static final String LEGACY_MODEL = """
      {"class_name": "Sequential", "config": [{"class_name": "Dense", "config": {"name": "d", "units": 2,
        "batch_input_shape": [null, 3]}}]}
      """;
  private static final float[][] KERNEL = {{1, 2}, {3, 4}, {5, 6}};
  private static final float[] BIAS = {0.5f, -0.5f};

  @TempDir
  Path dir;

  private Path other;

  /** The file the links point to: a valid HDF5 file holding a kernel the model could use. */
  @BeforeEach
  void writeTheOtherFile() {
    other = dir.resolve("elsewhere.h5").toAbsolutePath();
    try (WritableHdfFile f = HdfFile.write(other)) {
      f.putDataset("kernel", KERNEL);
    }
  }

  @Test
  void externalLinkInKeras3WeightsIsRefusedBeforeItIsFollowed() throws Exception {
    String target = other.toString();
    String placeholder = "p".repeat(HdfLinkPatch.placeholderLength("0", target, "/kernel"));
    byte[] h5 = HdfLinkPatch.external(keras3Weights(placeholder), placeholder, "0", target, "/kernel");

    Path weights = dir.resolve("linked.weights.h5");
    Files.write(weights, h5);
    assertJhdfFollows(weights, "layers/d/vars/0", other);

    ConversionException e = assertInputError(() -> KerasPipeline.run(keras(h5)));
    assertTrue(e.getMessage().contains("/layers/d/vars/0") && e.getMessage().contains("external link")
        && e.getMessage().contains(target) && e.getMessage().contains("model.keras"), e.getMessage());
  }

  @Test
  void externalLinkInALegacyH5IsRefusedBeforeItIsFollowed() throws Exception {
    String target = "elsewhere.h5"; // relative: jHDF resolves it against the model's directory
    String placeholder = "p".repeat(HdfLinkPatch.placeholderLength("kernel:0", target, "/kernel"));
    Path h5 = dir.resolve("legacy.h5");
    Files.write(h5, HdfLinkPatch.external(legacyH5(placeholder), placeholder, "kernel:0", target, "/kernel"));
    assertJhdfFollows(h5, "model_weights/d/d/kernel:0", other);

    ConversionException e = assertInputError(() -> KerasPipeline.run(h5));
    assertTrue(e.getMessage().contains("/model_weights/d/d/kernel:0") && e.getMessage().contains("external link")
        && e.getMessage().contains("elsewhere.h5") && e.getMessage().contains("legacy.h5"), e.getMessage());
  }

  @Test
  void softLinkIsRefusedByName() throws Exception {
    String target = "/layers/d/vars/1";
    String placeholder = "p".repeat(HdfLinkPatch.placeholderLength("0", target));
    byte[] h5 = HdfLinkPatch.soft(keras3Weights(placeholder), placeholder, "0", target);
    Path weights = dir.resolve("soft.weights.h5");
    Files.write(weights, h5);
    try (HdfFile f = new HdfFile(weights)) {
      assertArrayEquals(new int[] {2}, f.getDatasetByPath("layers/d/vars/0").getDimensions(), "jHDF follows it");
    }

    ConversionException e = assertInputError(() -> KerasPipeline.run(keras(h5)));
    assertTrue(e.getMessage().contains("/layers/d/vars/0 is a soft link to /layers/d/vars/1"), e.getMessage());
  }

  @Test
  void theUnpatchedFilesConvert() throws Exception {
    // the fixtures are sound: only the link makes them fail
    String placeholder = "0";
    KerasPipeline.run(keras(keras3Weights(placeholder)));
    Path h5 = dir.resolve("plain.h5");
    Files.write(h5, legacyH5("kernel:0"));
    KerasPipeline.run(h5);
  }

  /** jHDF, asked for the link's path, returns the dataset of the other file: the link is real. */
  private static void assertJhdfFollows(Path file, String path, Path other) {
    try (HdfFile f = new HdfFile(file)) {
      Node node = f.getByPath(path);
      assertTrue(node instanceof Dataset, String.valueOf(node));
      assertEquals(other, node.getFileAsPath().toAbsolutePath());
      assertArrayEquals(new int[] {3, 2}, ((Dataset) node).getDimensions());
    }
  }

  /** A Keras 3 weights file for DENSE_MODEL whose kernel dataset is named {@code kernelName}. */
  private byte[] keras3Weights(String kernelName) throws Exception {
    Path h5 = dir.resolve("w.h5");
    try (WritableHdfFile f = HdfFile.write(h5)) {
      WritableGroup vars = f.putGroup("layers").putGroup("d").putGroup("vars");
      vars.putAttribute("name", "d");
      vars.putDataset(kernelName, KERNEL);
      vars.putDataset("1", BIAS);
    }
    return Files.readAllBytes(h5);
  }

  /** A legacy HDF5 model for LEGACY_MODEL whose kernel dataset is named {@code kernelName}. */
  private byte[] legacyH5(String kernelName) throws Exception {
    Path h5 = dir.resolve("l.h5");
    try (WritableHdfFile f = HdfFile.write(h5)) {
      f.putAttribute("model_config", LEGACY_MODEL);
      WritableGroup mw = f.putGroup("model_weights");
      mw.putAttribute("layer_names", new String[] {"d"});
      WritableGroup layer = mw.putGroup("d");
      layer.putAttribute("weight_names", new String[] {"d/kernel:0", "d/bias:0"});
      WritableGroup inner = layer.putGroup("d");
      inner.putDataset(kernelName, KERNEL);
      inner.putDataset("bias:0", BIAS);
    }
    return Files.readAllBytes(h5);
  }

  private Path keras(byte[] weights) throws Exception {
    Path zip = dir.resolve("model.keras");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      KerasFixtures.put(out, "metadata.json", "{\"keras_version\": \"3.9.2\"}".getBytes(StandardCharsets.UTF_8));
      KerasFixtures.put(out, "config.json", DENSE_MODEL.getBytes(StandardCharsets.UTF_8));
      KerasFixtures.put(out, "model.weights.h5", weights);
    }
    return zip;
  }
}
