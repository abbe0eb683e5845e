package io.litertj.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for every file litertj writes besides models (reports, recipe locks), through Jackson: trees
 * of maps (in insertion order), lists, strings, numbers, booleans and null, written with two-space
 * indentation and {@code \n} line ends, so the same tree gives the same bytes on every platform.
 */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    WRITER = MAPPER.writer(printer);
  }

  private Json() {}

  /** The tree as JSON text, with a final line end; lists of numbers (shapes) stay on one line. */
  public static String write(Object tree) {
    try {
      return WRITER.writeValueAsString(inlineNumberLists(tree)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON tree: " + e.getOriginalMessage(), e);
    }
  }

  private static Object inlineNumberLists(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, inlineNumberLists(v)));
      return out;
    }
    if (tree instanceof List<?> list) {
      if (!list.isEmpty() && list.stream().allMatch(v -> v instanceof Number)) {
        return new InlineList(list);
      }
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(inlineNumberLists(v)));
      return out;
    }
    return tree;
  }

  /** A list of numbers written as {@code [1, 224, 224, 3]}. */
  private record InlineList(List<?> values) implements JsonSerializable {
    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
      StringBuilder text = new StringBuilder("[");
      for (Object v : values) {
        text.append(text.length() == 1 ? "" : ", ").append(MAPPER.writeValueAsString(v));
      }
      gen.writeRawValue(text.append(']').toString());
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer type)
        throws IOException {
      serialize(gen, serializers);
    }
  }

  /**
   * Parses JSON text into a tree (maps, lists, strings, numbers, booleans, null).
   *
   * @throws IllegalArgumentException when the text is not JSON; the message gives line and column
   */
  public static Object parse(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException((at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr()
          + ": ") + e.getOriginalMessage(), e);
    }
  }

  /** A double as JSON has it: finite as a number, infinity as the string "Infinity" or "-Infinity", NaN as null. */
  public static Object number(double value) {
    if (Double.isNaN(value)) {
      return null;
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    return value;
  }
}
