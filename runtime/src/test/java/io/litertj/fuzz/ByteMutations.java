package io.litertj.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Format-blind damage: flipped bits, boundary values, cut, grown, shifted and repeated bytes. */
final class ByteMutations {

  static final int[] INTERESTING_INTS = {0, 1, -1, 2, 3, 4, 7, 8, 16, 127, 128, 255, 256, 1000, 4096, 65535, 65536,
      1_000_000, 1 << 24, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 7, 1 << 30};

  private ByteMutations() {}

  /** One to three random mutations of {@code in}, anywhere. */
  static byte[] mutate(byte[] in, SplittableRandom r) {
    return mutate(in, r, 0, in.length);
  }

  /** One to three random mutations whose first damaged byte lies in {@code [from, to)}. */
  static byte[] mutate(byte[] in, SplittableRandom r, int from, int to) {
    byte[] out = in;
    for (int n = 1 + r.nextInt(3); n > 0; n--) {
      out = once(out, r, Math.min(from, Math.max(out.length - 1, 0)), Math.min(to, out.length));
    }
    return out;
  }

  private static byte[] once(byte[] in, SplittableRandom r, int from, int to) {
    if (in.length == 0) {
      return new byte[] {(byte) r.nextInt(256)};
    }
    int at = to > from ? from + r.nextInt(to - from) : 0;
    byte[] out = in.clone();
    switch (r.nextInt(9)) {
      case 0, 1 -> out[at] ^= (byte) (1 << r.nextInt(8));
      case 2 -> out[at] = (byte) new int[] {0, 1, 0x7f, 0x80, 0xff, 0x40}[r.nextInt(6)];
      case 3 -> {
        int v = INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)];
        int pos = Math.min(at, out.length - 4);
        if (pos >= 0) {
          ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(pos, v);
        }
      }
      case 4 -> out = Arrays.copyOf(in, at); // truncated
      case 5 -> { // bytes inserted
        int n = 1 + r.nextInt(64);
        out = new byte[in.length + n];
        System.arraycopy(in, 0, out, 0, at);
        for (int i = 0; i < n; i++) {
          out[at + i] = (byte) r.nextInt(256);
        }
        System.arraycopy(in, at, out, at + n, in.length - at);
      }
      case 6 -> { // bytes deleted
        int n = Math.min(1 + r.nextInt(64), in.length - at);
        out = new byte[in.length - n];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + n, out, at, in.length - at - n);
      }
      case 7 -> { // a chunk copied over another place
        int n = Math.min(1 + r.nextInt(32), in.length - at);
        int src = r.nextInt(in.length - n + 1);
        System.arraycopy(in, src, out, at, n);
      }
      default -> { // zeroed
        int n = Math.min(1 + r.nextInt(16), in.length - at);
        Arrays.fill(out, at, at + n, (byte) 0);
      }
    }
    return out;
  }
}
