package io.litertj.conformance;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.LiteRtConverter;
import io.litertj.testing.ElementType;
import io.litertj.testing.InputErrors;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged SavedModels end in our exception with a message that says what and where, and no
 * output file is left behind. The model is written by real TensorFlow, then damaged by the test.
 */
class CorruptInputTest {

  @TempDir
  static Path temp;
  static Path pristine;

  @BeforeAll
  static void writeModel() {
    float[] weights = new float[64 * 32];
    Random random = new Random(5);
    for (int i = 0; i < weights.length; i++) {
      weights[i] = random.nextFloat() - 0.5f;
    }
    pristine = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 64)
        .variable("w", TensorData.ofFloats(new long[] {64, 32}, weights))
        .output("y", g -> g.tf().linalg.matMul(g.input("x"), g.variable("w")))
        .export(temp.resolve("pristine"));
  }

  @Test
  void pristineModelConverts() throws IOException {
    Path out = temp.resolve("pristine.tflite");
    LiteRtConverter.fromSavedModel(pristine).convertTo(out);
    assertTrue(Files.size(out) > 64 * 32 * 4);
  }

  @Test
  void truncatedSavedModelPb() throws IOException {
    Path dir = copy("truncated_pb");
    Path pb = dir.resolve("saved_model.pb");
    byte[] bytes = Files.readAllBytes(pb);
    Files.write(pb, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertFailsCleanly(dir, "saved_model.pb", "truncated or corrupt");
  }

  @Test
  void randomlyDamagedSavedModelPbEndsInOurExceptionOrConverts() throws IOException {
    Path dir = copy("fuzzed_pb");
    Path pb = dir.resolve("saved_model.pb");
    byte[] original = Files.readAllBytes(pb);
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      byte[] damaged = original.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
      }
      Files.write(pb, damaged);
      InputErrors.convertsOrInputError(() -> LiteRtConverter.fromSavedModel(dir).convert(), "round " + round);
    }
  }

  @Test
  void missingSavedModelPb() throws IOException {
    Path dir = copy("missing_pb");
    Files.delete(dir.resolve("saved_model.pb"));
    assertFailsCleanly(dir, "saved_model.pb not found in " + dir);
  }

  @Test
  void truncatedVariablesIndex() throws IOException {
    Path dir = copy("truncated_index");
    Path index = dir.resolve("variables/variables.index");
    byte[] bytes = Files.readAllBytes(index);
    Files.write(index, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    assertFailsCleanly(dir, "variables.index");
  }

  @Test
  void bitFlippedVariablesIndex() throws IOException {
    Path dir = copy("flipped_index");
    Path index = dir.resolve("variables/variables.index");
    byte[] bytes = Files.readAllBytes(index);
    bytes[10] ^= 0x40;
    Files.write(index, bytes);
    assertFailsCleanly(dir, "variables.index");
  }

  @Test
  void bitFlippedDataShard() throws IOException {
    Path dir = copy("flipped_data");
    Path data;
    try (Stream<Path> files = Files.list(dir.resolve("variables"))) {
      data = files.filter(p -> p.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(data, bytes);
    assertFailsCleanly(dir, "CRC mismatch", "variables.data");
  }

  @Test
  void aBitFlipInARealDataShardFailsEverySignatureAsInput() throws IOException {
    // half_plus_two_tf2: the flip lands in the checkpoint's object graph, which every signature
    // reads; the first signature saw the CRC error, the others an NPE ("this.keys is null").
    Path source = io.litertj.testing.SharedModels.path("half_plus_two_tf2");
    Path dir = temp.resolve("half_plus_two_flipped");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path dest = dir.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
          dest.toFile().setWritable(true);
        }
      }
    }
    Path data = dir.resolve("variables/variables.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(data, bytes);
    ConversionException e = assertInputError(() -> LiteRtConverter.fromSavedModel(dir)
        .signatureKeys("serving_default", "regress_x2_to_y3", "classify_x2_to_y3").convert());
    assertTrue(e.getMessage().startsWith("3 of 3 signatures cannot be converted"), e.getMessage());
    assertEquals(3, e.getMessage().split("CRC mismatch", -1).length - 1, e.getMessage());
  }

  @Test
  void missingVariablesDirectory() throws IOException {
    Path dir = copy("no_variables");
    deleteTree(dir.resolve("variables"));
    assertFailsCleanly(dir, "no variables/ directory", "w");
  }

  @Test
  void wrongTagSet() throws IOException {
    ConversionException e = assertInputError(
        () -> LiteRtConverter.fromSavedModel(pristine).tags("gpu").convertTo(temp.resolve("tag.tflite")));
    assertTrue(e.isUsage() && e.getMessage().contains("no MetaGraph tagged gpu")
        && e.getMessage().contains("Its tag sets are serve;"), e.getMessage());
    assertFalse(Files.exists(temp.resolve("tag.tflite")));
  }

  @Test
  void unknownSignatureKey() {
    ConversionException e = assertInputError(
        () -> LiteRtConverter.fromSavedModel(pristine).signatureKeys("predict").convertTo(temp.resolve("sig.tflite")));
    assertTrue(e.getMessage().contains("'predict'") && e.getMessage().contains("serving_default"), e.getMessage());
    assertFalse(Files.exists(temp.resolve("sig.tflite")));
  }

  @Test
  void failedConversionKeepsAnExistingOutputIntact() throws IOException {
    Path dir = copy("keeps_output");
    Files.delete(dir.resolve("saved_model.pb"));
    Path out = temp.resolve("existing.tflite");
    Files.write(out, new byte[] {1, 2, 3});
    assertInputError(() -> LiteRtConverter.fromSavedModel(dir).convertTo(out));
    assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), boxed(Files.readAllBytes(out)));
    try (Stream<Path> left = Files.list(temp)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "a temporary file was left");
    }
  }

  private static void assertFailsCleanly(Path dir, String... messageParts) {
    Path out = dir.resolveSibling(dir.getFileName() + ".tflite");
    ConversionException e = assertInputError(
        () -> LiteRtConverter.fromSavedModel(dir).convertTo(out));
    for (String part : messageParts) {
      assertTrue(e.getMessage().contains(part), () -> "message lacks '" + part + "':\n" + e.getMessage());
    }
    assertFalse(Files.exists(out), "a failed conversion left " + out);
  }

  private static Path copy(String name) throws IOException {
    Path target = temp.resolve(name);
    try (Stream<Path> files = Files.walk(pristine)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path dest = target.resolve(pristine.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest);
        }
      }
    }
    return target;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private static List<Byte> boxed(byte[] bytes) {
    List<Byte> out = new java.util.ArrayList<>();
    for (byte b : bytes) {
      out.add(b);
    }
    return out;
  }
}
