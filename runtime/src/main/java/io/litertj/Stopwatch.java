package io.litertj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Milliseconds per stage of one conversion, for the report. */
final class Stopwatch {

  private final long start = System.nanoTime();
  private final Map<String, Long> stages = new LinkedHashMap<>();

  <T> T run(String stage, Supplier<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      stages.merge(stage, (System.nanoTime() - t0) / 1_000_000, Long::sum);
    }
  }

  /** The stages in the order they ran, then {@code total}. */
  Map<String, Long> total() {
    Map<String, Long> out = new LinkedHashMap<>(stages);
    out.put("total", (System.nanoTime() - start) / 1_000_000);
    return out;
  }
}
