package io.litertj.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.DataType;
import io.litertj.testing.SharedModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    assertThrows(IOException.class, () -> NpyReader.read(new byte[20], "x.npy"));
    IOException fortran = assertThrows(IOException.class, () -> NpyReader.read(
        npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", new byte[4]), "f.npy"));
    assertTrue(fortran.getMessage().contains("Fortran"));
    IOException shape = assertThrows(IOException.class, () -> NpyReader.read(
        npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", new byte[4]), "s.npy"));
    assertTrue(shape.getMessage().contains("needs 12 bytes"), shape.getMessage());
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
