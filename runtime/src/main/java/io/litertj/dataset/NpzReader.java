package io.litertj.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads NumPy {@code .npz} archives (stored or deflated) and single {@code .npy} files. */
public final class NpzReader {

  private NpzReader() {}

  /**
   * Every array of a {@code .npz} file, keyed by name without the {@code .npy} suffix, in archive
   * order. A {@code .npy} file gives one array keyed by its file name without the suffix.
   */
  public static Map<String, NdArray> read(Path file) throws IOException {
    String fileName = file.getFileName().toString();
    if (fileName.endsWith(".npy")) {
      return Map.of(fileName.substring(0, fileName.length() - 4), NpyReader.read(Files.readAllBytes(file), fileName));
    }
    Map<String, NdArray> out = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String name = entry.getName();
        if (entry.isDirectory()) {
          continue;
        }
        String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        out.put(key, NpyReader.read(zip.readAllBytes(), fileName + ":" + name));
      }
    }
    if (out.isEmpty()) {
      throw new IOException(fileName + ": no arrays (not a .npz archive, or an empty one)");
    }
    return out;
  }
}
