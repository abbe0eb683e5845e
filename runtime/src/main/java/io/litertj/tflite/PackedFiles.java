package io.litertj.tflite;

import io.litertj.ConversionException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Files packed after a model as a zip archive: stored (uncompressed) entries, then the central
 * directory and its end record, with no archive comment, so the end record is the file's last 22
 * bytes. Offsets are positions in the whole file, which starts with the model: that is the layout
 * of a model whose associated files the TFLite metadata populator appended (a zip opened for
 * appending on a file that is not one), and what the support library's reader expects. Every
 * entry gets the same DOS time (1980-01-01 00:00), so equal inputs give equal bytes.
 */
final class PackedFiles {

  private static final int LOCAL_HEADER = 30;
  private static final int CENTRAL_HEADER = 46;
  private static final int END_RECORD = 22;
  private static final int VERSION = 20;
  private static final int UTF8_NAMES = 1 << 11;
  private static final int DOS_DATE_1980_01_01 = (1 << 5) | 1;
  private static final long MAX_OFFSET = 0xFFFF_FFFFL;

  private PackedFiles() {}

  /** The archive, for a model file of {@code start} bytes before it. */
  static byte[] zip(List<Attachments.PackedFile> files, long start) {
    if (files.isEmpty()) {
      return new byte[0];
    }
    if (files.size() > 0xFFFF) {
      throw new ConversionException("cannot pack " + files.size() + " files into the model: a zip holds at most 65535");
    }
    long size = END_RECORD;
    for (Attachments.PackedFile f : files) {
      int name = f.name().getBytes(StandardCharsets.UTF_8).length;
      if (name == 0 || name > 0xFFFF) {
        throw new ConversionException("cannot pack a file named '" + f.name() + "' into the model");
      }
      size += LOCAL_HEADER + CENTRAL_HEADER + 2L * name + f.bytes().length;
    }
    if (start + size > MAX_OFFSET || size > Integer.MAX_VALUE - 8) {
      throw new ConversionException("the model and its associated files exceed 4 GB, which a zip without"
          + " zip64 records cannot address; leave the associated files out");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    long[] offsets = new long[files.size()];
    long[] crcs = new long[files.size()];
    for (int i = 0; i < files.size(); i++) {
      Attachments.PackedFile f = files.get(i);
      byte[] name = f.name().getBytes(StandardCharsets.UTF_8);
      CRC32 crc = new CRC32();
      crc.update(f.bytes());
      crcs[i] = crc.getValue();
      offsets[i] = start + out.position();
      out.putInt(0x04034b50);
      out.putShort((short) VERSION);
      out.putShort((short) flags(f.name()));
      out.putShort((short) 0); // stored
      out.putShort((short) 0); // time 00:00
      out.putShort((short) DOS_DATE_1980_01_01);
      out.putInt((int) crcs[i]);
      out.putInt(f.bytes().length);
      out.putInt(f.bytes().length);
      out.putShort((short) name.length);
      out.putShort((short) 0);
      out.put(name);
      out.put(f.bytes());
    }
    long centralStart = start + out.position();
    for (int i = 0; i < files.size(); i++) {
      Attachments.PackedFile f = files.get(i);
      byte[] name = f.name().getBytes(StandardCharsets.UTF_8);
      out.putInt(0x02014b50);
      out.putShort((short) VERSION); // made by: MS-DOS attributes, version 2.0
      out.putShort((short) VERSION);
      out.putShort((short) flags(f.name()));
      out.putShort((short) 0);
      out.putShort((short) 0);
      out.putShort((short) DOS_DATE_1980_01_01);
      out.putInt((int) crcs[i]);
      out.putInt(f.bytes().length);
      out.putInt(f.bytes().length);
      out.putShort((short) name.length);
      out.putShort((short) 0); // extra
      out.putShort((short) 0); // comment
      out.putShort((short) 0); // disk
      out.putShort((short) 0); // internal attributes
      out.putInt(0); // external attributes
      out.putInt((int) offsets[i]);
      out.put(name);
    }
    long centralSize = start + out.position() - centralStart;
    out.putInt(0x06054b50);
    out.putShort((short) 0);
    out.putShort((short) 0);
    out.putShort((short) files.size());
    out.putShort((short) files.size());
    out.putInt((int) centralSize);
    out.putInt((int) centralStart);
    out.putShort((short) 0);
    return out.array();
  }

  private static int flags(String name) {
    return StandardCharsets.US_ASCII.newEncoder().canEncode(name) ? 0 : UTF8_NAMES;
  }
}
