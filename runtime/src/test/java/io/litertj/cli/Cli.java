package io.litertj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the real command (the same entry point as {@code main}) and checks what a user sees. */
final class Cli {

  private Cli() {}

  record Outcome(int exit, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = LiteRtConvertCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  /**
   * A misuse: exit 2, one line saying what is wrong (containing {@code what}), at most one more
   * saying how to fix it (containing {@code fix}), then the pointer to --help; never the help itself,
   * never a stack trace.
   */
  static Outcome assertMisuse(Outcome o, String what, String fix) {
    assertEquals(2, o.exit(), o.err() + o.out());
    List<String> lines = o.errLines();
    assertTrue(lines.size() == 2 || lines.size() == 3, "expected two or three lines:\n" + o.err());
    assertTrue(lines.get(0).startsWith("litert-convert: error: ") && lines.get(0).contains(what),
        "first line should say " + what + ":\n" + o.err());
    if (fix != null) {
      assertEquals(3, lines.size(), o.err());
      assertTrue(lines.get(1).contains(fix), "second line should say " + fix + ":\n" + o.err());
    }
    assertEquals("See 'litert-convert --help'.", lines.get(lines.size() - 1), o.err());
    assertFalse(o.err().contains("Usage:") || o.err().contains("\tat "), o.err());
    return o;
  }
}
