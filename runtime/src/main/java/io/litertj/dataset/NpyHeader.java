package io.litertj.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header dictionary of a {@code .npy} file, parsed as the Python literal numpy writes:
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}, padded with spaces and a
 * newline. Exactly numpy's three keys; anything else is refused, as numpy refuses it.
 */
record NpyHeader(String descr, char order, String kind, int size, boolean fortranOrder, long[] shape) {

  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

  String shapeText() {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return s.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /** @throws IllegalArgumentException saying what is wrong, in a phrase */
  static NpyHeader parse(String text) {
    Parser p = new Parser(text);
    Map<String, Object> dict = p.dict();
    p.skipSpace();
    if (p.pos < text.length()) {
      throw new IllegalArgumentException("text after the dictionary");
    }
    if (!dict.keySet().equals(KEYS)) {
      throw new IllegalArgumentException("keys " + dict.keySet() + " instead of descr, fortran_order and shape");
    }
    if (!(dict.get("descr") instanceof String descr)) {
      throw new IllegalArgumentException("descr is not a string");
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw new IllegalArgumentException("fortran_order is not True or False");
    }
    if (!(dict.get("shape") instanceof long[] shape)) {
      throw new IllegalArgumentException("shape is not a tuple of integers");
    }
    int i = 0;
    char order = '|';
    if (!descr.isEmpty() && "<>|=".indexOf(descr.charAt(0)) >= 0) {
      order = descr.charAt(0);
      i = 1;
    }
    if (descr.length() < i + 1 || !Character.isLetter(descr.charAt(i))) {
      throw new IllegalArgumentException("descr '" + descr + "' is not a dtype");
    }
    // Object ('|O') and other sized-by-context dtypes have no item size: the reader refuses them by name.
    String digits = descr.substring(i + 1);
    if (!digits.matches("\\d{0,6}")) {
      throw new IllegalArgumentException("descr '" + descr + "' is not a simple dtype");
    }
    int size = digits.isEmpty() ? 0 : Integer.parseInt(digits);
    return new NpyHeader(descr, order == '=' ? '<' : order, descr.substring(i, i + 1), size, fortran, shape);
  }

  boolean bigEndian() {
    return order == '>';
  }

  /** A recursive-descent reader of the few Python literals a header holds. */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Map<String, Object> dict() {
      expect('{');
      Map<String, Object> out = new HashMap<>();
      skipSpace();
      while (peek() != '}') {
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        if (out.put(key, value()) != null) {
          throw new IllegalArgumentException("key '" + key + "' appears twice");
        }
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != '}') {
          throw new IllegalArgumentException("no comma after the value of '" + key + "'");
        }
      }
      pos++;
      return out;
    }

    private Object value() {
      char c = peek();
      if (c == '\'' || c == '"') {
        return string();
      }
      if (c == '(') {
        return tuple();
      }
      if (text.startsWith("True", pos)) {
        pos += 4;
        return Boolean.TRUE;
      }
      if (text.startsWith("False", pos)) {
        pos += 5;
        return Boolean.FALSE;
      }
      throw new IllegalArgumentException("unexpected '" + printable(c) + "' where a value belongs");
    }

    private long[] tuple() {
      expect('(');
      List<Long> dims = new ArrayList<>();
      skipSpace();
      while (peek() != ')') {
        dims.add(integer());
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != ')') {
          throw new IllegalArgumentException("no comma between the shape's dimensions");
        }
        if (dims.size() > 64) {
          throw new IllegalArgumentException("a shape of more than 64 dimensions");
        }
      }
      pos++;
      long[] out = new long[dims.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = dims.get(i);
      }
      return out;
    }

    private long integer() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      int digits = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos == digits || pos - digits > 18) {
        throw new IllegalArgumentException("a shape dimension that is not an integer of at most 18 digits");
      }
      long v = Long.parseLong(text.substring(start, pos));
      if (pos < text.length() && text.charAt(pos) == 'L') {
        pos++; // Python 2 long
      }
      return v;
    }

    private String string() {
      char quote = peek();
      if (quote != '\'' && quote != '"') {
        throw new IllegalArgumentException("a key that is not a quoted string");
      }
      int end = text.indexOf(quote, pos + 1);
      if (end < 0) {
        throw new IllegalArgumentException("an unterminated string");
      }
      String s = text.substring(pos + 1, end);
      pos = end + 1;
      return s;
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private char peek() {
      if (pos >= text.length()) {
        throw new IllegalArgumentException("the header ends early");
      }
      return text.charAt(pos);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("'" + printable(peek()) + "' where '" + c + "' belongs");
      }
      pos++;
    }

    private static String printable(char c) {
      return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }
  }
}
