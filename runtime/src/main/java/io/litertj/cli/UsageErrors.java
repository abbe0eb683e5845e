package io.litertj.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Prints a misuse of the command line in two or three lines, never the whole help: what is wrong,
 * how to fix it (when it can be said), then where the options are described. Exit code 2.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

  static final String SEE_HELP = "See 'litert-convert --help'.";

  private final PrintWriter err;

  UsageErrors(PrintWriter err) {
    this.err = err;
  }

  /**
   * A misuse found by our own checks: {@code what} is wrong, {@code fix} says how to fix it. Thrown
   * from the validation step, printed by this handler.
   */
  static final class Misuse extends CommandLine.ParameterException {
    private final String fix;

    Misuse(CommandLine line, String what, String fix) {
      super(line, what);
      this.fix = fix;
    }
  }

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine.ParameterException shown = e instanceof Misuse ? e : unknownOption(e.getCommandLine(), args, e);
    print(err, withoutPrefix(shown.getMessage()), shown instanceof Misuse m ? m.fix : fix(shown));
    return LiteRtConvertCommand.EXIT_USAGE;
  }

  /**
   * A mistyped option is the mistake to report, not the required option it was meant to be:
   * picocli checks required options first.
   */
  private static CommandLine.ParameterException unknownOption(CommandLine line, String[] args,
      CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException) {
      return e;
    }
    for (String arg : args) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (name.startsWith("--") && name.length() > 2 && line.getCommandSpec().findOption(name) == null) {
        return new CommandLine.UnmatchedArgumentException(line, List.of(arg));
      }
    }
    return e;
  }

  static void print(PrintWriter err, String what, String fix) {
    err.println("litert-convert: error: " + what);
    if (fix != null) {
      err.println(fix);
    }
    err.println(SEE_HELP);
    err.flush();
  }

  /** How to fix picocli's own findings: unknown, missing, repeated or exclusive options. */
  private static String fix(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u) {
      List<String> suggestions = u.getSuggestions();
      boolean option = u.getUnmatched().stream().anyMatch(a -> a.startsWith("-"));
      if (!suggestions.isEmpty() && option) {
        return "Did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?";
      }
      return option ? "Remove it, or write it as --help lists it."
          : "litert-convert takes no arguments besides options; a value with spaces needs quotes.";
    }
    if (e instanceof CommandLine.MissingParameterException m) {
      String names = m.getMissing().stream()
          .map(a -> a instanceof CommandLine.Model.OptionSpec o ? o.longestName() + " " + o.paramLabel()
              : a.paramLabel())
          .collect(Collectors.joining(", or "));
      return names.isEmpty() ? null : "Add " + names + ".";
    }
    if (e instanceof CommandLine.MutuallyExclusiveArgsException) {
      return "Convert one model at a time: keep one of them.";
    }
    if (e instanceof CommandLine.OverwrittenOptionException) {
      return "Give it once.";
    }
    return null;
  }

  private static String withoutPrefix(String message) {
    return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
  }
}
