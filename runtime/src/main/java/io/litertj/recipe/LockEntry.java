package io.litertj.recipe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One recipe's entry in {@code recipes.lock.json}: what went in (SHA-256 of every model file and
 * of the dataset's bytes, the effective options, the runtime version) and what came out.
 *
 * @param recipe the recipe's class name
 * @param runtimeVersion the litertj runtime that converted it
 * @param options the effective options, as strings
 * @param inputs model file path (as the recipe names it, '/'-separated) → SHA-256
 * @param datasetSha256 SHA-256 of the calibration samples' bytes, or null without a dataset
 * @param output the output path as the recipe names it
 * @param outputSha256 SHA-256 of the {@code .tflite}; in verify mode, why the re-run failed
 * @param outputBytes its size; -1 when a verify re-run failed
 */
public record LockEntry(String recipe, String runtimeVersion, Map<String, String> options, Map<String, String> inputs,
    String datasetSha256, String output, String outputSha256, long outputBytes) {

  public LockEntry {
    Objects.requireNonNull(recipe, "recipe");
    options = Collections.unmodifiableMap(new TreeMap<>(options));
    inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recipe", recipe);
    m.put("runtimeVersion", runtimeVersion);
    m.put("options", new LinkedHashMap<>(options));
    m.put("inputs", new LinkedHashMap<>(inputs));
    m.put("dataset", datasetSha256);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", output);
    out.put("sha256", outputSha256);
    out.put("bytes", outputBytes);
    m.put("output", out);
    return m;
  }

  @SuppressWarnings("unchecked")
  /** An entry as {@link #toJson} writes it; anything else is named by {@code where} in {@code file}. */
  static LockEntry fromJson(Object json, String where, java.nio.file.Path file) {
    Map<?, ?> m = field(json, Map.class, where, file);
    Map<?, ?> out = field(m.get("output"), Map.class, where + ".output", file);
    return new LockEntry(field(m.get("recipe"), String.class, where + ".recipe", file),
        field(m.get("runtimeVersion"), String.class, where + ".runtimeVersion", file),
        strings(field(m.get("options"), Map.class, where + ".options", file)),
        strings(field(m.get("inputs"), Map.class, where + ".inputs", file)),
        m.get("dataset") == null ? null : field(m.get("dataset"), String.class, where + ".dataset", file),
        field(out.get("path"), String.class, where + ".output.path", file),
        field(out.get("sha256"), String.class, where + ".output.sha256", file),
        field(out.get("bytes"), Number.class, where + ".output.bytes", file).longValue());
  }

  private static <T> T field(Object value, Class<T> type, String where, java.nio.file.Path file) {
    if (!type.isInstance(value)) {
      throw RecipeLock.invalid(file, where + " is " + (value == null ? "missing" : "not a " + switch (type.getSimpleName()) {
        case "Map" -> "JSON object";
        case "Number" -> "number";
        default -> "string";
      }));
    }
    return type.cast(value);
  }

  private static Map<String, String> strings(Map<?, ?> m) {
    Map<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  /** What differs from {@code locked}, one readable line per difference; empty when identical. */
  public List<String> differencesFrom(LockEntry locked) {
    List<String> diffs = new java.util.ArrayList<>();
    if (!Objects.equals(runtimeVersion, locked.runtimeVersion)) {
      diffs.add("runtime version " + locked.runtimeVersion + " -> " + runtimeVersion);
    }
    diffMaps("option", locked.options, options, diffs);
    diffMaps("input file", locked.inputs, inputs, diffs);
    if (!Objects.equals(datasetSha256, locked.datasetSha256)) {
      diffs.add("dataset bytes changed (sha256 " + locked.datasetSha256 + " -> " + datasetSha256 + ")");
    }
    if (!Objects.equals(output, locked.output)) {
      diffs.add("output path " + locked.output + " -> " + output);
    }
    if (outputBytes < 0) {
      diffs.add("the re-run failed, so output " + output + " could not be compared: " + outputSha256);
    } else if (!Objects.equals(outputSha256, locked.outputSha256)) {
      diffs.add("output " + output + " changed (sha256 " + locked.outputSha256 + " -> " + outputSha256 + ", "
          + locked.outputBytes + " -> " + outputBytes + " bytes)");
    }
    return diffs;
  }

  private static void diffMaps(String what, Map<String, String> before, Map<String, String> after, List<String> diffs) {
    for (Map.Entry<String, String> e : before.entrySet()) {
      String now = after.get(e.getKey());
      if (now == null) {
        diffs.add(what + " " + e.getKey() + " removed");
      } else if (!now.equals(e.getValue())) {
        diffs.add(what + " " + e.getKey() + " changed (" + e.getValue() + " -> " + now + ")");
      }
    }
    for (String key : after.keySet()) {
      if (!before.containsKey(key)) {
        diffs.add(what + " " + key + " added");
      }
    }
  }
}
