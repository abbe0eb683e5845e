package io.litertj.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A small reader for numpy's {@code .npz} (a zip of {@code .npy} files, stored or deflated) and
 * {@code .npy} files.
 *
 * <p>Reads format versions 1, 2 and 3, C order only, with the little-endian or byte-sized dtypes
 * {@code <f2 <f4 <f8 <i2 <i4 <i8 |i1 |u1 |b1} (the {@code |} and {@code <} spellings are both
 * accepted for bytes). Anything else fails with a message that says what was found.
 */
public final class NpzReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpzReader() {}

  /**
   * Every array of an {@code .npz}, by array name (the entry name without {@code .npy}), in the
   * archive's order. Each TensorData carries its array name.
   */
  public static Map<String, TensorData> read(Path npz) throws IOException {
    Map<String, TensorData> arrays = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(npz))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.isDirectory()) {
          continue;
        }
        String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
        arrays.put(name, parse(name, zip.readAllBytes(), npz + "!" + e.getName()));
      }
    }
    return arrays;
  }

  /** One array of an {@code .npz}. */
  public static TensorData read(Path npz, String arrayName) throws IOException {
    TensorData t = read(npz).get(arrayName);
    if (t == null) {
      throw new IllegalArgumentException(npz + " has no array '" + arrayName + "'; it has " + read(npz).keySet());
    }
    return t;
  }

  /** A single {@code .npy} file, named after the file (without {@code .npy}). */
  public static TensorData readNpy(Path npy) throws IOException {
    String file = npy.getFileName().toString();
    String name = file.endsWith(".npy") ? file.substring(0, file.length() - 4) : file;
    return parse(name, Files.readAllBytes(npy), npy.toString());
  }

  /** Parses {@code .npy} bytes read from a stream. */
  public static TensorData readNpy(String name, InputStream in) throws IOException {
    return parse(name, in.readAllBytes(), name);
  }

  private static TensorData parse(String name, byte[] npy, String where) {
    ByteBuffer b = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
    for (byte m : MAGIC) {
      if (b.remaining() == 0 || b.get() != m) {
        throw new IllegalArgumentException(where + " is not an .npy array (bad magic)");
      }
    }
    int major = b.get() & 0xff;
    b.get(); // minor
    int headerLength = switch (major) {
      case 1 -> b.getShort() & 0xffff;
      case 2, 3 -> b.getInt();
      default -> throw new IllegalArgumentException(where + ": unsupported .npy version " + major);
    };
    String header = new String(npy, b.position(), headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    int dataStart = b.position() + headerLength;

    String descr = group(DESCR, header, "descr", where);
    if (group(FORTRAN, header, "fortran_order", where).equals("True")) {
      throw new IllegalArgumentException(where + ": fortran_order True is not supported; save with C order");
    }
    long[] shape = shape(group(SHAPE, header, "shape", where));
    ElementType type = type(descr, where);
    byte[] data = new byte[npy.length - dataStart];
    System.arraycopy(npy, dataStart, data, 0, data.length);
    long expected = type.byteSize();
    for (long d : shape) {
      expected *= d;
    }
    if (expected != data.length) {
      throw new IllegalArgumentException(where + ": header says " + descr + " " + header.trim()
          + " (" + expected + " bytes) but the file holds " + data.length + " data bytes");
    }
    return new TensorData(name, type, shape, data);
  }

  private static String group(Pattern p, String header, String key, String where) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new IllegalArgumentException(where + ": no '" + key + "' in the .npy header " + header.trim());
    }
    return m.group(1);
  }

  private static long[] shape(String tuple) {
    List<Long> dims = new ArrayList<>();
    for (String part : tuple.split(",")) {
      String s = part.trim();
      if (!s.isEmpty()) {
        dims.add(Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s));
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  private static ElementType type(String descr, String where) {
    return switch (descr) {
      case "<f4" -> ElementType.FLOAT32;
      case "<f8" -> ElementType.FLOAT64;
      case "<f2" -> ElementType.FLOAT16;
      case "<i4" -> ElementType.INT32;
      case "<i8" -> ElementType.INT64;
      case "<i2" -> ElementType.INT16;
      case "|i1", "<i1" -> ElementType.INT8;
      case "|u1", "<u1" -> ElementType.UINT8;
      case "|b1", "<b1" -> ElementType.BOOL;
      default -> throw new IllegalArgumentException(where + ": dtype '" + descr
          + "' is not supported (little-endian f2/f4/f8/i2/i4/i8, i1, u1, b1 are)");
    };
  }
}
