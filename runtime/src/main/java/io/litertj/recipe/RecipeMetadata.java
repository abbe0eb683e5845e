package io.litertj.recipe;

import io.litertj.metadata.AssociatedFile;
import io.litertj.metadata.FileType;
import io.litertj.metadata.ModelMetadata;
import io.litertj.metadata.TensorMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A recipe's {@code @Metadata} and {@code @Labels}, as written: empty strings are unset, paths are
 * still relative. {@link RecipeRunner} resolves them into the {@link ModelMetadata} it converts with.
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

  /** The files read from disk that the metadata packs into the model. */
  static List<Path> files(ModelMetadata meta) {
    List<AssociatedFile> all = new ArrayList<>(meta.files());
    meta.inputs().values().forEach(t -> all.addAll(t.files()));
    meta.outputs().values().forEach(t -> all.addAll(t.files()));
    return all.stream().map(AssociatedFile::path).filter(Objects::nonNull).distinct().toList();
  }

  /** The metadata: the file's (if any), with the values written in the annotations in place of its. */
  ModelMetadata resolve(Function<String, Path> paths) {
    ModelMetadata base = file.isEmpty() ? ModelMetadata.builder().build() : ModelMetadata.fromJson(paths.apply(file));
    Map<String, TensorMetadata> outputs = new LinkedHashMap<>(base.outputs());
    for (LabelFile l : labels) {
      TensorMetadata t = outputs.getOrDefault(l.output(), TensorMetadata.builder().build());
      List<AssociatedFile> files = new ArrayList<>(t.files());
      AssociatedFile labelFile = AssociatedFile.of(paths.apply(l.path()), FileType.TENSOR_AXIS_LABELS);
      files.add(l.locale().isEmpty() ? labelFile : labelFile.withLocale(l.locale()));
      outputs.put(l.output(), new TensorMetadata(t.description(), t.content(), t.mean(), t.std(), t.min(), t.max(),
          files));
    }
    return new ModelMetadata(or(name, base.name()), or(description, base.description()), or(version, base.version()),
        or(author, base.author()), or(license, base.license()), base.inputs(), outputs, base.files());
  }

  private static String or(String written, String fallback) {
    return written.isEmpty() ? fallback : written;
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
