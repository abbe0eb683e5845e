package io.litertj.dataset;

import io.litertj.ConversionException;
import io.litertj.ir.DataType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads one NumPy {@code .npy} array (format 1.0–3.0, C order). Big-endian data is swapped to
 * little-endian; Fortran order and object arrays are rejected. The header is parsed as the
 * dictionary literal numpy writes, and the data's size follows from it: nothing is allocated
 * before that size is checked against what the entry holds and against the memory budget.
 */
public final class NpyReader {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** numpy itself refuses headers over 10,000 bytes by default; anything near this is not a header. */
  static final int MAX_HEADER_BYTES = 1 << 20;

  private NpyReader() {}

  /** Parses a whole {@code .npy} file's bytes; {@code what} names it in errors. */
  public static NdArray read(byte[] bytes, String what) {
    try {
      return read(new ByteArrayInputStream(bytes), bytes.length, what, null, Long.MAX_VALUE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a byte array does not fail to read
    }
  }

  /**
   * Reads an array of {@code size} bytes (-1 if unknown) from {@code in}; {@code budget} bounds
   * the data it may allocate. {@code what} names the array, {@code file} the file it is in.
   */
  static NdArray read(InputStream in, long size, String what, Path file, long budget) throws IOException {
    byte[] prefix = in.readNBytes(12);
    if (prefix.length < 10) {
      throw error(file, what, "is not a .npy array (only " + prefix.length + " bytes)");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (prefix[i] != MAGIC[i]) {
        throw error(file, what, "is not a .npy array (it does not start with \\x93NUMPY)");
      }
    }
    int major = prefix[6];
    ByteBuffer b = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength;
    int start;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(b.getShort(8));
      start = 10;
    } else if (major == 2 || major == 3) {
      if (prefix.length < 12) {
        throw error(file, what, "is truncated inside its .npy preamble");
      }
      headerLength = Integer.toUnsignedLong(b.getInt(8));
      start = 12;
    } else {
      throw error(file, what, "has .npy format version " + Byte.toUnsignedInt(prefix[6]) + "."
          + Byte.toUnsignedInt(prefix[7]) + "; versions 1.0 to 3.0 are read");
    }
    if (headerLength > MAX_HEADER_BYTES || size >= 0 && start + headerLength > size) {
      throw error(file, what, "declares a .npy header of " + headerLength + " bytes, more than "
          + (size >= 0 && start + headerLength > size ? "the array holds" : "a header can be"));
    }
    byte[] header = new byte[(int) headerLength];
    int carried = prefix.length - start;
    System.arraycopy(prefix, start, header, 0, Math.min(carried, header.length));
    if (carried > header.length) {
      throw error(file, what, "has a .npy header shorter than its preamble");
    }
    int got = in.readNBytes(header, carried, header.length - carried);
    if (carried + got < header.length) {
      throw error(file, what, "is truncated inside its .npy header");
    }
    String text = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    NpyHeader h;
    try {
      h = NpyHeader.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(file, what, "has a .npy header numpy did not write (" + e.getMessage() + "): " + shown(text));
    }
    if (h.fortranOrder()) {
      throw error(file, what, "is a Fortran-order array, which is not supported; save it with "
          + "numpy.ascontiguousarray(a)");
    }
    DataType type = type(h, file, what);
    long bytes = byteSize(h, type, file, what);
    long available = size < 0 ? -1 : size - start - headerLength;
    if (available >= 0 && bytes != available) {
      throw error(file, what, "has shape " + h.shapeText() + " of " + type + ", which needs " + bytes
          + " bytes, but the array holds " + available);
    }
    if (bytes > Math.min(budget, Integer.MAX_VALUE - 8)) {
      throw ConversionException.builder("dataset array " + what + " has shape " + h.shapeText() + " of " + type
              + ": " + bytes + " bytes, more than this JVM can hold with the rest of the dataset")
          .file(file)
          .hint("use fewer or smaller samples, or give the JVM more memory (-Xmx)")
          .build();
    }
    byte[] data = new byte[(int) bytes];
    if (in.readNBytes(data, 0, data.length) < data.length) {
      throw error(file, what, "has shape " + h.shapeText() + " of " + type + ", which needs " + bytes
          + " bytes, but the data is shorter");
    }
    if (size < 0 && in.read() >= 0) {
      throw error(file, what, "holds more data than its shape " + h.shapeText() + " of " + type);
    }
    if (h.bigEndian() && type.byteSize() > 1) {
      swap(data, type.byteSize());
    }
    int[] shape = new int[h.shape().length];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = (int) h.shape()[i];
    }
    return new NdArray(type, shape, data);
  }

  /** The data's size; saturates (far beyond any budget) instead of overflowing. */
  private static long byteSize(NpyHeader h, DataType type, Path file, String what) {
    long bytes = type.byteSize();
    for (long d : h.shape()) {
      if (d < 0 || d > Integer.MAX_VALUE) {
        throw error(file, what, "has shape " + h.shapeText() + ", with a dimension outside 0 to " + Integer.MAX_VALUE);
      }
      bytes = d == 0 ? 0 : bytes > Long.MAX_VALUE / 4 / d ? Long.MAX_VALUE / 4 : bytes * d;
    }
    return bytes;
  }

  private static DataType type(NpyHeader h, Path file, String what) {
    DataType type = switch (h.kind() + h.size()) {
      case "f4" -> DataType.FLOAT32;
      case "f8" -> DataType.FLOAT64;
      case "f2" -> DataType.FLOAT16;
      case "i1" -> DataType.INT8;
      case "u1" -> DataType.UINT8;
      case "i2" -> DataType.INT16;
      case "i4" -> DataType.INT32;
      case "i8" -> DataType.INT64;
      case "b1" -> DataType.BOOL;
      default -> null;
    };
    if (type == null) {
      throw error(file, what, "has dtype '" + h.descr() + "', which is not supported (float16/32/64, int8/16/32/64, "
          + "uint8 and bool are)");
    }
    if (h.order() == '|' && type.byteSize() > 1) {
      throw error(file, what, "has dtype '" + h.descr() + "' without a byte order");
    }
    return type;
  }

  private static ConversionException error(Path file, String what, String problem) {
    return ConversionException.builder("dataset array " + what + " " + problem)
        .file(file)
        .hint("the file is damaged or was not written by numpy.save / numpy.savez; write it again")
        .build();
  }

  /** The header as it can be shown: printable, and short. */
  private static String shown(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.strip().toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
      if (out.length() > 200) {
        return out.append("...").toString();
      }
    }
    return out.toString();
  }

  private static void swap(byte[] data, int width) {
    for (int i = 0; i + width <= data.length; i += width) {
      for (int a = i, z = i + width - 1; a < z; a++, z--) {
        byte t = data[a];
        data[a] = data[z];
        data[z] = t;
      }
    }
  }
}
