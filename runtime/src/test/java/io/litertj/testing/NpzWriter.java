package io.litertj.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes float32 arrays as numpy's {@code numpy.savez} does (a zip of version 1.0 {@code .npy}
 * files), for tests that hand a dataset file to the command line.
 */
public final class NpzWriter {

  private NpzWriter() {}

  /** Writes each float32 array under its name; returns {@code file}. */
  public static Path write(Path file, Map<String, TensorData> arrays) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, TensorData> e : arrays.entrySet()) {
        TensorData t = e.getValue();
        if (t.type() != ElementType.FLOAT32) {
          throw new IllegalArgumentException("only float32 arrays are written: " + e.getKey());
        }
        StringBuilder shape = new StringBuilder("(");
        for (long d : t.shape()) {
          shape.append(d).append(", ");
        }
        String dims = t.shape().length == 1 ? shape.substring(0, shape.length() - 1) + ")"
            : (t.shape().length == 0 ? "()" : shape.substring(0, shape.length() - 2) + ")");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + dims + ", }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
        zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
            (byte) (header.length() & 0xFF), (byte) (header.length() >> 8)});
        zip.write(header.getBytes(StandardCharsets.US_ASCII));
        zip.write(t.bytes());
        zip.closeEntry();
      }
    }
    return file;
  }
}
