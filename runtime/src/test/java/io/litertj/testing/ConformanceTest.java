package io.litertj.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-call check on pairs of (SavedModel, official-converter .tflite) from ../shared/models. */
class ConformanceTest {

  @Test
  void halfPlusTwoConformsOnRandomInputs() throws IOException {
    Path savedModel = SharedModels.path("half_plus_two_tf1");
    byte[] tflite = Files.readAllBytes(SharedModels.path("half_plus_two_tf1/reference/model.tflite"));
    Conformance.Run run = Conformance.check(savedModel, tflite, "serving_default", RandomInputs.seeded(5).batch(4));
    assertArrayEquals(new long[] {4, 1}, run.inputs().get("x").shape());
    float[] x = run.inputs().get("x").asFloats();
    float[] y = run.ours().get("y").asFloats();
    for (int i = 0; i < x.length; i++) {
      assertEquals(0.5f * x[i] + 2f, y[i], 1e-6f);
    }
  }

  @Test
  void aNumericDifferenceFailsTheCheck(@TempDir Path temp) throws IOException {
    Path almost = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 1)
        .output("y", g -> g.tf().math.add(g.tf().math.mul(g.input("x"), g.constant(TensorData.scalar(0.5f))),
            g.constant(TensorData.scalar(2.001f))))
        .export(temp.resolve("half_plus_almost_two"));
    byte[] tflite = Files.readAllBytes(SharedModels.path("half_plus_two_tf1/reference/model.tflite"));
    AssertionError e = assertThrows(AssertionError.class,
        () -> Conformance.check(almost, tflite, "serving_default", RandomInputs.seeded(1)));
    assertTrue(e.getMessage().startsWith("output 'y': too far: worst |ours - ref| = 0.000999"), e.getMessage());
  }

  @Test
  void differentInputNamesFailTheCheck() throws IOException {
    byte[] sine = Files.readAllBytes(SharedModels.path("tflm_hello_world_tflite/hello_world_float.tflite"));
    Path savedModel = SharedModels.path("half_plus_two_tf1");
    AssertionError e = assertThrows(AssertionError.class,
        () -> Conformance.check(savedModel, sine, "serving_default", RandomInputs.seeded(1)));
    assertEquals("signature 'serving_default': input names differ: TensorFlow has [x], the .tflite has [dense_input]",
        e.getMessage());
  }
}
