package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.LiteRtModel;
import io.litertj.tflite.TfliteWriter;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.NpzReader;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MultiHeadAttention layers of the shared Keras 3.15 transformers (a padding
 * {@code attention_mask} made by a Cast-to-bool node and a causal block in text_encoder, plain
 * self-attention in tiny_vit) against Keras's own outputs, within {@code 1e-5 + 1e-3·max|ref|}.
 */
class SharedAttentionModelsTest {

  private static final Logger LOG = Logger.getLogger(SharedAttentionModelsTest.class.getName());
  private static final Closeness BOUND = Closeness.of(1e-5, 1e-3);

  @ParameterizedTest
  @ValueSource(strings = {"gen_keras3_transformer/text_encoder", "gen_keras3_transformer/tiny_vit"})
  void matchesKeras(String model) throws Exception {
    Path dir = SharedModels.path(model);
    LiteRtModel converted = KerasPipeline.run(dir.resolve("model.keras"));
    List<String> outputs = List.copyOf(converted.subgraphs().get(0).outputs().keySet());
    byte[] tflite = new TfliteWriter().toBytes(converted);
    Map<String, TensorData> inputs = new LinkedHashMap<>();
    NpzReader.read(dir.resolve("inputs.npz")).forEach((k, v) -> inputs.put(k, v.named(k)));
    Map<String, TensorData> expected = NpzReader.read(dir.resolve("outputs.npz"));
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      Map<String, TensorData> ours = lite.run(KerasPipeline.SIGNATURE_KEY, inputs);
      assertEquals(expected.size(), outputs.size(), "output count");
      for (int i = 0; i < outputs.size(); i++) {
        Closeness.Comparison c = BOUND.compare(expected.get("output_" + i), ours.get(outputs.get(i)));
        LOG.info(model + " output_" + i + ": " + c.describe());
        assertTrue(c.passed(), model + " output_" + i + ": " + c.describe());
      }
    }
    QuantizesInEveryMode.check(model, tflite, inputs);
  }
}
