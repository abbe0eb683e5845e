package io.litertj.processor;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Where relative model paths are resolved at compile time: the processor option
 * {@code -Alitertj.baseDir=DIR} when given, else the project directory, found as the nearest folder
 * above the class output ({@code target/classes}, {@code build/classes/java/main}) that holds a
 * build file, else the compiler's working directory. So a Maven or Gradle build needs no flag: its
 * model paths resolve against {@code ${project.basedir}}, as the {@code litertj-maven-plugin}
 * resolves them at run time.
 */
final class BaseDirectory {

  /** The build files that mark a project directory. */
  static final List<String> BUILD_FILES = List.of("pom.xml", "build.gradle", "build.gradle.kts");

  private BaseDirectory() {}

  static Path find(String option, Filer filer) {
    if (option != null && !option.isBlank()) {
      return Path.of(option).toAbsolutePath().normalize();
    }
    return classOutput(filer).flatMap(BaseDirectory::projectAbove).orElse(Path.of("").toAbsolutePath());
  }

  /** The nearest folder at or above {@code dir} that holds a build file. */
  static Optional<Path> projectAbove(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      for (String f : BUILD_FILES) {
        if (Files.isRegularFile(d.resolve(f))) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }

  /** The class output folder, when it is one on disk (not with in-memory file managers). */
  private static Optional<Path> classOutput(Filer filer) {
    try {
      // a name nothing creates: asking for a file to write is allowed once per name
      FileObject probe = filer.getResource(StandardLocation.CLASS_OUTPUT, "", "litertj-base-directory-probe");
      URI uri = probe.toUri();
      if (!"file".equals(uri.getScheme())) {
        return Optional.empty();
      }
      return Optional.ofNullable(Path.of(uri).getParent());
    } catch (IOException | IllegalArgumentException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty(); // a compiler or file manager that cannot say: the working directory
    }
  }
}
