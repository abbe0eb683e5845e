package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Operator;
import io.litertj.tflite.TfliteReader;
import io.litertj.tflite.TfliteWriter;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.NpzReader;
import io.litertj.testing.ElementType;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** Converts Keras files and checks the result in real LiteRT against stored Keras outputs. */
final class KerasHarness {

  private static final Logger LOG = Logger.getLogger(KerasHarness.class.getName());

  private KerasHarness() {}

  static byte[] convert(Path keras) {
    LiteRtModel model = KerasPipeline.run(keras);
    return new TfliteWriter().toBytes(model);
  }

  static List<String> ops(byte[] tflite) {
    return ops(TfliteReader.read(tflite));
  }

  static List<String> ops(LiteRtModel model) {
    return model.subgraphs().get(0).operators().stream().map(Operator::op).map(Enum::name).toList();
  }

  /**
   * Runs our conversion on the {@code input:NAME} arrays of a {@code *.keras_outputs.npz} and checks
   * every {@code output:NAME} within the standard bound; returns the largest error seen.
   */
  static double checkAgainstNpz(byte[] tflite, Path npz) throws IOException {
    Map<String, TensorData> arrays = NpzReader.read(npz);
    Map<String, TensorData> inputs = new LinkedHashMap<>();
    Map<String, TensorData> expected = new LinkedHashMap<>();
    arrays.forEach((k, v) -> {
      if (k.startsWith("input:")) {
        inputs.put(k.substring(6), v.named(k.substring(6)));
      } else if (k.startsWith("output:")) {
        expected.put(k.substring(7), v.named(k.substring(7)));
      }
    });
    return check(tflite, inputs, expected);
  }

  static double check(byte[] tflite, Map<String, TensorData> inputs, Map<String, TensorData> expected) {
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      Map<String, TensorData> cast = castToInputTypes(lite, inputs);
      QuantizesInEveryMode.check("keras model with outputs " + expected.keySet(), tflite, cast);
      Map<String, TensorData> ours = lite.run(KerasPipeline.SIGNATURE_KEY, cast);
      assertEquals(expected.keySet(), ours.keySet(), "output names");
      double worst = 0;
      for (String name : expected.keySet()) {
        Closeness.Comparison c = Closeness.standard().compare(expected.get(name), ours.get(name));
        LOG.info(() -> name + ": " + c.describe());
        assertTrue(c.passed(), name + ": " + c.describe());
        worst = Math.max(worst, c.error());
      }
      return worst;
    }
  }

  /** Keras casts float data fed to an integer input (truncating); so do we, for the oracle. */
  private static Map<String, TensorData> castToInputTypes(LiteRtOracle lite, Map<String, TensorData> inputs) {
    Map<String, TensorData> out = new LinkedHashMap<>(inputs);
    for (TensorSpec spec : lite.signature(KerasPipeline.SIGNATURE_KEY).inputs()) {
      TensorData data = inputs.get(spec.name());
      if (data != null && spec.type() == ElementType.INT32 && data.type() == ElementType.FLOAT32) {
        float[] f = data.asFloats();
        int[] ints = new int[f.length];
        for (int i = 0; i < f.length; i++) {
          ints[i] = (int) f[i];
        }
        out.put(spec.name(), TensorData.ofInts(data.shape(), ints).named(spec.name()));
      }
    }
    return out;
  }

  static Map<String, TensorData> run(Path tflite, Map<String, TensorData> inputs) {
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      return lite.runByIndex(List.copyOf(inputs.values())).stream()
          .collect(LinkedHashMap::new, (m, t) -> m.put(t.name(), t), Map::putAll);
    }
  }
}
