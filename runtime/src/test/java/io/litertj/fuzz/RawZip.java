package io.litertj.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A zip writer that writes what it is told, including what java.util.zip refuses to write: entry
 * names in any bytes, sizes that lie, a deflated stream far larger than its archive.
 */
public final class RawZip {

  /**
   * One entry; {@code declaredSize} < 0 means the true size. A {@code preDeflated} entry's data is
   * already a raw deflate stream (a bomb), written as it is.
   */
  public record Entry(byte[] name, byte[] data, boolean deflate, long declaredSize, boolean preDeflated) {
    public Entry(String name, byte[] data, boolean deflate) {
      this(name.getBytes(StandardCharsets.UTF_8), data, deflate, -1, false);
    }

    public static Entry bomb(String name, byte[] deflated, long inflatedSize) {
      return new Entry(name.getBytes(StandardCharsets.UTF_8), deflated, true, inflatedSize, true);
    }

    public Entry withName(byte[] n) {
      return new Entry(n, data, deflate, declaredSize, preDeflated);
    }

    public Entry withData(byte[] d) {
      return new Entry(name, d, deflate, declaredSize, preDeflated);
    }

    public Entry withDeclaredSize(long s) {
      return new Entry(name, data, deflate, s, preDeflated);
    }

    public String nameText() {
      return new String(name, StandardCharsets.UTF_8);
    }
  }

  private RawZip() {}

  public static List<Entry> read(Path zip) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (ZipFile f = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = f.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        try (InputStream in = f.getInputStream(e)) {
          out.add(new Entry(e.getName(), in.readAllBytes(), e.getMethod() == ZipEntry.DEFLATED));
        }
      }
    }
    return out;
  }

  public static byte[] write(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    for (Entry e : entries) {
      byte[] stored = e.preDeflated() || !e.deflate() ? e.data() : deflate(e.data());
      CRC32 crc = new CRC32();
      if (!e.preDeflated()) {
        crc.update(e.data());
      }
      long size = e.declaredSize() >= 0 ? e.declaredSize() : e.data().length;
      int offset = out.size();
      ByteBuffer local = header(0x04034b50, 30 + e.name().length);
      local.putShort((short) 20).putShort((short) 0).putShort((short) (e.deflate() ? 8 : 0)).putInt(0)
          .putInt((int) crc.getValue()).putInt(stored.length).putInt((int) size)
          .putShort((short) e.name().length).putShort((short) 0).put(e.name());
      out.writeBytes(local.array());
      out.writeBytes(stored);
      ByteBuffer dir = header(0x02014b50, 46 + e.name().length);
      dir.putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) (e.deflate() ? 8 : 0))
          .putInt(0).putInt((int) crc.getValue()).putInt(stored.length).putInt((int) size)
          .putShort((short) e.name().length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
          .putShort((short) 0).putInt(0).putInt(offset).put(e.name());
      central.writeBytes(dir.array());
    }
    int dirOffset = out.size();
    out.writeBytes(central.toByteArray());
    ByteBuffer end = header(0x06054b50, 22);
    end.putShort((short) 0).putShort((short) 0).putShort((short) entries.size()).putShort((short) entries.size())
        .putInt(central.size()).putInt(dirOffset).putShort((short) 0);
    out.writeBytes(end.array());
    return out.toByteArray();
  }

  private static ByteBuffer header(int signature, int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).putInt(signature);
  }

  static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  /** A raw deflate stream of {@code zeros} zero bytes, made in pieces (never held inflated). */
  public static byte[] deflatedZeros(long zeros) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    byte[] chunk = new byte[1 << 20];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    for (long left = zeros; left > 0; left -= chunk.length) {
      d.setInput(chunk, 0, (int) Math.min(chunk.length, left));
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
}
