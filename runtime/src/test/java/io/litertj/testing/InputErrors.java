package io.litertj.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.litertj.ConversionException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions for tests of bad input. Bad input must end in an {@link ConversionException.Kind#INPUT}
 * error whose message is in the user's terms; an internal error, or any other exception that
 * escapes, is a bug that such a test must expose, not accept.
 */
public final class InputErrors {

  /** A JDK (or library) class name in a message means an exception's text reached the user. */
  private static final Pattern CLASS_NAME = Pattern.compile(
      "\\b(java|javax|jdk|sun|com\\.google|com\\.fasterxml|io\\.jhdf|org\\.tensorflow)\\.[a-z]+\\.|"
          + "\\b[A-Z][A-Za-z]*(Exception|Error)\\b");

  private InputErrors() {}

  /** Runs {@code work}, which must fail with an input error; returns that error. */
  public static ConversionException assertInputError(Executable work) {
    return assertInputError(work, "");
  }

  /** As {@link #assertInputError(Executable)}; {@code what} names the case in failures. */
  public static ConversionException assertInputError(Executable work, String what) {
    return convertsOrInputError(work, what)
        .orElseThrow(() -> new AssertionFailedError(prefix(what) + "expected an input error, but it succeeded"));
  }

  /**
   * Runs {@code work}, which may succeed (empty) or fail with an input error (returned). For damaged
   * files that may still be valid: an internal error or an escaped exception fails the test.
   */
  public static Optional<ConversionException> convertsOrInputError(Executable work, String what) {
    try {
      work.execute();
      return Optional.empty();
    } catch (ConversionException e) {
      if (e.isInternal()) {
        throw new AssertionFailedError(prefix(what) + "bad input gave an internal error:\n" + e.getMessage(), e);
      }
      assertUserFacing(e, what);
      return Optional.of(e);
    } catch (AssertionFailedError e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionFailedError(prefix(what) + "bad input escaped as " + e, e);
    }
  }

  /** The exception class name in a message, if one leaked into it. */
  public static Optional<String> leakedClassName(String message) {
    Matcher m = CLASS_NAME.matcher(message == null ? "" : message);
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  /** The message says something, and no exception class name leaked into it. */
  public static void assertUserFacing(ConversionException e, String what) {
    String message = e.getMessage();
    assertFalse(message == null || message.isBlank(), prefix(what) + "an input error without a message");
    Matcher m = CLASS_NAME.matcher(message);
    if (m.find()) {
      throw new AssertionFailedError(prefix(what) + "an exception class (" + m.group() + ") in the user's message:\n"
          + message, e);
    }
  }

  private static String prefix(String what) {
    return what == null || what.isEmpty() ? "" : what + ": ";
  }
}
