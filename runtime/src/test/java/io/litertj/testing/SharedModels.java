package io.litertj.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the team's test models, {@code ../shared/models} beside the repository, and skips a test
 * with a clear message where they are absent (a fresh clone outside the team has none).
 *
 * <p>Looked for, in order: the system property {@code litertj.shared.models}; {@code ../shared/models}
 * and {@code ../../shared/models} from the working directory (Maven runs a module's tests in the
 * module's directory, so the second one is the usual hit).
 *
 * <pre>{@code
 * Path kws = SharedModels.path("mlperf_tiny_kws_dscnn_tf2"); // skips the test if absent
 * }</pre>
 */
public final class SharedModels {
  /** The system property that overrides the search. */
  public static final String PROPERTY = "litertj.shared.models";

  private SharedModels() {}

  /** The models directory, if one is found. */
  public static Optional<Path> root() {
    String override = System.getProperty(PROPERTY);
    if (override != null && !override.isBlank()) {
      Path p = Path.of(override);
      return Files.isDirectory(p) ? Optional.of(p.toAbsolutePath().normalize()) : Optional.empty();
    }
    for (String candidate : List.of("../shared/models", "../../shared/models")) {
      Path p = Path.of(candidate).toAbsolutePath().normalize();
      if (Files.isDirectory(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether the models directory is there. */
  public static boolean present() {
    return root().isPresent();
  }

  /**
   * The models directory; skips the calling test (a JUnit assumption) if it is absent, with the
   * message {@code "../shared/models is absent: skipping <Class.method>"}.
   */
  public static Path require() {
    Optional<Path> root = root();
    if (root.isEmpty()) {
      assumeTrue(false, "../shared/models is absent: skipping " + caller());
    }
    return root.get();
  }

  /**
   * A file or directory under the models directory; skips the calling test if the directory or
   * that entry is absent.
   *
   * @param relative for example {@code "half_plus_two_tf1/reference/model.tflite"}
   */
  public static Path path(String relative) {
    Path p = require().resolve(relative);
    if (!Files.exists(p)) {
      assumeTrue(false, "../shared/models/" + relative + " is absent: skipping " + caller());
    }
    return p;
  }

  /**
   * The calling test as {@code SimpleClassName.method}: the first frame outside this class, JUnit
   * and the JDK, with a lambda's frame named after the method that holds the lambda.
   */
  private static String caller() {
    return StackWalker.getInstance().walk(frames -> frames
        .filter(f -> !f.getClassName().equals(SharedModels.class.getName()))
        .filter(f -> !f.getClassName().startsWith("org.junit.") && !f.getClassName().startsWith("java.")
            && !f.getClassName().startsWith("jdk."))
        .findFirst()
        .map(f -> simpleName(f.getClassName()) + "." + f.getMethodName().replaceAll("^lambda\\$(.*)\\$\\d+$", "$1"))
        .orElse("the test"));
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
