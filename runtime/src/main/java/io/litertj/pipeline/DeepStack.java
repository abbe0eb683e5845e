package io.litertj.pipeline;

import io.litertj.ConversionException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a conversion on a thread with a large stack. Graph flattening follows input chains
 * recursively, and real graphs chain thousands of nodes deep.
 */
final class DeepStack {

  private static final long STACK_BYTES = 512L << 20;

  private DeepStack() {}

  static <T> T call(Callable<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(work.call());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "litertj-convert", STACK_BYTES);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      throw new ConversionException("conversion interrupted", e);
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      if (e instanceof StackOverflowError) {
        throw new ConversionException("the graph is nested too deeply to convert", e);
      }
      throw e;
    }
    if (t != null) {
      throw new ConversionException(t.toString(), t);
    }
    return result.get();
  }
}
