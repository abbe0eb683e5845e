package io.litertj.tflite;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a model file carries besides the model: named {@code Model.metadata} entries (each buffer
 * inside the flatbuffer, after {@code min_runtime_version}), and files packed after the model as a
 * zip archive, as the TFLite metadata populator packs associated files (label files).
 */
public record Attachments(List<Entry> metadata, List<PackedFile> files) {

  /** Nothing besides the model. */
  public static final Attachments NONE = new Attachments(List.of(), List.of());

  /** A metadata entry: its name and its buffer's bytes. */
  public record Entry(String name, byte[] bytes) {}

  /** A file in the zip after the model. */
  public record PackedFile(String name, byte[] bytes) {}

  public Attachments {
    metadata = List.copyOf(metadata);
    files = List.copyOf(files);
    Set<String> names = new HashSet<>();
    for (PackedFile f : files) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("two packed files are named '" + f.name() + "'");
      }
    }
  }

  public boolean isEmpty() {
    return metadata.isEmpty() && files.isEmpty();
  }
}
