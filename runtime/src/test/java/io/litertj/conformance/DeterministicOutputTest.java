package io.litertj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.litertj.LiteRtConverter;
import io.litertj.testing.ElementType;
import io.litertj.testing.SavedModels;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same SavedModel converted twice, in memory and to a file, gives byte-identical models. */
class DeterministicOutputTest {

  @TempDir
  Path temp;

  @Test
  void generatedModelConvertsToIdenticalBytes() throws IOException {
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 8)
        .variable("w", TensorData.ofFloats(new long[] {8, 3}, new float[24]))
        .variable("b", TensorData.ofFloats(new long[] {3}, 1, 2, 3))
        .output("y", g -> g.tf().nn.relu(g.tf().math.add(g.tf().linalg.matMul(g.input("x"), g.variable("w")),
            g.variable("b"))))
        .export(temp.resolve("model"));
    assertIdenticalTwice(dir);
  }

  @Test
  void dsCnnConvertsToIdenticalBytes() throws IOException {
    assertIdenticalTwice(SharedModels.require().resolve("mlperf_tiny_kws_dscnn_tf2"));
  }

  private void assertIdenticalTwice(Path dir) throws IOException {
    byte[] first = LiteRtConverter.fromSavedModel(dir).convert().bytes();
    byte[] second = LiteRtConverter.fromSavedModel(dir).convert().bytes();
    Path file = temp.resolve("written.tflite");
    LiteRtConverter.fromSavedModel(dir).convertTo(file);
    assertArrayEquals(first, second, "two in-memory conversions differ");
    assertArrayEquals(first, Files.readAllBytes(file), "the written file differs from the in-memory model");
  }
}
