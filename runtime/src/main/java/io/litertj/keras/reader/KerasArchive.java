package io.litertj.keras.reader;

import io.litertj.ConversionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The entries of a Keras 3 {@code .keras} zip, read with limits: an entry's declared size and its
 * inflated size (which a hostile file can misstate) are both checked, so a zip bomb ends in an
 * error instead of filling memory.
 */
final class KerasArchive {

  /** JSON entries are small; anything larger is not a real config. */
  static final long MAX_JSON_BYTES = 64L << 20;
  /** The weights must fit one heap buffer for the HDF5 reader. */
  static final long MAX_WEIGHTS_BYTES = Integer.MAX_VALUE - 8;
  /** Inflation ratios above this, on entries above {@link #RATIO_FLOOR}, are treated as a bomb. */
  static final long MAX_RATIO = 200;
  static final long RATIO_FLOOR = 1L << 20;

  private KerasArchive() {}

  /** Reads the named entries (absent ones are left out) from the zip. */
  static Map<String, byte[]> read(Path file, Map<String, Long> limits) {
    Map<String, byte[]> out = new HashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (Map.Entry<String, Long> wanted : limits.entrySet()) {
        ZipEntry entry = zip.getEntry(wanted.getKey());
        if (entry == null) {
          continue;
        }
        long limit = wanted.getValue();
        check(file, entry, entry.getSize(), limit);
        try (InputStream in = zip.getInputStream(entry)) {
          out.put(entry.getName(), readLimited(file, entry, in, limit));
        }
      }
    } catch (IOException e) {
      throw ConversionException.builder("cannot read the .keras archive " + file + ": "
              + io.litertj.files.FileErrors.reason(e))
          .named(file)
          .cause(e)
          .hint("the file is truncated or not a zip; save the model again with model.save('model.keras')")
          .cause(e)
          .build();
    }
    return out;
  }

  private static void check(Path file, ZipEntry entry, long size, long limit) {
    long compressed = Math.max(1, entry.getCompressedSize());
    if (size > limit || (size > RATIO_FLOOR && entry.getCompressedSize() >= 0 && size / compressed > MAX_RATIO)) {
      throw bomb(file, entry, size);
    }
  }

  private static byte[] readLimited(Path file, ZipEntry entry, InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      check(file, entry, total, limit);
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static ConversionException bomb(Path file, ZipEntry entry, long size) {
    return ConversionException.builder("the .keras entry " + entry.getName() + " inflates to " + size
            + " bytes or more from " + entry.getCompressedSize() + ", beyond what a Keras file holds")
        .file(file)
        .hint("the archive looks like a zip bomb or is damaged; save the model again")
        .build();
  }
}
