package io.litertj.files;

import io.litertj.ConversionException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * File errors in the user's terms: the file named once, "not found" for a missing one, the
 * operating system's reason without the file names (temporary ones included) and exception
 * classes the JDK puts in its messages.
 */
public final class FileErrors {

  private FileErrors() {}

  /** Why the operation failed, in words: "not found", "permission denied", "no space left on device". */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "not found";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f) {
      return f.getReason() == null ? "the file system refused it" : lowerFirst(f.getReason());
    }
    return e.getMessage() == null || e.getMessage().isBlank() ? "an I/O error" : lowerFirst(e.getMessage());
  }

  /**
   * An error reading {@code file}, which {@code what} names ("the Keras file"): "Keras file not
   * found: PATH" when it is missing, "the Keras file PATH is a directory", else "cannot read the
   * Keras file PATH: REASON". Add a hint and build.
   */
  public static ConversionException.Builder reading(String what, Path file, IOException e) {
    String message;
    if (e instanceof NoSuchFileException || !Files.exists(file)) {
      message = (what.startsWith("the ") ? what.substring(4) : what) + " not found: " + file;
    } else if (Files.isDirectory(file)) {
      message = what + " " + file + " is a directory";
    } else {
      message = "cannot read " + what + " " + file + ": " + reason(e);
    }
    return ConversionException.builder(message).named(file).cause(e);
  }

  private static String lowerFirst(String text) {
    return text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))
        ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
  }
}
