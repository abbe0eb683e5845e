package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.NpzReader;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The shared real Keras files against real Keras's outputs and the official converter's files. */
class KerasSharedModelsTest {

  private static final Logger LOG = Logger.getLogger(KerasSharedModelsTest.class.getName());

  @Test
  void resnet8MatchesKerasAndTheOfficialFloatModel() throws Exception {
    Path dir = SharedModels.path("mlperf_tiny_resnet8_h5");
    byte[] ours = KerasHarness.convert(dir.resolve("pretrainedResnet.h5"));
    Path reference = dir.resolve("reference/pretrainedResnet.tflite");
    assertEquals(KerasHarness.ops(io.litertj.tflite.TfliteReader.read(reference)), KerasHarness.ops(ours));
    double worst = KerasHarness.checkAgainstNpz(ours, dir.resolve("pretrainedResnet.keras_outputs.npz"));
    Map<String, TensorData> npz = NpzReader.read(dir.resolve("pretrainedResnet.keras_outputs.npz"));
    TensorData input = npz.get("input:input_1");
    try (LiteRtOracle ref = LiteRtOracle.load(reference); LiteRtOracle mine = LiteRtOracle.load(ours)) {
      TensorData theirs = ref.runByIndex(List.of(input)).get(0);
      TensorData ourOut = mine.run(KerasPipeline.SIGNATURE_KEY, Map.of("input_1", input.named("input_1"))).get("dense");
      Closeness.Comparison c = Closeness.standard().compare(theirs, ourOut);
      assertEquals(true, c.passed(), c.describe());
      LOG.info("resnet8: vs Keras " + worst + ", vs official " + c.error());
    }
  }

  @Test
  void toyCarAutoencoderMatchesKeras() throws Exception {
    Path dir = SharedModels.path("mlperf_tiny_ad_autoencoder_h5");
    byte[] ours = KerasHarness.convert(dir.resolve("model_ToyCar.hdf5"));
    double worst = KerasHarness.checkAgainstNpz(ours, dir.resolve("model_ToyCar.keras_outputs.npz"));
    LOG.info("ToyCar: vs Keras " + worst + " ops " + KerasHarness.ops(ours));
  }
}
