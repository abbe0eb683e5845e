package io.litertj.dataset;

import io.litertj.ConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads NumPy {@code .npz} archives (stored or deflated) and single {@code .npy} files. Every size
 * an archive declares is checked before it sizes anything: the number of entries, each array's
 * header and data (against the entry's size), and all arrays together against a memory budget,
 * so a damaged file or a zip bomb ends in an error, not in an OutOfMemoryError.
 */
public final class NpzReader {

  /** More arrays than this is not a dataset for a model's inputs. */
  static final int MAX_ENTRIES = 10_000;
  /** Entry names numpy writes without the zip UTF-8 flag are code page 437, as Python reads them. */
  private static final Charset LEGACY_NAMES = Charset.isSupported("IBM437") ? Charset.forName("IBM437")
      : StandardCharsets.ISO_8859_1;

  private NpzReader() {}

  /**
   * Every array of a {@code .npz} file, keyed by name without the {@code .npy} suffix, in archive
   * order. A {@code .npy} file gives one array keyed by its file name without the suffix.
   */
  public static Map<String, NdArray> read(Path file) {
    long budget = budget();
    String fileName = file.getFileName().toString();
    try {
      if (fileName.endsWith(".npy")) {
        try (InputStream in = Files.newInputStream(file)) {
          String key = fileName.substring(0, fileName.length() - 4);
          return Map.of(key, NpyReader.read(in, Files.size(file), "'" + key + "'", file, budget));
        }
      }
      return readZip(file, budget);
    } catch (NoSuchFileException e) {
      throw io.litertj.files.FileErrors.reading("the dataset file", file, e).build();
    } catch (ZipException e) {
      throw ConversionException.builder("the dataset is not a readable .npz (zip) archive: "
              + io.litertj.files.FileErrors.reason(e))
          .file(file)
          .hint("the file is damaged or truncated; write it again with numpy.savez")
          .cause(e)
          .build();
    } catch (IOException e) {
      throw io.litertj.files.FileErrors.reading("the dataset file", file, e).build();
    }
  }

  private static Map<String, NdArray> readZip(Path file, long budget) throws IOException {
    Map<String, NdArray> out = new LinkedHashMap<>();
    long used = 0;
    try (ZipFile zip = new ZipFile(file.toFile(), LEGACY_NAMES)) {
      if (zip.size() > MAX_ENTRIES) {
        throw ConversionException.builder("the dataset holds " + zip.size() + " entries; more than " + MAX_ENTRIES
                + " arrays is not a dataset of model inputs")
            .file(file)
            .hint("store one array per model input, samples along axis 0")
            .build();
      }
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (entry.isDirectory()) {
          continue;
        }
        String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        String what = "'" + printable(key) + "'";
        if (out.containsKey(key)) {
          throw ConversionException.builder("the dataset holds two arrays named " + what)
              .file(file)
              .hint("the archive is damaged; write it again with numpy.savez")
              .build();
        }
        try (InputStream in = zip.getInputStream(entry)) {
          NdArray array = NpyReader.read(in, entry.getSize(), what, file, budget - used);
          used += array.data().length;
          out.put(key, array);
        } catch (ZipException e) {
          throw ConversionException.builder("dataset array " + what + " cannot be inflated: " + e.getMessage())
              .file(file)
              .hint("the archive is damaged; write it again with numpy.savez")
              .cause(e)
              .build();
        }
      }
    }
    if (out.isEmpty()) {
      throw ConversionException.builder("the dataset holds no arrays (an empty .npz archive)")
          .file(file)
          .hint("write one array per model input with numpy.savez")
          .build();
    }
    return out;
  }

  /** What all arrays of one dataset may take: half the heap, the rest is the model's and ours. */
  private static long budget() {
    return Runtime.getRuntime().maxMemory() / 2;
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().limit(200).forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0xfffd ? '?' : c));
    return out.toString();
  }
}
