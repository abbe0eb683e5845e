package io.litertj.metadata;

/**
 * The lowest metadata parser version that understands every field the metadata holds, as the
 * official populator records it in {@code min_parser_version}: 1.0.0, raised by each field or value
 * added to the schema later that is present. Of those, litertj writes associated file types
 * (VOCABULARY 1.0.1, SCANN_INDEX_FILE 1.4.0, on the model and on tensors) and audio content
 * (1.3.0); it writes no subgraph process units (1.1.0), tensor groups (1.2.0), file versions
 * (1.4.1) or custom metadata (1.5.0).
 */
final class MinParserVersion {

  static final String BASE = "1.0.0";

  private MinParserVersion() {}

  static String of(ModelMetadata meta) {
    String version = BASE;
    for (AssociatedFile f : meta.files()) {
      version = max(version, f.type().since());
    }
    for (TensorMetadata t : meta.inputs().values()) {
      version = max(version, of(t));
    }
    for (TensorMetadata t : meta.outputs().values()) {
      version = max(version, of(t));
    }
    return version;
  }

  private static String of(TensorMetadata t) {
    String version = t.content() instanceof TensorContent.Audio ? "1.3.0" : BASE;
    for (AssociatedFile f : t.files()) {
      version = max(version, f.type().since());
    }
    return version;
  }

  /** The later of two MAJOR.MINOR.PATCH versions. */
  static String max(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < 3; i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) {
        return c > 0 ? a : b;
      }
    }
    return a;
  }
}
