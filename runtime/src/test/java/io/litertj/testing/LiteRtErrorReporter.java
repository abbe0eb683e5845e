package io.litertj.testing;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.Reporter_Pointer_BytePointer_Pointer;

/**
 * Collects what LiteRT reports through its C API error-reporter callback, per thread.
 *
 * <p>JavaCPP gives each callback class a small fixed number of native slots, so there is one
 * instance for the whole JVM, kept forever. LiteRT calls it synchronously on the thread that called
 * into LiteRT (the oracle uses one interpreter thread), so a thread-local buffer keeps the messages
 * of concurrent oracles apart.
 */
final class LiteRtErrorReporter extends Reporter_Pointer_BytePointer_Pointer {
  /** The single native callback. */
  static final LiteRtErrorReporter INSTANCE = new LiteRtErrorReporter();

  private static final int MAX_CHARS = 2000;
  private static final ThreadLocal<StringBuilder> MESSAGES = ThreadLocal.withInitial(StringBuilder::new);

  private LiteRtErrorReporter() {}

  @Override
  public void call(Pointer userData, BytePointer format, Pointer args) {
    StringBuilder sink = MESSAGES.get();
    if (sink.length() >= MAX_CHARS) {
      return; // a broken file can report the same thing hundreds of times
    }
    if (sink.length() > 0) {
      sink.append(" | ");
    }
    sink.append(VaListFormatter.format(format, args).strip());
    if (sink.length() >= MAX_CHARS) {
      sink.setLength(MAX_CHARS);
      sink.append(" ... (more)");
    }
  }

  /** Forgets what this thread has collected. */
  static void clear() {
    MESSAGES.get().setLength(0);
  }

  /** What this thread has collected since the last clear, then clears it. */
  static String drain() {
    StringBuilder sink = MESSAGES.get();
    String text = sink.toString();
    sink.setLength(0);
    return text;
  }
}
