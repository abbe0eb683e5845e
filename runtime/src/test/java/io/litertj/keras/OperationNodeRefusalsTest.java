package io.litertj.keras;

import static io.litertj.keras.OpModels.in;
import static io.litertj.keras.OpModels.node;
import static io.litertj.keras.OpModels.t;
import static io.litertj.testing.ElementType.FLOAT32;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.TensorData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * No operation node is ever dropped: every registered class, called plainly, either converts to a
 * model that runs in LiteRT or is refused with a ConversionException naming the node and its
 * class; called with an argument or setting it does not know, it is refused by name; classes not
 * registered (Fft, Erf, a made-up Frobnicate) are refused with their class and module.
 */
class OperationNodeRefusalsTest {

  private static final Logger LOG = Logger.getLogger(OperationNodeRefusalsTest.class.getName());

  @TempDir
  Path dir;

  private static final OpModels.Input X = in("x", FLOAT32, -1, 3, 4);

  private static String module(String cls) {
    return switch (cls) {
      case "Relu", "Relu6", "Sigmoid", "Silu", "Selu", "HardSigmoid", "HardSilu", "Gelu", "LeakyRelu", "Elu",
          "Softplus", "Softsign", "LogSigmoid", "Softmax", "LogSoftmax" -> "keras.src.ops.nn";
      case "Cast", "ConvertToTensor", "StopGradient", "Unstack", "Slice" -> "keras.src.ops.core";
      case "Rsqrt" -> "keras.src.ops.math";
      default -> "keras.src.ops.numpy";
    };
  }

  private byte[] convert(String label, String cls, String module, String config, String args, String kwargs,
      List<String> outputs) {
    OpModels.Case c = OpModels.of(label, List.of(X), List.of(node(module, cls, "op", config, args, kwargs)), outputs,
        tf -> Map.of());
    return KerasHarness.convert(OpModels.write(c, dir.resolve(label)));
  }

  private static void assertNamed(ConversionException e, String cls) {
    assertTrue(e.getMessage().contains("node 'op'") && e.getMessage().contains("op " + cls),
        "the refusal names the node and its class: " + e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), "no JDK exception in the message: " + e.getMessage());
  }

  @TestFactory
  Stream<DynamicTest> everyRegisteredOperationConvertsOrIsRefusedByName() {
    TreeSet<String> names = new TreeSet<>(LayerTable.standard().operationNames());
    return names.stream().map(cls -> DynamicTest.dynamicTest(cls, () -> {
      String module = module(cls);
      // Called with the input alone and no settings: a model that runs, or a refusal by name.
      try {
        byte[] tflite = convert(cls + "_plain", cls, module, "", t("x"), "", List.of("op"));
        try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
          Map<String, TensorData> inputs = RandomInputs.seeded(1).batch(2).forSignature(
              lite.signature(KerasPipeline.SIGNATURE_KEY));
          assertFalse(lite.run(KerasPipeline.SIGNATURE_KEY, inputs).isEmpty(), cls + " computes nothing");
        }
      } catch (ConversionException e) {
        assertNamed(e, cls);
        LOG.info(() -> cls + " called with x alone: " + e.getMessage());
      }
      // More positional arguments than any operation takes: never dropped.
      ConversionException extra = assertThrows(ConversionException.class, () -> convert(cls + "_extra", cls, module,
          "", t("x") + ", 2.0, 3.0, 4.0, 5.0", "", List.of("op")));
      assertNamed(extra, cls);
      // A keyword argument and a setting it does not know: refused, not ignored.
      ConversionException keyword = assertThrows(ConversionException.class, () -> convert(cls + "_kwarg", cls, module,
          "", t("x"), "\"frobnicate\": 1.5", List.of("op")));
      assertNamed(keyword, cls);
      ConversionException setting = assertThrows(ConversionException.class, () -> convert(cls + "_setting", cls,
          module, "\"frobnicate\": 1.5", t("x"), "", List.of("op")));
      assertNamed(setting, cls);
    }));
  }

  @TestFactory
  Stream<DynamicTest> unknownOperationsAreRefusedWithClassAndModule() {
    return Stream.of(
        new String[] {"FFT", "keras.src.ops.math"},
        new String[] {"Fft", "keras.src.ops.math"},
        new String[] {"Cumprod", "keras.src.ops.numpy"},
        new String[] {"Frobnicate", "keras.src.ops.numpy"}
    ).map(p -> DynamicTest.dynamicTest(p[0] + " " + p[1],
        () -> {
          if (LayerTable.standard().operationNames().contains(p[0])) {
            throw new AssertionError(p[0] + " is registered now; move it to the registered cases");
          }
          ConversionException e = assertThrows(ConversionException.class,
              () -> convert(p[0], p[0], p[1], "", t("x"), "", List.of("op")));
          assertTrue(e.getMessage().contains("Keras operation " + p[0] + " (module " + p[1] + ") is not supported"),
              e.getMessage());
          assertNamed(e, p[0]);
        }));
  }
}
