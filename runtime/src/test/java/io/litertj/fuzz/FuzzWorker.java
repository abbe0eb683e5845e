package io.litertj.fuzz;

import io.litertj.ConversionException;
import io.litertj.testing.InputErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The child JVM of a fuzz campaign: runs cases {@code first..last} of one target in order and
 * reports each on stdout ({@code @@FUZZ START id}, then {@code @@FUZZ DONE id OUTCOME detail}). A
 * case that kills or hangs the JVM is told by the parent from the missing DONE line. After an
 * OutOfMemoryError the worker exits, so that the next case starts in a clean heap.
 *
 * <p>Arguments: target, first case, last case, work directory, shared models directory. Run one
 * case by hand with the same arguments (first = last) to debug it.
 */
public final class FuzzWorker {

  static final String PREFIX = "@@FUZZ ";
  static final int EXIT_AFTER_OOM = 3;

  private FuzzWorker() {}

  public static void main(String[] args) throws IOException {
    FuzzTarget target = FuzzTarget.valueOf(args[0]);
    int first = Integer.parseInt(args[1]);
    int last = Integer.parseInt(args[2]);
    Path work = Path.of(args[3]);
    Seeds seeds = new Seeds(Path.of(args[4]));
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    System.setOut(System.err); // nothing but the protocol on stdout
    for (int id = first; id <= last; id++) {
      out.println(PREFIX + "START " + id);
      Path dir = work.resolve(target.name().toLowerCase() + "-" + id);
      Outcome.Result result;
      boolean oom = false;
      try {
        result = runCase(target, seeds, id, dir);
      } catch (OutOfMemoryError e) {
        result = new Outcome.Result(Outcome.OOM, String.valueOf(e.getMessage()));
        oom = true;
      }
      out.println(PREFIX + "DONE " + id + " " + result.outcome() + " " + oneLine(result.detail()));
      deleteTree(dir);
      if (oom) {
        System.exit(EXIT_AFTER_OOM);
      }
    }
  }

  static Outcome.Result runCase(FuzzTarget target, Seeds seeds, int id, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path input = target.prepare(seeds, dir, target.random(id), id);
    List<Path> before = listing(dir);
    Path output = dir.resolve("out.tflite");
    Throwable failure = null;
    try {
      target.run(seeds, input, output, id);
    } catch (OutOfMemoryError e) {
      throw e;
    } catch (Throwable t) {
      failure = t;
    }
    Outcome.Result result = classify(failure);
    List<Path> after = listing(dir);
    after.removeAll(before);
    if (failure == null) {
      after.remove(output);
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> temporary = listing(tmp);
    if (!after.isEmpty() || !temporary.isEmpty()) {
      return new Outcome.Result(Outcome.LEFTOVER, "left " + after + " " + temporary + " after " + result);
    }
    return result;
  }

  static Outcome.Result classify(Throwable t) {
    if (t == null) {
      return new Outcome.Result(Outcome.CONVERTED, "");
    }
    if (t instanceof ConversionException e) {
      if (e.isInternal()) {
        return new Outcome.Result(Outcome.INTERNAL, e.getMessage() + where(e.getCause()));
      }
      Optional<String> leak = InputErrors.leakedClassName(e.getMessage());
      return leak.isPresent() ? new Outcome.Result(Outcome.LEAKY, leak.get() + " in: " + e.getMessage())
          : new Outcome.Result(Outcome.CLEAN, e.getMessage());
    }
    return new Outcome.Result(Outcome.ESCAPE, t + where(t));
  }

  /** The first of our frames that threw, so a report line says where to look. */
  private static String where(Throwable t) {
    if (t == null) {
      return "";
    }
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().startsWith("io.litertj.") && !frame.getClassName().startsWith("io.litertj.fuzz")) {
        return " @ " + frame;
      }
    }
    return t.getStackTrace().length > 0 ? " @ " + t.getStackTrace()[0] : "";
  }

  private static String oneLine(String s) {
    String flat = s.replace('\n', ' ').replace('\r', ' ');
    return flat.length() > 3000 ? flat.substring(0, 3000) + "..." : flat;
  }

  private static List<Path> listing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return new java.util.ArrayList<>();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return new java.util.ArrayList<>(files.filter(Files::isRegularFile).toList());
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
