package io.litertj.bench;

import io.litertj.LiteRtConverter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Converts one SavedModel and exits: 0 when it converted, 3 on {@link OutOfMemoryError}. The
 * benchmark runs it in child JVMs with ever smaller {@code -Xmx} to find the heap a conversion needs.
 */
public final class ConvertOnce {

  /** The exit code for an {@link OutOfMemoryError}. */
  static final int OUT_OF_MEMORY = 3;

  private ConvertOnce() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[1]);
    try {
      LiteRtConverter.fromSavedModel(Path.of(args[0])).convertTo(out);
      Files.deleteIfExists(out);
    } catch (Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof OutOfMemoryError) {
          System.exit(OUT_OF_MEMORY);
        }
      }
      throw t;
    }
    System.exit(0);
  }
}
