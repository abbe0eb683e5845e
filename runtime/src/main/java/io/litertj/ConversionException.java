package io.litertj;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The one exception type of the converter. Every malformed, truncated or unsupported input ends in
 * one of these: the message says what went wrong, where, and how to fix it. The context (file,
 * node, op type) is also kept in fields so that tools can present it.
 */
public final class ConversionException extends RuntimeException {

  private final transient Path file;
  private final String node;
  private final String opType;

  private ConversionException(String message, Path file, String node, String opType, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.node = node;
    this.opType = opType;
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

    private Builder(String message) {
      this.message = message;
    }

    public Builder file(Path file) {
      this.file = file;
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

    /** How to fix it, in the user's terms. */
    public Builder hint(String hint) {
      this.hint = hint;
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
      if (hint != null) {
        text.append(rest.isEmpty() ? ". " : "\n").append(hint);
      }
      return new ConversionException(text.toString(), file, node, opType, cause);
    }
  }
}
