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

/** A recipe's {@link RecipeMetadata} turned into the {@link ModelMetadata} the converter writes. */
final class RecipeMetadataResolver {

  private RecipeMetadataResolver() {}

  /** The files read from disk that the metadata packs into the model. */
  static List<Path> files(ModelMetadata meta) {
    List<AssociatedFile> all = new ArrayList<>(meta.files());
    meta.inputs().values().forEach(t -> all.addAll(t.files()));
    meta.outputs().values().forEach(t -> all.addAll(t.files()));
    return all.stream().map(AssociatedFile::path).filter(Objects::nonNull).distinct().toList();
  }

  /** The metadata: the file's (if any), with the values written in the annotations in place of its. */
  static ModelMetadata resolve(RecipeMetadata m, Function<String, Path> paths) {
    ModelMetadata base = m.file().isEmpty() ? ModelMetadata.builder().build() : ModelMetadata.fromJson(paths.apply(m.file()));
    Map<String, TensorMetadata> outputs = new LinkedHashMap<>(base.outputs());
    for (RecipeMetadata.LabelFile l : m.labels()) {
      TensorMetadata t = outputs.getOrDefault(l.output(), TensorMetadata.builder().build());
      List<AssociatedFile> files = new ArrayList<>(t.files());
      AssociatedFile labelFile = AssociatedFile.of(paths.apply(l.path()), FileType.TENSOR_AXIS_LABELS);
      files.add(l.locale().isEmpty() ? labelFile : labelFile.withLocale(l.locale()));
      outputs.put(l.output(), new TensorMetadata(t.description(), t.content(), t.mean(), t.std(), t.min(), t.max(),
          files));
    }
    return new ModelMetadata(or(m.name(), base.name()), or(m.description(), base.description()),
        or(m.version(), base.version()), or(m.author(), base.author()), or(m.license(), base.license()), base.inputs(),
        outputs, base.files());
  }

  private static String or(String written, String fallback) {
    return written.isEmpty() ? fallback : written;
  }
}
