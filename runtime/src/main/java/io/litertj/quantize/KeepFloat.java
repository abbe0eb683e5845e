package io.litertj.quantize;

import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Selective quantization: an op stays float when a pattern equals its builtin name
 * (case-insensitive, e.g. {@code SOFTMAX}) or matches one of its output tensor names as a glob
 * ({@code *} any run, {@code ?} one character, e.g. {@code *dense*}). A pattern written
 * {@code regex:EXPR} is a Java regular expression instead, matched in full against the builtin
 * name and the output tensor names. The one syntax of the CLI's {@code --keep_float}, the API and
 * recipes' {@code @Quantize(keepFloat)}.
 */
final class KeepFloat {

  private final List<String> ops;
  private final List<Pattern> globs;

  KeepFloat(List<String> patterns) {
    this.ops = patterns;
    this.globs = patterns.stream().map(KeepFloat::glob).toList();
  }

  boolean matches(Operator op) {
    for (String p : ops) {
      if (p.equalsIgnoreCase(op.op().name())) {
        return true;
      }
    }
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).startsWith(REGEX_PREFIX) && globs.get(i).matcher(op.op().name()).matches()) {
        return true;
      }
    }
    for (Tensor out : op.outputs()) {
      for (Pattern g : globs) {
        if (out != null && g.matcher(out.name()).matches()) {
          return true;
        }
      }
    }
    return false;
  }

  static final String REGEX_PREFIX = "regex:";

  private static Pattern glob(String text) {
    if (text.startsWith(REGEX_PREFIX)) {
      return Pattern.compile(text.substring(REGEX_PREFIX.length()));
    }
    StringBuilder re = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
