package io.litertj;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The one exception type of the converter. Every malformed, truncated or unsupported input ends in
 * one of these: the message says what went wrong, where, and how to fix it. The context (file,
 * node, op type) is also kept in fields so that tools can present it.
 *
 * <p>Its {@link #kind()} tells the two apart that a user must never confuse: {@link Kind#INPUT},
 * the model cannot be converted as it is, and {@link Kind#INTERNAL}, litertj failed on something
 * it should have handled (a bug to report, whatever the input).
 */
public final class ConversionException extends RuntimeException {

  /** Whose problem it is. */
  public enum Kind {
    /** The input is malformed, unsupported or inconsistent: the message says how to fix it. */
    INPUT,
    /**
     * The options do not fit together or do not fit the model (a mode that cannot honour an I/O
     * type, a name or pattern that matches nothing): the call is wrong, not the model. Found before
     * any conversion work that the option would change; the CLI exits with 2.
     */
    USAGE,
    /** A bug in litertj: the message names the model and the stage, and asks for a report. */
    INTERNAL
  }

  static final String REPORT_REQUEST = "This is a bug in litertj, not a problem with the model: please report it"
      + " to the litertj maintainers with the model (or how it was made) and the output of --verbose.";

  private final Kind kind;
  private final transient Path file;
  private final String node;
  private final String opType;
  private final String problem;
  private final String hint;

  private ConversionException(Kind kind, String message, String problem, String hint, Path file, String node,
      String opType, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.problem = problem;
    this.hint = hint;
    this.file = file;
    this.node = node;
    this.opType = opType;
  }

  private ConversionException(String message, Path file, String node, String opType, Throwable cause) {
    this(Kind.INPUT, message, message, null, file, node, opType, cause);
  }

  /** An error with a message only; prefer the builder when a file, node or op is known. */
  public ConversionException(String message) {
    this(message, null, null, null, null);
  }

  public ConversionException(String message, Throwable cause) {
    this(message, null, null, null, cause);
  }

  public static Builder builder(String message) {
    return new Builder(message);
  }

  /**
   * An internal error: {@code cause} escaped our code while it was {@code stage} (a gerund:
   * "quantizing to INT8") {@code model} (a file, directory or description; may be null). The
   * message says it is litertj's bug and asks for a report; the stack trace is the cause's.
   */
  public static ConversionException internal(String stage, Object model, Throwable cause) {
    return internalBuilder(stage, model, String.valueOf(cause)).cause(cause).build();
  }

  /** An internal error found by a check of our own: {@code what} says which invariant litertj broke. */
  public static ConversionException internal(String stage, Object model, String what) {
    return internalBuilder(stage, model, what).build();
  }

  /** The builder of an internal error, to add a node or op type. */
  public static Builder internalBuilder(String stage, Object model, String what) {
    Builder b = new Builder("internal error in litertj while " + stage + (model == null ? "" : " " + model) + ": "
        + what + "\n" + REPORT_REQUEST);
    b.kind = Kind.INTERNAL;
    if (model instanceof Path p) {
      b.reportedFile = p;
    }
    return b;
  }

  /**
   * {@code e} itself if it is already ours, else an internal error at {@code stage}. For the API's
   * boundary, where an unforeseen exception must not leave the library as a JDK exception.
   */
  public static ConversionException wrapUnexpected(RuntimeException e, String stage, Object model) {
    return e instanceof ConversionException c ? c : internal(stage, model, e);
  }

  public Kind kind() {
    return kind;
  }

  /** True for a bug in litertj rather than a problem with the input. */
  public boolean isInternal() {
    return kind == Kind.INTERNAL;
  }

  /** True for options that contradict each other or the model ({@link Kind#USAGE}). */
  public boolean isUsage() {
    return kind == Kind.USAGE;
  }

  /** What is wrong and where: the message without the fix. */
  public String problem() {
    return problem;
  }

  /** How to fix it, when the message says. */
  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }

  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  public Optional<String> node() {
    return Optional.ofNullable(node);
  }

  public Optional<String> opType() {
    return Optional.ofNullable(opType);
  }

  /** Collects the context of an error; the message gets it appended in a fixed, readable order. */
  public static final class Builder {
    private final String message;
    private Path file;
    private String node;
    private String opType;
    private String hint;
    private Throwable cause;
    private Kind kind = Kind.INPUT;
    /** The file of an internal error: kept in the field, but already named in its message. */
    private Path reportedFile;

    private Builder(String message) {
      this.message = message;
    }

    public Builder file(Path file) {
      this.file = file;
      return this;
    }

    /** The file the message already names: kept in {@link #file()}, not appended again. */
    public Builder named(Path file) {
      this.reportedFile = file;
      return this;
    }

    public Builder node(String node) {
      this.node = node;
      return this;
    }

    public Builder opType(String opType) {
      this.opType = opType;
      return this;
    }

    /** How to fix it, in the user's terms: a sentence, whose first letter is made upper case. */
    public Builder hint(String hint) {
      this.hint = hint == null || hint.isEmpty() ? null : sentence(hint);
      return this;
    }

    /** A plain lower-case first word gets its capital; code ({@code tf.function}, {@code --flag}) does not. */
    private static String sentence(String text) {
      int end = 0;
      while (end < text.length() && Character.isLetter(text.charAt(end))) {
        end++;
      }
      boolean word = end > 0 && (end == text.length() || " ,;:".indexOf(text.charAt(end)) >= 0)
          && text.substring(0, end).chars().allMatch(Character::isLowerCase);
      return word ? Character.toUpperCase(text.charAt(0)) + text.substring(1) : text;
    }

    /** Marks a misuse of options ({@link Kind#USAGE}) rather than a problem with the model. */
    public Builder usage() {
      this.kind = Kind.USAGE;
      return this;
    }

    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    public ConversionException build() {
      // The context goes on the first line; a multi-line message keeps its details below it.
      int firstLineEnd = message.indexOf('\n');
      String first = firstLineEnd < 0 ? message : message.substring(0, firstLineEnd);
      String rest = firstLineEnd < 0 ? "" : message.substring(firstLineEnd);
      boolean colon = first.endsWith(":");
      StringBuilder text = new StringBuilder(colon ? first.substring(0, first.length() - 1) : first);
      if (node != null || opType != null) {
        text.append(" (");
        if (node != null) {
          text.append("node '").append(node).append('\'');
        }
        if (opType != null) {
          text.append(node != null ? ", " : "").append("op ").append(opType);
        }
        text.append(')');
      }
      if (file != null) {
        text.append(" in ").append(file);
      }
      text.append(colon ? ":" : "").append(rest);
      String problem = text.toString();
      if (hint != null) {
        text.append(rest.isEmpty() ? ". " : "\n").append(hint);
      }
      return new ConversionException(kind, text.toString(), problem, hint, file != null ? file : reportedFile, node,
          opType, cause);
    }
  }
}
