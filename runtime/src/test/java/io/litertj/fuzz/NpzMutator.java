package io.litertj.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Damages a {@code .npz} where its readers make decisions: entry names (any bytes, any length),
 * entry counts and declared sizes, the {@code .npy} magic, version, header length and header
 * dictionary (shape, dtype, order), the data's length, and inflated sizes (zip bombs).
 */
final class NpzMutator {

  private static final Pattern SHAPE = Pattern.compile("\\(([^)]*)\\)");
  private static final String[] DIMS = {"0", "-1", "1", "99999999999", "2147483648", "2147483647", "1L", "x", "",
      "1e3", "3.5", "-2147483648", "65536", "100000000"};
  private static final String[] DESCRS = {"'<f8'", "'|b1'", "'<i8'", "'>f4'", "'|O'", "'<U10'", "'<c8'", "'f4'",
      "'<f16'", "'<i0'", "'<f99999'", "'<f2'", "'|u1'", "'<f'", "''", "None", "'<f4"};
  /** More zeros than the child JVM's heap: inflating them whole is an OutOfMemoryError. */
  static final long BOMB_BYTES = 600L << 20;
  private static byte[] bomb;

  private NpzMutator() {}

  static byte[] mutate(List<RawZip.Entry> seed, SplittableRandom r) {
    List<RawZip.Entry> entries = new ArrayList<>(seed);
    int kind = r.nextInt(10);
    int i = r.nextInt(entries.size());
    RawZip.Entry e = entries.get(i);
    switch (kind) {
      case 0 -> entries.set(i, e.withName(randomName(r)));
      case 1 -> entries.set(i, e.withName(new String[] {"", ".npy", "a/b.npy", "../../x.npy", "x".repeat(300) + ".npy",
          entries.get(r.nextInt(entries.size())).nameText(), "input_1.npy/", "\u0000.npy"}[r.nextInt(8)]
          .getBytes(StandardCharsets.UTF_8)));
      case 2, 3 -> entries.set(i, e.withData(header(e.data(), r)));
      case 4 -> entries.set(i, e.withData(prefix(e.data(), r)));
      case 5 -> entries.set(i, e.withData(ByteMutations.mutate(e.data(), r, 0, Math.min(e.data().length, 128))));
      case 6 -> entries.set(i, RawZip.Entry.bomb(e.nameText(), bomb(), r.nextBoolean() ? BOMB_BYTES : 1000));
      case 7 -> {
        for (int n = 0; n < 5000; n++) {
          entries.add(new RawZip.Entry("e" + n + ".npy", e.data().length > 200 ? new byte[128] : e.data(), true));
        }
      }
      case 8 -> entries.set(i, e.withDeclaredSize(new long[] {0, 1, 0xFFFFFFFFL, 1L << 31, e.data().length + 1}
          [r.nextInt(5)]));
      default -> {
        return ByteMutations.mutate(RawZip.write(entries), r);
      }
    }
    return RawZip.write(entries);
  }

  private static byte[] randomName(SplittableRandom r) {
    byte[] name = new byte[1 + r.nextInt(12)];
    for (int i = 0; i < name.length; i++) {
      name[i] = (byte) (r.nextBoolean() ? 0x80 + r.nextInt(128) : r.nextInt(256));
    }
    if (r.nextBoolean()) {
      byte[] withSuffix = new byte[name.length + 4];
      System.arraycopy(name, 0, withSuffix, 0, name.length);
      System.arraycopy(".npy".getBytes(StandardCharsets.US_ASCII), 0, withSuffix, name.length, 4);
      return withSuffix;
    }
    return name;
  }

  /** The header dictionary with its shape, dtype or order changed. */
  private static byte[] header(byte[] npy, SplittableRandom r) {
    if (npy.length < 10) {
      return npy;
    }
    int start = npy[6] == 1 ? 10 : 12;
    int length = npy[6] == 1 ? Short.toUnsignedInt(ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN).getShort(8))
        : ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    if (length < 0 || start + length > npy.length) {
      return npy;
    }
    String text = new String(npy, start, length, StandardCharsets.ISO_8859_1);
    String changed = switch (r.nextInt(5)) {
      case 0 -> {
        Matcher m = SHAPE.matcher(text);
        if (!m.find()) {
          yield text;
        }
        String[] dims = m.group(1).split(",", -1);
        dims[r.nextInt(dims.length)] = " " + DIMS[r.nextInt(DIMS.length)];
        yield text.substring(0, m.start(1)) + String.join(",", dims) + text.substring(m.end(1));
      }
      case 1 -> text.replaceFirst("'descr': *'[^']*'", "'descr': " + DESCRS[r.nextInt(DESCRS.length)]);
      case 2 -> text.replace("False", new String[] {"True", "0", "Fals", "None"}[r.nextInt(4)]);
      case 3 -> text.replaceFirst("\\)", new String[] {"", ",)", ", 1, 1, 1, 1, 1, 1, 1)", "))", ")"}[r.nextInt(5)]);
      default -> text.replaceFirst("\\(", "(" + "1, ".repeat(r.nextInt(40)));
    };
    byte[] h = changed.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[start + h.length + npy.length - start - length];
    System.arraycopy(npy, 0, out, 0, start);
    if (start == 10) {
      ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) h.length);
    } else {
      ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(8, h.length);
    }
    System.arraycopy(h, 0, out, start, h.length);
    System.arraycopy(npy, start + length, out, start + h.length, npy.length - start - length);
    return out;
  }

  /** Magic, version or header length damaged. */
  private static byte[] prefix(byte[] npy, SplittableRandom r) {
    byte[] out = npy.clone();
    if (out.length < 12) {
      return out;
    }
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    switch (r.nextInt(4)) {
      case 0 -> out[6] = (byte) new int[] {0, 2, 3, 4, 255}[r.nextInt(5)];
      case 1 -> b.putShort(8, (short) new int[] {0, 1, 0xffff, 0x7fff, out.length}[r.nextInt(5)]);
      case 2 -> b.putInt(8, ByteMutations.INTERESTING_INTS[r.nextInt(ByteMutations.INTERESTING_INTS.length)]);
      default -> out[r.nextInt(6)] ^= 1;
    }
    return out;
  }

  static synchronized byte[] bomb() {
    if (bomb == null) {
      bomb = RawZip.deflatedZeros(BOMB_BYTES);
    }
    return bomb;
  }
}
