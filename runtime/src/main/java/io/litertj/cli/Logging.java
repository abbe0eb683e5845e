package io.litertj.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Sends the library's java.util.logging records to stderr in one short line each. */
final class Logging {

  private Logging() {}

  static void configure(boolean verbose) {
    // jHDF logs through SLF4J; keep its INFO chatter out of a converter's output.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
    Logger root = Logger.getLogger("io.litertj");
    root.setUseParentHandlers(false);
    for (var h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler handler = new ConsoleHandler();
    handler.setFormatter(new SimpleFormatter());
    Level level = verbose ? Level.FINE : Level.WARNING;
    handler.setLevel(level);
    root.setLevel(level);
    root.addHandler(handler);
  }
}
