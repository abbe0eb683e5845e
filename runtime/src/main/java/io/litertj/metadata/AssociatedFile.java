package io.litertj.metadata;

import io.litertj.ConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file packed into the model (a zip entry after the flatbuffer) and described in its metadata:
 * a label file, a vocabulary, a readme. The entry is named after the file, without its directory,
 * as the official metadata populator names it.
 *
 * @param name        the entry's name in the model file
 * @param type        what it holds
 * @param description what it is, or null
 * @param locale      its language (an ISO 639-1 code such as {@code en}), or null
 * @param path        where to read it from, or null when {@code content} is given
 * @param content     its bytes, or null when read from {@code path} at conversion time
 */
public record AssociatedFile(String name, FileType type, String description, String locale, Path path,
    byte[] content) {

  /** What the support library shows for a label file that says nothing else. */
  static final String LABELS_DESCRIPTION = "Labels for the categories the model tells apart.";

  /** Largest file packed into a model: label files and vocabularies are small. */
  static final long MAX_BYTES = 256L << 20;

  public AssociatedFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException("an associated file's name is a plain file name, not '" + name + "'");
    }
    if ((path == null) == (content == null)) {
      throw new IllegalArgumentException("an associated file has a path or content, not both or neither");
    }
    content = content == null ? null : content.clone();
  }

  /** The file at {@code path}, read when the model is written. */
  public static AssociatedFile of(Path path, FileType type) {
    Path file = Objects.requireNonNull(path, "path").getFileName();
    if (file == null) {
      throw new IllegalArgumentException("not a file: " + path);
    }
    return new AssociatedFile(file.toString(), type, type == FileType.TENSOR_AXIS_LABELS ? LABELS_DESCRIPTION : null,
        null, path, null);
  }

  /** A file with these bytes. */
  public static AssociatedFile ofBytes(String name, byte[] content, FileType type) {
    return new AssociatedFile(name, type, type == FileType.TENSOR_AXIS_LABELS ? LABELS_DESCRIPTION : null, null, null,
        Objects.requireNonNull(content, "content"));
  }

  /** A label file of one label per line. */
  public static AssociatedFile labels(String name, java.util.List<String> labels) {
    return ofBytes(name, (String.join("\n", labels) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
        FileType.TENSOR_AXIS_LABELS);
  }

  public AssociatedFile withDescription(String text) {
    return new AssociatedFile(name, type, text, locale, path, content);
  }

  public AssociatedFile withLocale(String language) {
    return new AssociatedFile(name, type, description, language, path, content);
  }

  @Override
  public byte[] content() {
    return content == null ? null : content.clone();
  }

  /** Fails as reading would, for a file given by path that is missing or not a file. */
  void checkReadable() {
    if (path != null && !Files.isRegularFile(path)) {
      throw ConversionException.builder(Files.isDirectory(path) ? "associated file is a directory"
              : "associated file not found")
          .file(path)
          .hint("give the path of the " + describeType() + " (relative paths in a metadata file start at its folder)")
          .build();
    }
  }

  /** The bytes to pack: the content, or the file read now. */
  byte[] bytes() {
    if (content != null) {
      return content.clone();
    }
    try {
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        throw ConversionException.builder("associated file '" + name + "' is " + size + " bytes, more than the "
                + (MAX_BYTES >> 20) + " MB a model may carry")
            .file(path)
            .build();
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw ConversionException.builder("associated file not found").file(path)
          .hint("give the path of the " + describeType() + " (relative paths in a metadata file start at its folder)")
          .build();
    } catch (IOException e) {
      throw ConversionException.builder("cannot read associated file: " + e.getMessage()).file(path).cause(e).build();
    }
  }

  private String describeType() {
    return switch (type) {
      case TENSOR_AXIS_LABELS, TENSOR_VALUE_LABELS -> "label file";
      case VOCABULARY -> "vocabulary";
      default -> "file";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AssociatedFile f && name.equals(f.name) && type == f.type
        && Objects.equals(description, f.description) && Objects.equals(locale, f.locale)
        && Objects.equals(path, f.path) && java.util.Arrays.equals(content, f.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, description, locale, path, java.util.Arrays.hashCode(content));
  }

  @Override
  public String toString() {
    return "AssociatedFile[" + name + ", " + type + (path != null ? ", " + path : ", " + content.length + " bytes") + "]";
  }
}
