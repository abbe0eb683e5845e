package io.litertj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.testing.ElementType;
import io.litertj.testing.SavedModels;
import io.litertj.testing.TensorData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message rows, from the command line: one style (what, where, then the fix as a
 * sentence), each path named once, "not found" where a file is missing.
 */
class CliMessagesTest {

  @TempDir
  Path temp;

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  /** Exit 1 with one line: a missing file is "not found", its path given once, the fix a sentence. */
  private static String assertNotFound(Cli.Outcome o, String expectedStart, Path path) {
    assertEquals(1, o.exit(), o.err());
    String line = o.err().strip();
    assertTrue(line.startsWith("litert-convert: error: " + expectedStart), line);
    assertEquals(1, count(line, path.toString()), "the path is named more than once: " + line);
    assertSentences(line);
    return line;
  }

  /** After a full stop comes a capital letter. */
  private static void assertSentences(String text) {
    Matcher m = Pattern.compile("\\. ([a-z])").matcher(text);
    assertFalse(m.find(), "a lower-case sentence after a full stop: " + text);
  }

  /** The "no saved_model.pb in X in X/saved_model.pb". */
  @Test
  void aMissingSavedModelPbIsNamedOnce() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("empty"));
    Cli.Outcome o = Cli.run("--saved_model_dir", dir.toString(), "--output_file", temp.resolve("o.tflite").toString());
    assertNotFound(o, "saved_model.pb not found in " + dir + ". Pass the directory that tf.saved_model.save wrote", dir);
  }

  @Test
  void aMissingSavedModelDirectoryIsNotFound() {
    Path dir = temp.resolve("nowhere");
    assertNotFound(Cli.run("--saved_model_dir", dir.toString(), "--output_file", temp.resolve("o.tflite").toString()),
        "SavedModel directory not found: " + dir + ". Pass the directory that holds saved_model.pb", dir);
  }

  /** The "cannot read the Keras file: X in X", which never said "not found". */
  @Test
  void aMissingKerasFileIsNotFound() {
    Path file = temp.resolve("model.keras");
    assertNotFound(Cli.run("--keras_model_file", file.toString(), "--output_file", temp.resolve("o.tflite").toString()),
        "Keras file not found: " + file, file);
  }

  @Test
  void missingTfliteAndDatasetFilesAreNotFound() throws IOException {
    Path tflite = temp.resolve("model.tflite");
    assertNotFound(Cli.run("--tflite_model_file", tflite.toString(), "--output_file", temp.resolve("o.tflite").toString()),
        ".tflite file not found: " + tflite, tflite);
    Path model = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 2)
        .variable("w", TensorData.ofFloats(new long[] {2, 2}, 1, 2, 3, 4))
        .output("y", g -> g.tf().linalg.matMul(g.input("x"), g.variable("w")))
        .export(temp.resolve("model"));
    Path npz = temp.resolve("samples.npz");
    assertNotFound(Cli.run("--saved_model_dir", model.toString(), "--output_file", temp.resolve("q.tflite").toString(),
        "--quantize", "int8", "--representative_dataset", npz.toString()), "dataset file not found: " + npz, npz);
  }

  /** Hints are sentences: "Its signatures are ...", not "its signatures are ...". */
  @Test
  void theFixIsASentence() throws IOException {
    Path model = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 2)
        .output("y", g -> g.tf().math.neg(g.input("x")))
        .export(temp.resolve("neg"));
    Cli.Outcome o = Cli.run("--saved_model_dir", model.toString(), "--output_file", temp.resolve("n.tflite").toString(),
        "--saved_model_tag_set", "serve,gpu");
    Cli.assertMisuse(o, "the SavedModel has no MetaGraph tagged gpu,serve in " + model.resolve("saved_model.pb"),
        "Its tag sets are serve; pass one of them (--saved_model_tag_set)");
  }
}
