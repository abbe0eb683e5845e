package io.litertj.fuzz;

/** What one fuzz case did. Only CONVERTED and CLEAN are acceptable. */
enum Outcome {
  /** The damaged input still converted. */
  CONVERTED,
  /** An input error in the user's terms. */
  CLEAN,
  /** An internal error: litertj's own bug on this input. */
  INTERNAL,
  /** Another exception or error left the API. */
  ESCAPE,
  /** An input error whose message carries an exception class name. */
  LEAKY,
  OOM,
  /** No answer within the watchdog's time. */
  HANG,
  /** The JVM died (a native crash, an abort). */
  CRASH,
  /** Files left behind by a failed conversion, or temporary files. */
  LEFTOVER;

  boolean acceptable() {
    return this == CONVERTED || this == CLEAN;
  }

  /** One case's outcome and what it said. */
  record Result(Outcome outcome, String detail) {}
}
