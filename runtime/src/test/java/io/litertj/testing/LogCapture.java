package io.litertj.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what java.util.logging records under a logger name while open (for tests of warnings). */
public final class LogCapture implements AutoCloseable {

  private final Logger logger; // held: JUL keeps loggers only weakly
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (records) {
        records.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogCapture(String name) {
    logger = Logger.getLogger(name);
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  /** Starts collecting the records of {@code name} and the loggers below it. */
  public static LogCapture of(String name) {
    return new LogCapture(name);
  }

  /** The messages logged at WARNING or above so far. */
  public List<String> warnings() {
    synchronized (records) {
      return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
          .map(LogRecord::getMessage).toList();
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
