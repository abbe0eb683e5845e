package io.litertj.recipe;


import io.litertj.ConversionException;
import io.litertj.files.AtomicFiles;
import io.litertj.report.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lock file, {@code recipes.lock.json}: one {@link LockEntry} per recipe, sorted by recipe
 * class, written deterministically (same runs, same bytes).
 */
public record RecipeLock(Map<String, LockEntry> entries) {

  public RecipeLock {
    entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
  }

  public static RecipeLock of(Collection<LockEntry> entries) {
    Map<String, LockEntry> map = new TreeMap<>();
    entries.forEach(e -> map.put(e.recipe(), e));
    return new RecipeLock(map);
  }

  public String toJson() {
    List<Object> list = new ArrayList<>();
    entries.values().forEach(e -> list.add(e.toJson()));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("lockVersion", 1L);
    root.put("recipes", list);
    return Json.write(root);
  }

  public static RecipeLock read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw io.litertj.files.FileErrors.reading("the lock file", file, e)
          .hint("run the recipes once without --verify to write it").cause(e).build();
    }
    Object root;
    try {
      root = Json.parse(text);
    } catch (IllegalArgumentException e) { // Json's only failure: the text is not JSON
      throw invalid(file, e.getMessage());
    }
    if (!(root instanceof Map<?, ?> top) || !(top.get("recipes") instanceof List<?> recipes)) {
      throw invalid(file, "it has no \"recipes\" list");
    }
    List<LockEntry> list = new ArrayList<>();
    for (int i = 0; i < recipes.size(); i++) {
      list.add(LockEntry.fromJson(recipes.get(i), "recipes[" + i + "]", file));
    }
    return of(list);
  }

  static ConversionException invalid(Path file, String what) {
    return ConversionException.builder("the lock file is not a valid recipes lock: " + what).file(file)
        .hint("delete it and run the recipes again to rewrite it").build();
  }

  /** Writes the lock atomically, creating its directory if need be. */
  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw ConversionException.builder("cannot create the directory of the lock file " + file + ": "
          + io.litertj.files.FileErrors.reason(e)).named(file).cause(e).build();
    }
    AtomicFiles.writeString(file, "the recipes lock", toJson());
  }
}
