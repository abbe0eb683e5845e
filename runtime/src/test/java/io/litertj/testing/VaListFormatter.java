package io.litertj.testing;

import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Formats a {@code printf} format and its {@code va_list}, as LiteRT's error reporter callback
 * receives them, without native help.
 *
 * <p>Only for linux-x86_64 (the System V AMD64 {@code va_list}: {@code gp_offset}, {@code fp_offset},
 * {@code overflow_arg_area}, {@code reg_save_area}). The JavaCPP callback hands us a pointer to the
 * {@code va_list} pointer. Anywhere else, or if the structure looks wrong, the bare format is returned:
 * the message then keeps its {@code %d} placeholders but nothing is read from native memory.
 * It understands {@code %d %i %u %x %X %o %c %s %p %f %e %g %%} with flags, width, precision and the
 * length modifiers {@code hh h l ll z j t}; anything else also gives the bare format.
 */
final class VaListFormatter {
  private static final boolean SUPPORTED = "linux-x86_64".equals(Loader.getPlatform());
  private static final int GP_LIMIT = 48;   // 6 general-purpose registers * 8
  private static final int FP_LIMIT = 176;  // GP_LIMIT + 8 SSE registers * 16

  private VaListFormatter() {}

  /** The formatted message, or the bare format if the arguments cannot be read safely. */
  static String format(BytePointer format, Pointer vaListRef) {
    if (format == null || format.isNull()) {
      return "";
    }
    String fmt = format.getString();
    if (!SUPPORTED || vaListRef == null || vaListRef.isNull()) {
      return fmt;
    }
    Args args = Args.read(new LongPointer(vaListRef).get(0));
    if (args == null) {
      return fmt;
    }
    try {
      return render(fmt, args);
    } catch (RuntimeException e) {
      return fmt;
    }
  }

  private static String render(String fmt, Args args) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < fmt.length()) {
      char c = fmt.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      int start = i;
      StringBuilder spec = new StringBuilder("%");
      while (i < fmt.length() && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
        spec.append(fmt.charAt(i++));
      }
      i = widthOrPrecision(fmt, i, spec, args);
      if (i < fmt.length() && fmt.charAt(i) == '.') {
        spec.append('.');
        i = widthOrPrecision(fmt, i + 1, spec, args);
      }
      int lengthStart = i;
      while (i < fmt.length() && "hlzjtL".indexOf(fmt.charAt(i)) >= 0) {
        i++;
      }
      String length = fmt.substring(lengthStart, i);
      if (i >= fmt.length()) {
        out.append('%').append(fmt, start, fmt.length());
        break;
      }
      char conv = fmt.charAt(i++);
      String flags = spec.toString();
      switch (conv) {
        case '%' -> out.append('%');
        case 'd', 'i' -> out.append(String.format(Locale.ROOT, flags.replace("#", "") + "d",
            signed(args.nextLong(), length)));
        case 'u' -> out.append(Long.toUnsignedString(unsigned(args.nextLong(), length)));
        case 'x', 'X', 'o' -> out.append(String.format(Locale.ROOT, flags + conv, unsigned(args.nextLong(), length)));
        case 'c' -> out.append((char) (args.nextLong() & 0xff));
        case 'p' -> out.append("0x").append(Long.toHexString(args.nextLong()));
        case 's' -> out.append(String.format(Locale.ROOT, flags.replace("#", "") + "s", string(args.nextLong())));
        case 'f', 'F', 'e', 'E', 'g', 'G' ->
            out.append(String.format(Locale.ROOT, flags + Character.toLowerCase(conv), args.nextDouble()));
        default -> throw new IllegalArgumentException("unknown conversion %" + conv);
      }
    }
    return out.toString();
  }

  /** An int-sized argument occupies an 8-byte slot whose upper half is undefined. */
  private static long signed(long slot, String length) {
    return switch (length) {
      case "" -> (int) slot;
      case "h" -> (short) slot;
      case "hh" -> (byte) slot;
      default -> slot;
    };
  }

  private static long unsigned(long slot, String length) {
    return switch (length) {
      case "" -> slot & 0xffffffffL;
      case "h" -> slot & 0xffffL;
      case "hh" -> slot & 0xffL;
      default -> slot;
    };
  }

  private static int widthOrPrecision(String fmt, int i, StringBuilder spec, Args args) {
    if (i < fmt.length() && fmt.charAt(i) == '*') {
      spec.append((int) args.nextLong());
      return i + 1;
    }
    while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
      spec.append(fmt.charAt(i++));
    }
    return i;
  }

  private static String string(long address) {
    return address == 0 ? "(null)" : new BytePointer(at(address)).getString();
  }

  private static Pointer at(long nativeAddress) {
    // (the parameter must not be called "address": Pointer's own field would shadow it)
    return new Pointer() {
      {
        address = nativeAddress;
      }
    };
  }

  /** A cursor over a System V AMD64 va_list, copied so that the native one is left untouched. */
  private static final class Args {
    private int gpOffset;
    private int fpOffset;
    private long overflow;
    private final long saveArea;

    private Args(int gpOffset, int fpOffset, long overflow, long saveArea) {
      this.gpOffset = gpOffset;
      this.fpOffset = fpOffset;
      this.overflow = overflow;
      this.saveArea = saveArea;
    }

    static Args read(long vaList) {
      if (vaList == 0) {
        return null;
      }
      IntPointer offsets = new IntPointer(at(vaList));
      LongPointer areas = new LongPointer(at(vaList));
      int gp = offsets.get(0);
      int fp = offsets.get(1);
      long overflow = areas.get(1);
      long save = areas.get(2);
      boolean sane = gp >= 0 && gp <= GP_LIMIT && gp % 8 == 0
          && fp >= GP_LIMIT && fp <= FP_LIMIT && (fp - GP_LIMIT) % 16 == 0
          && overflow != 0 && save != 0;
      return sane ? new Args(gp, fp, overflow, save) : null;
    }

    long nextLong() {
      long address;
      if (gpOffset < GP_LIMIT) {
        address = saveArea + gpOffset;
        gpOffset += 8;
      } else {
        address = overflow;
        overflow += 8;
      }
      return new LongPointer(at(address)).get(0);
    }

    double nextDouble() {
      long address;
      if (fpOffset < FP_LIMIT) {
        address = saveArea + fpOffset;
        fpOffset += 16;
      } else {
        address = overflow;
        overflow += 8;
      }
      return new DoublePointer(at(address)).get(0);
    }
  }
}
