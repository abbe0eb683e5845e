package io.litertj.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.testing.InputErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write names the file the user asked for, once, and never the temporary file behind it. */
class AtomicFilesTest {

  @TempDir
  Path temp;

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aFailingWriteNamesTheTargetAndNotTheTemporaryFile() throws IOException {
    Path target = temp.resolve("out.tflite");
    // As the JDK names files in its messages: the temporary file being written.
    ConversionException e = InputErrors.assertInputError(() -> AtomicFiles.write(target, "the model", channel -> {
      try (Stream<Path> files = Files.list(temp)) {
        throw new IOException(files.findFirst().orElseThrow() + ": No space left on device");
      }
    }));
    assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
    assertEquals(1, count(e.getMessage(), target.toString()), e.getMessage());
    try (Stream<Path> left = Files.list(temp)) {
      assertEquals(0, left.count(), "the temporary file was left behind");
    }
  }

  @Test
  void aMissingDirectoryIsNamedAsSuch() {
    Path dir = temp.resolve("missing");
    ConversionException e = InputErrors.assertInputError(
        () -> AtomicFiles.writeString(dir.resolve("r.json"), "the report", "{}"));
    assertEquals("cannot write the report to " + dir.resolve("r.json") + ": the output directory " + dir
        + " does not exist. Create it first, or write to a directory that exists", e.getMessage());
  }

  @Test
  void aDirectoryIsNotOverwritten() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("out"));
    ConversionException e = InputErrors.assertInputError(() -> AtomicFiles.writeString(dir, "the report", "{}"));
    assertTrue(e.getMessage().startsWith("cannot write the report to " + dir + ": it is a directory. Name a file"),
        e.getMessage());
    assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
  }
}
