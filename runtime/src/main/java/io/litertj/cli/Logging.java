package io.litertj.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Sends the library's java.util.logging records to the command's stderr in one short line each. */
final class Logging {

  private Logging() {}

  static void configure(boolean verbose, PrintWriter err) {
    // jHDF logs through SLF4J; keep its INFO chatter out of a converter's output.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    Logger root = Logger.getLogger("io.litertj");
    root.setUseParentHandlers(false);
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    Level level = verbose ? Level.FINE : Level.WARNING;
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (isLoggable(record)) {
          err.println(record.getLevel() + ": " + formatMessage(record));
          err.flush();
        }
      }

      @Override
      public void flush() {
        err.flush();
      }

      @Override
      public void close() {
        err.flush();
      }

      private String formatMessage(LogRecord record) {
        return new java.util.logging.SimpleFormatter().formatMessage(record);
      }
    };
    handler.setLevel(level);
    root.setLevel(level);
    root.addHandler(handler);
  }
}
