package io.litertj.dataset;

import io.litertj.ir.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one NumPy {@code .npy} array (format 1.0–3.0, C order). Big-endian data is swapped to
 * little-endian; Fortran order and object arrays are rejected.
 */
public final class NpyReader {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyReader() {}

  /** Parses a whole {@code .npy} file's bytes; {@code what} names it in errors. */
  public static NdArray read(byte[] bytes, String what) throws IOException {
    if (bytes.length < 10) {
      throw new IOException(what + ": not a .npy array (too short)");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new IOException(what + ": not a .npy array (bad magic)");
      }
    }
    int major = bytes[6];
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLen;
    int start;
    if (major == 1) {
      headerLen = Short.toUnsignedInt(b.getShort(8));
      start = 10;
    } else if (major == 2 || major == 3) {
      headerLen = b.getInt(8);
      start = 12;
    } else {
      throw new IOException(what + ": unsupported .npy version " + major);
    }
    if (headerLen < 0 || start + headerLen > bytes.length) {
      throw new IOException(what + ": truncated .npy header");
    }
    String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IOException(what + ": unsupported .npy header " + header.trim());
    }
    if (f.group(1).equals("True")) {
      throw new IOException(what + ": Fortran-order arrays are not supported");
    }
    DataType type = type(d.group(2), Integer.parseInt(d.group(3)), what);
    int[] shape = parseShape(s.group(1));
    int dataStart = start + headerLen;
    byte[] data = new byte[bytes.length - dataStart];
    System.arraycopy(bytes, dataStart, data, 0, data.length);
    if (d.group(1).equals(">") && type.byteSize() > 1) {
      swap(data, type.byteSize());
    }
    long n = 1;
    for (int dim : shape) {
      n *= dim;
    }
    if (n * type.byteSize() != data.length) {
      throw new IOException(what + ": shape " + s.group(1).trim() + " of " + type + " needs " + n * type.byteSize()
          + " bytes, but the file has " + data.length);
    }
    return new NdArray(type, shape, data);
  }

  private static DataType type(String kind, int size, String what) throws IOException {
    String key = kind + size;
    return switch (key) {
      case "f4" -> DataType.FLOAT32;
      case "f8" -> DataType.FLOAT64;
      case "f2" -> DataType.FLOAT16;
      case "i1" -> DataType.INT8;
      case "u1" -> DataType.UINT8;
      case "i2" -> DataType.INT16;
      case "i4" -> DataType.INT32;
      case "i8" -> DataType.INT64;
      case "b1" -> DataType.BOOL;
      default -> throw new IOException(what + ": unsupported .npy dtype " + key);
    };
  }

  private static int[] parseShape(String text) {
    String[] parts = text.split(",");
    int count = 0;
    int[] dims = new int[parts.length];
    for (String p : parts) {
      if (!p.isBlank()) {
        dims[count++] = Integer.parseInt(p.trim().replace("L", ""));
      }
    }
    int[] out = new int[count];
    System.arraycopy(dims, 0, out, 0, count);
    return out;
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
