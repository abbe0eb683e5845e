package io.litertj.recipe;

import java.util.List;
import java.util.Objects;

/**
 * A recipe's {@code @Metadata} and {@code @Labels}, as written: empty strings are unset, paths are
 * still relative. The recipe runner resolves them into the model metadata it converts with.
 *
 * @param file   a metadata JSON file to start from, or empty
 * @param labels the label files, by output
 */
public record RecipeMetadata(String name, String description, String version, String author, String license,
    String file, List<LabelFile> labels) {

  /** One {@code @Labels}. */
  public record LabelFile(String output, String path, String locale) {
    public LabelFile {
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(locale, "locale");
    }
  }

  public RecipeMetadata {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(file, "file");
    labels = List.copyOf(labels);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("name=").append(name).append(", version=").append(version)
        .append(", author=").append(author).append(", license=").append(license);
    if (!description.isEmpty()) {
      s.append(", description=").append(description);
    }
    if (!file.isEmpty()) {
      s.append(", file=").append(file);
    }
    labels.forEach(l -> s.append(", labels.").append(l.output()).append('=').append(l.path())
        .append(l.locale().isEmpty() ? "" : " (" + l.locale() + ")"));
    return s.toString();
  }
}
