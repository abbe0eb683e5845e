package io.litertj.maven;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.apache.maven.plugin.logging.Log;

/**
 * Sends the converter's java.util.logging records ({@code io.litertj.*}) to Maven's log while a goal
 * runs: warnings as warnings, INFO as info, finer levels as debug (shown with {@code -X}). Its
 * SLF4J logging reaches Maven's log already, through the SLF4J that Maven provides to plugins.
 */
final class MavenLogBridge extends Handler implements AutoCloseable {

  private static final String ROOT = "io.litertj";

  private final Log log;
  private final Logger logger;
  private final Handler[] previousHandlers;
  private final boolean previousUseParent;
  private final Level previousLevel;
  private final Formatter formatter = new SimpleFormatter();

  private MavenLogBridge(Log log, Logger logger) {
    this.log = log;
    this.logger = logger;
    this.previousHandlers = logger.getHandlers();
    this.previousUseParent = logger.getUseParentHandlers();
    this.previousLevel = logger.getLevel();
  }

  static MavenLogBridge install(Log log) {
    Logger logger = Logger.getLogger(ROOT);
    MavenLogBridge bridge = new MavenLogBridge(log, logger);
    for (Handler h : bridge.previousHandlers) {
      logger.removeHandler(h);
    }
    logger.addHandler(bridge);
    logger.setUseParentHandlers(false);
    logger.setLevel(log.isDebugEnabled() ? Level.FINE : Level.INFO);
    return bridge;
  }

  @Override
  public void publish(LogRecord record) {
    String message = formatter.formatMessage(record);
    Throwable thrown = record.getThrown();
    int level = record.getLevel().intValue();
    if (level >= Level.WARNING.intValue()) {
      if (thrown == null) {
        log.warn(message);
      } else {
        log.warn(message, thrown);
      }
    } else if (level >= Level.INFO.intValue()) {
      log.info(message);
    } else if (log.isDebugEnabled()) {
      if (thrown == null) {
        log.debug(message);
      } else {
        log.debug(message, thrown);
      }
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    for (Handler h : previousHandlers) {
      logger.addHandler(h);
    }
    logger.setUseParentHandlers(previousUseParent);
    logger.setLevel(previousLevel);
  }
}
