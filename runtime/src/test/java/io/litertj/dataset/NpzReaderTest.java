package io.litertj.dataset;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.fuzz.RawZip;
import io.litertj.ir.DataType;
import io.litertj.testing.InputErrors;
import io.litertj.testing.SharedModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzReaderTest {

  @Test
  void readsTheKwsCalibrationSetAsSamples() throws IOException {
    NpzDataset d = NpzDataset.read(
        SharedModels.path("mlperf_tiny_kws_dscnn_tf2/reference_same_weights/calibration_100.npz"));
    assertEquals(100, d.size());
    Iterator<Map<String, NdArray>> it = d.iterator();
    NdArray first = it.next().get("input_1");
    assertEquals(DataType.FLOAT32, first.type());
    assertArrayEquals(new int[] {1, 49, 10, 1}, first.shape());
    assertEquals(-54.55184f, first.floats()[0]); // as numpy prints it
    int n = 1;
    NdArray last = null;
    while (it.hasNext()) {
      last = it.next().get("input_1");
      n++;
    }
    assertEquals(100, n);
    assertEquals(-31.597326f, last.floats()[489]);
  }

  @Test
  void readsBigEndianAndVersion2Headers() throws IOException {
    byte[] be = npy(1, "{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }", new byte[] {0, 0, 1, 0, -1, -1, -1, -2});
    NdArray a = NpyReader.read(be, "be.npy");
    assertEquals(DataType.INT32, a.type());
    assertArrayEquals(new byte[] {0, 1, 0, 0, -2, -1, -1, -1}, a.data());
    NdArray b = NpyReader.read(npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }",
        new byte[] {0, 0, -128, 63}), "v2.npy");
    assertEquals(1f, b.floats()[0]);
  }

  @Test
  void rejectsWhatItCannotRead() {
    assertInputError(() -> NpyReader.read(new byte[20], "x.npy"));
    ConversionException fortran = assertInputError(() -> NpyReader.read(
        npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", new byte[4]), "f.npy"));
    assertTrue(fortran.getMessage().contains("Fortran"));
    ConversionException shape = assertInputError(() -> NpyReader.read(
        npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", new byte[4]), "s.npy"));
    assertTrue(shape.getMessage().contains("needs 12 bytes"), shape.getMessage());
  }

  @Test
  void damagedHeadersSayWhatIsWrongWithTheHeader() {
    String[][] cases = {
        {"{'descr': '<f4', 'fortran_order': False, 'shape': (9999999999999999999999, 1), }", "18 digits"},
        {"{'descr': '<f4', 'fortran_order': False, 'shape': (x, 1), }", "not an integer"},
        {"{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", "dimension outside"},
        {"{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, }", "not an integer"},
        {"{'descr': '<f4', 'fortran_order': False, 'shape': (1 1), }", "no comma"},
        {"{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, 8), }", "needs"},
        {"{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "dtype '|O'"},
        {"{'descr': '<f4', 'fortran_order': Fals, 'shape': (1,), }", "where a value belongs"},
        {"{'descr': '<f4', 'shape': (1,), }", "keys"},
        {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'shape': (1,)}", "twice"},
        {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } trailing", "text after"},
    };
    for (String[] c : cases) {
      ConversionException e = assertInputError(() -> NpyReader.read(npy(1, c[0], new byte[4]), "h.npy"), c[0]);
      assertTrue(e.getMessage().contains(c[1]), () -> c[0] + " -> " + e.getMessage());
    }
  }

  @Test
  void entryNamesInAnyBytesAreReadOrRefusedCleanly(@TempDir Path dir) throws IOException {
    byte[] array = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
    byte[][] names = {{(byte) 0xff, (byte) 0xfe, 'x', '.', 'n', 'p', 'y'}, {(byte) 0xc3, (byte) 0x28},
        {'a', 0, 'b'}, "\u00e9t\u00e9.npy".getBytes(StandardCharsets.UTF_8)};
    for (byte[] name : names) {
      Path file = dir.resolve("names.npz");
      Files.write(file, RawZip.write(List.of(new RawZip.Entry("ok.npy", array, false).withName(name))));
      InputErrors.convertsOrInputError(() -> NpzReader.read(file), Arrays.toString(name));
    }
  }

  @Test
  void aZipBombIsRefusedBeforeItIsInflated(@TempDir Path dir) throws IOException {
    Path bomb = dir.resolve("bomb.npz");
    long inflated = 0xFFFF_FFF0L; // 4 GiB of zeros claimed: more than any test heap holds in one array
    Files.write(bomb, RawZip.write(List.of(RawZip.Entry.bomb("x.npy", zeroArray(inflated), inflated))));
    ConversionException e = assertInputError(() -> NpzReader.read(bomb));
    assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("bomb.npz"), e.getMessage());
  }

  @Test
  void entryCountsAndDuplicatesAreBounded(@TempDir Path dir) throws IOException {
    byte[] array = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
    List<RawZip.Entry> many = new java.util.ArrayList<>();
    for (int i = 0; i <= NpzReader.MAX_ENTRIES; i++) {
      many.add(new RawZip.Entry("a" + i + ".npy", array, false));
    }
    Path manyFile = dir.resolve("many.npz");
    Files.write(manyFile, RawZip.write(many));
    assertTrue(assertInputError(() -> NpzReader.read(manyFile)).getMessage().contains("entries"));
    Path twice = dir.resolve("twice.npz");
    Files.write(twice, RawZip.write(List.of(new RawZip.Entry("a.npy", array, false),
        new RawZip.Entry("a", array, true))));
    assertTrue(assertInputError(() -> NpzReader.read(twice)).getMessage().contains("two arrays named 'a'"));
  }

  /**
   * A deflated .npy whose header claims {@code bytes} of float32 data; 64 MiB of zeros really
   * follow (the claim alone must be refused, before anything of that size is allocated).
   */
  private static byte[] zeroArray(long bytes) {
    byte[] header = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (" + bytes / 8 + ", 2), }",
        new byte[0]);
    java.util.zip.Deflater d = new java.util.zip.Deflater(9, true);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    byte[] chunk = new byte[1 << 20];
    for (int i = -1; i < 64; i++) {
      d.setInput(i < 0 ? header : chunk);
      while (!d.needsInput()) {
        out.write(buf, 0, d.deflate(buf));
      }
    }
    d.finish();
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static byte[] npy(int version, String header, byte[] data) {
    byte[] h = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
    int pre = version == 1 ? 10 : 12;
    byte[] out = new byte[pre + h.length + data.length];
    byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0};
    System.arraycopy(magic, 0, out, 0, 8);
    out[8] = (byte) h.length;
    out[9] = (byte) (h.length >> 8);
    System.arraycopy(h, 0, out, pre, h.length);
    System.arraycopy(data, 0, out, pre + h.length, data.length);
    return out;
  }
}
