package io.litertj.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzReaderTest {
  @TempDir Path temp;

  /** Values printed by numpy 2 for the same file (np.load(...)['input_1']). */
  @Test
  void readsTheKwsEvaluationSet() throws IOException {
    Path npz = SharedModels.path("mlperf_tiny_kws_dscnn_tf2/reference_same_weights/evaluation_100.npz");
    Map<String, TensorData> arrays = NpzReader.read(npz);
    assertEquals(List.of("input_1"), List.copyOf(arrays.keySet()));
    TensorData x = arrays.get("input_1");
    assertEquals("input_1", x.name());
    assertEquals(ElementType.FLOAT32, x.type());
    assertArrayEquals(new long[] {100, 49, 10, 1}, x.shape());
    float[] v = x.asFloats();
    assertEquals(-21.379665f, v[0]);
    assertEquals(-26.713627f, v[index(3, 10, 5)]);
    assertEquals(-11.383548f, v[index(99, 48, 9)]);
    double sum = 0;
    for (float f : v) {
      sum += f;
    }
    assertEquals(-986332.1489613806, sum, 1e-6);
  }

  @Test
  void readsTheKwsCalibrationSet() throws IOException {
    TensorData x = NpzReader.read(
        SharedModels.path("mlperf_tiny_kws_dscnn_tf2/reference_same_weights/calibration_100.npz"), "input_1");
    assertArrayEquals(new long[] {100, 49, 10, 1}, x.shape());
    assertEquals(-54.55184f, x.asFloats()[0]);
    assertEquals(-31.597326f, x.asFloats()[index(99, 48, 9)]);
  }

  @Test
  void readsKerasOutputNamesWithColons() throws IOException {
    Map<String, TensorData> arrays = NpzReader.read(SharedModels.path("keras3_emg_lstm/model.keras_outputs.npz"));
    assertEquals(List.of("input:input", "output:output"), List.copyOf(arrays.keySet()));
    assertArrayEquals(new long[] {2, 12}, arrays.get("input:input").shape());
    assertEquals(-0.45761576f, arrays.get("input:input").asFloats()[12 + 5]);
    assertEquals(0.9999196529388428f, arrays.get("output:output").asFloats()[4]);
  }

  @Test
  void readsDeflatedArchivesVersion2HeadersAndScalars() throws IOException {
    Path npz = temp.resolve("made.npz");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
      put(zip, "ids", npy(1, "<i8", "(2, 3)", le(8, 6).putLong(0, -1).putLong(40, 1L << 40)));
      put(zip, "flag", npy(2, "|b1", "()", ByteBuffer.wrap(new byte[] {1})));
      put(zip, "bytes", npy(1, "|u1", "(3,)", ByteBuffer.wrap(new byte[] {0, 7, (byte) 255})));
      put(zip, "d", npy(1, "<f8", "(1,)", le(8, 1).putDouble(0, 0.1)));
    }
    Map<String, TensorData> a = NpzReader.read(npz);
    assertArrayEquals(new long[] {-1, 0, 0, 0, 0, 1L << 40}, a.get("ids").asLongs());
    assertArrayEquals(new long[] {2, 3}, a.get("ids").shape());
    assertEquals(0, a.get("flag").rank());
    assertArrayEquals(new boolean[] {true}, a.get("flag").asBools());
    assertArrayEquals(new int[] {0, 7, 255}, a.get("bytes").asInts());
    assertEquals(0.1, a.get("d").asDoubles()[0]);
  }

  @Test
  void rejectsFortranOrderAndBigEndianClearly() throws IOException {
    Path f = temp.resolve("f.npy");
    Files.write(f, npyBytes(1, "<f4", "(2, 2)", le(4, 4), true));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpzReader.readNpy(f));
    assertTrue(e.getMessage().contains("fortran_order True is not supported"), e.getMessage());
    Path b = temp.resolve("b.npy");
    Files.write(b, npyBytes(1, ">f4", "(1,)", le(4, 1), false));
    e = assertThrows(IllegalArgumentException.class, () -> NpzReader.readNpy(b));
    assertTrue(e.getMessage().contains("dtype '>f4' is not supported"), e.getMessage());
  }

  private static int index(int n, int h, int w) {
    return (n * 49 + h) * 10 + w;
  }

  private static ByteBuffer le(int size, int count) {
    return ByteBuffer.allocate(size * count).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void put(ZipOutputStream zip, String name, byte[] npy) throws IOException {
    zip.putNextEntry(new ZipEntry(name + ".npy"));
    zip.write(npy);
    zip.closeEntry();
  }

  private static byte[] npy(int version, String descr, String shape, ByteBuffer data) throws IOException {
    return npyBytes(version, descr, shape, data, false);
  }

  /** An .npy as numpy writes it: magic, version, header length, padded dict header, data. */
  private static byte[] npyBytes(int version, String descr, String shape, ByteBuffer data, boolean fortran)
      throws IOException {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
        + ", 'shape': " + shape + ", }";
    int prefix = 6 + 2 + (version == 1 ? 2 : 4);
    int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
    String header = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
    ByteBuffer len = ByteBuffer.allocate(version == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
    if (version == 1) {
      len.putShort((short) header.length());
    } else {
      len.putInt(header.length());
    }
    out.write(len.array());
    out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    out.write(data.array());
    return out.toByteArray();
  }
}
