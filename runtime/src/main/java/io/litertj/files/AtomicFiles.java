package io.litertj.files;

import io.litertj.ConversionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the complete new one: a temporary
 * file in the same directory, synced, then renamed over the target. A failure leaves no temporary
 * file behind. Every file litertj writes (models, reports, recipe locks) goes through here.
 */
public final class AtomicFiles {

  /** Fills the file through a channel positioned at 0. */
  public interface Body {
    void write(FileChannel channel) throws IOException;
  }

  private AtomicFiles() {}

  /** Writes {@code text} as UTF-8; {@code what} names the file in errors ("the report"). */
  public static void writeString(Path target, String what, String text) {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    write(target, what, channel -> {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    });
  }

  /**
   * Fills a temporary file with {@code body}, syncs it and renames it over {@code target}.
   *
   * @param what names the file in errors ("the model")
   * @throws ConversionException if the directory is missing or writing fails; the target is untouched
   */
  public static void write(Path target, String what, Body body) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw ConversionException.builder("cannot write " + what + " to " + target + ": the output directory " + dir
              + " does not exist")
          .named(target)
          .hint("create it first, or write to a directory that exists")
          .build();
    }
    if (Files.isDirectory(absolute)) {
      throw ConversionException.builder("cannot write " + what + " to " + target + ": it is a directory")
          .named(target)
          .hint("name a file in it, e.g. " + target.resolve(what.contains("report") ? "report.json" : "model.tflite"))
          .build();
    }
    Path temp = null;
    boolean moved = false;
    try {
      temp = createTemp(dir, absolute.getFileName().toString());
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        body.write(channel);
        channel.force(true);
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } catch (IOException e) {
      // The reason only: the JDK's message names the temporary file, which the user never asked for.
      String reason = FileErrors.reason(e);
      if (temp != null) {
        reason = reason.replace(temp + ": ", "").replace(temp.toString(), "the file");
      }
      throw ConversionException.builder("cannot write " + what + " to " + target + ": " + reason)
          .named(target).cause(e).build();
    } finally {
      if (!moved && temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The original failure is the one to report.
        }
      }
    }
  }

  /** Created with the default permissions (unlike Files.createTempFile's owner-only ones). */
  private static Path createTemp(Path dir, String name) throws IOException {
    while (true) {
      String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
      Path candidate = dir.resolve("." + name + "." + suffix + ".tmp");
      try {
        FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return candidate;
      } catch (FileAlreadyExistsException e) {
        // Try another name.
      }
    }
  }
}
