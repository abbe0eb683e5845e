package io.litertj.metadata;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.litertj.ConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the metadata file that {@code --metadata FILE.json} names:
 *
 * <pre>{@code
 * {
 *   "name": "Flower classifier", "description": "...", "version": "v1", "author": "...", "license": "Apache-2.0",
 *   "inputs": {"image": {"description": "...", "content": "image", "color_space": "RGB",
 *                        "mean": [127.5], "std": [127.5], "min": [0], "max": [255]}},
 *   "outputs": {"probabilities": {"labels": "labels.txt", "min": 0, "max": 1}},
 *   "files": [{"path": "README.txt", "type": "DESCRIPTIONS"}]
 * }
 * }</pre>
 *
 * Every key is optional; one the format does not define is an error, so a typo is never ignored.
 * {@code labels} is a path, a file object ({@code path}, {@code type}, {@code description},
 * {@code locale}) or a list of them; paths start at the metadata file's folder.
 */
final class MetadataJson {

  private static final long MAX_BYTES = 16L << 20;
  private static final Set<String> MODEL_KEYS = Set.of("name", "description", "version", "author", "license",
      "inputs", "outputs", "files");
  private static final Set<String> TENSOR_KEYS = Set.of("description", "content", "color_space", "sample_rate",
      "channels", "mean", "std", "min", "max", "labels", "files");
  private static final Set<String> FILE_KEYS = Set.of("path", "type", "description", "locale");

  private final Path file;
  private final Path base;

  private MetadataJson(Path file) {
    this.file = file;
    Path parent = file.toAbsolutePath().getParent();
    this.base = parent == null ? Path.of("") : parent;
  }

  static ModelMetadata read(Path file) {
    return new MetadataJson(file).parse();
  }

  private ModelMetadata parse() {
    JsonNode root;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw error("the metadata file is " + size + " bytes; a metadata file is text of a few kilobytes", null);
      }
      ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      root = mapper.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw ConversionException.builder("metadata file not found").file(file).build();
    } catch (JsonProcessingException e) {
      throw ConversionException.builder("the metadata file is not valid JSON: " + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                  + e.getLocation().getColumnNr() + ")"))
          .file(file)
          .cause(e)
          .build();
    } catch (IOException e) {
      throw ConversionException.builder("cannot read the metadata file: " + e.getMessage()).file(file).cause(e).build();
    }
    if (root == null || !root.isObject()) {
      throw error("the metadata file must hold one JSON object", null);
    }
    keys(root, MODEL_KEYS, "the metadata");
    ModelMetadata.Builder b = ModelMetadata.builder()
        .name(string(root, "name", ""))
        .description(string(root, "description", ""))
        .version(string(root, "version", ""))
        .author(string(root, "author", ""))
        .license(string(root, "license", ""));
    for (Map.Entry<String, TensorMetadata> e : tensors(root, "inputs").entrySet()) {
      b.input(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, TensorMetadata> e : tensors(root, "outputs").entrySet()) {
      b.output(e.getKey(), e.getValue());
    }
    for (AssociatedFile f : files(root.get("files"), "files", null)) {
      b.file(f);
    }
    return b.build();
  }

  private Map<String, TensorMetadata> tensors(JsonNode root, String key) {
    Map<String, TensorMetadata> out = new java.util.LinkedHashMap<>();
    JsonNode node = root.get(key);
    if (node == null) {
      return out;
    }
    if (!node.isObject()) {
      throw error("'" + key + "' must be an object from " + key.substring(0, key.length() - 1) + " names to their"
          + " metadata", null);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), tensor(e.getValue(), key + "." + e.getKey()));
    }
    return out;
  }

  private TensorMetadata tensor(JsonNode node, String where) {
    if (!node.isObject()) {
      throw error("'" + where + "' must be an object", null);
    }
    keys(node, TENSOR_KEYS, "'" + where + "'");
    TensorMetadata.Builder b = TensorMetadata.builder().description(string(node, "description", where + "."));
    String content = string(node, "content", where + ".");
    if (content == null || content.equals("feature")) {
      forbid(node, where, "color_space", "sample_rate", "channels");
    } else if (content.equals("image")) {
      forbid(node, where, "sample_rate", "channels");
      String space = string(node, "color_space", where + ".");
      b.image(space == null ? TensorContent.ColorSpace.RGB : colorSpace(space, where));
    } else if (content.equals("audio")) {
      forbid(node, where, "color_space");
      b.audio(positiveInt(node, "sample_rate", where), positiveInt(node, "channels", where));
    } else {
      throw error("'" + where + ".content' is '" + content + "'; it is one of feature, image, audio", null);
    }
    float[] mean = floats(node, "mean", where);
    float[] std = floats(node, "std", where);
    float[] min = floats(node, "min", where);
    float[] max = floats(node, "max", where);
    try {
      if (mean != null || std != null) {
        if (mean == null || std == null) {
          throw error("'" + where + "' gives " + (mean == null ? "std without mean" : "mean without std"),
              "normalization is (x - mean) / std: give both");
        }
        b.normalization(mean, std);
      }
      if (min != null || max != null) {
        if (min == null || max == null) {
          throw error("'" + where + "' gives " + (min == null ? "max without min" : "min without max"),
              "a value range needs both");
        }
        b.valueRange(min, max);
      }
    } catch (IllegalArgumentException e) {
      throw error("'" + where + "': " + e.getMessage(), null);
    }
    for (AssociatedFile f : files(node.get("labels"), where + ".labels", FileType.TENSOR_AXIS_LABELS)) {
      b.file(f);
    }
    for (AssociatedFile f : files(node.get("files"), where + ".files", null)) {
      b.file(f);
    }
    return b.build();
  }

  /** Files: a path, an object, or a list of those; {@code defaultType} null means the type is required. */
  private List<AssociatedFile> files(JsonNode node, String where, FileType defaultType) {
    List<AssociatedFile> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(file(node.get(i), where + "[" + i + "]", defaultType));
      }
    } else {
      out.add(file(node, where, defaultType));
    }
    return out;
  }

  private AssociatedFile file(JsonNode node, String where, FileType defaultType) {
    String path;
    FileType type = defaultType;
    String description = null;
    String locale = null;
    if (node.isTextual() && defaultType != null) {
      path = node.asText();
    } else if (node.isObject()) {
      keys(node, FILE_KEYS, "'" + where + "'");
      path = string(node, "path", where + ".");
      if (path == null) {
        throw error("'" + where + "' has no 'path'", null);
      }
      String typeName = string(node, "type", where + ".");
      if (typeName != null) {
        type = fileType(typeName, where);
      } else if (type == null) {
        throw error("'" + where + "' has no 'type'", "one of " + List.of(FileType.values()));
      }
      description = string(node, "description", where + ".");
      locale = string(node, "locale", where + ".");
    } else {
      throw error("'" + where + "' must be " + (defaultType != null ? "a path or " : "")
          + "an object with a 'path' and a 'type'", null);
    }
    if (path.isBlank()) {
      throw error("'" + where + "' has an empty path", null);
    }
    AssociatedFile f = AssociatedFile.of(base.resolve(path), type);
    if (description != null) {
      f = f.withDescription(description);
    }
    return locale == null ? f : f.withLocale(locale);
  }

  private FileType fileType(String name, String where) {
    try {
      return FileType.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw error("'" + where + ".type' is '" + name + "'", "it is one of " + List.of(FileType.values()));
    }
  }

  private TensorContent.ColorSpace colorSpace(String name, String where) {
    try {
      return TensorContent.ColorSpace.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw error("'" + where + ".color_space' is '" + name + "'; it is RGB or GRAYSCALE", null);
    }
  }

  private void forbid(JsonNode node, String where, String... keys) {
    for (String key : keys) {
      if (node.has(key)) {
        throw error("'" + where + "." + key + "' does not apply to " + (node.has("content")
            ? node.get("content").asText() : "feature") + " content", "set 'content' to the kind it belongs to");
      }
    }
  }

  private void keys(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw error(where + " has a key '" + key + "' that the metadata format does not define",
            "its keys are " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private String string(JsonNode node, String key, String prefix) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw error("'" + prefix + key + "' must be a string", null);
    }
    return v.asText();
  }

  private int positiveInt(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
      throw error("'" + where + "." + key + "' must be a positive integer", null);
    }
    return v.asInt();
  }

  private float[] floats(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return new float[] {(float) v.asDouble()};
    }
    if (!v.isArray() || v.isEmpty()) {
      throw error("'" + where + "." + key + "' must be a number or a non-empty list of numbers", null);
    }
    float[] out = new float[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isNumber()) {
        throw error("'" + where + "." + key + "' must be a list of numbers, but item " + i + " is " + v.get(i), null);
      }
      out[i] = (float) v.get(i).asDouble();
    }
    return out;
  }

  private ConversionException error(String problem, String hint) {
    ConversionException.Builder b = ConversionException.builder(problem).file(file);
    return (hint == null ? b : b.hint(hint)).build();
  }
}
